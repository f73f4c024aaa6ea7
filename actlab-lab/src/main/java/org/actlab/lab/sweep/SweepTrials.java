package org.actlab.lab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.actlab.diagnose.HealthReport;
import org.actlab.diagnose.LayerHealth;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.lab.run.RunConfig;
import org.actlab.lab.run.RunJson;
import org.actlab.lab.run.RunResult;
import org.actlab.lab.run.TrainingRun;

/**
 * A sweep trial is a whole {@link RunConfig} as a {@link Trial} of the pseudo-experiment
 * {@value #EXPERIMENT}; {@link #run} trains it with the shared runner ({@link TrainingRun}, with
 * diagnostics on) and measures it. A trial that throws or diverges gives a result all the same, with
 * its error, so one bad configuration never stops a sweep.
 */
public final class SweepTrials {

    /** The experiment name sweep trials carry, by which {@code Trials.run} finds this runner. */
    public static final String EXPERIMENT = "sweep";
    /** The measure name. */
    public static final String MEASURE = "train";

    private SweepTrials() {
    }

    /** The trial of a run description: every field of the config, in declaration order (nulls left out). */
    public static Trial trial(RunConfig config) {
        // The JSON form: every spec in its canonical text, so the trial is plain data.
        Map<?, ?> fields = RunJson.mapper().convertValue(config, Map.class);
        Trial.Builder b = Trial.of(EXPERIMENT, MEASURE);
        for (String name : RunConfig.SETTINGS.keySet()) {
            Object v = fields.get(name);
            if (v != null) {
                b.with(name, v);
            }
        }
        return b.build();
    }

    /** The run description a trial carries. */
    public static RunConfig config(Trial trial) {
        if (!EXPERIMENT.equals(trial.experiment())) {
            throw new IllegalArgumentException("not a sweep trial: " + trial);
        }
        return RunJson.mapper().convertValue(trial.run(), RunConfig.class);
    }

    /**
     * Trains the trial's run and measures it: {@code trainLoss}, {@code testLoss},
     * {@code trainAccuracy}, {@code testAccuracy}, {@code diverged}, {@code divergedEpoch} (−1 when
     * not), {@code dead} and {@code saturated} (share per layer, hidden layers then output, from the
     * last health report), {@code gradientRatio} (‖dL/dW‖ of the first layer over the last),
     * {@code wallSeconds} and {@code error} ("" when none). Never throws for a bad run.
     */
    public static TrialResult run(Trial trial) {
        long start = System.nanoTime();
        double trainLoss = Double.NaN;
        double testLoss = Double.NaN;
        double trainAccuracy = Double.NaN;
        double testAccuracy = Double.NaN;
        boolean diverged = false;
        long divergedEpoch = -1;
        List<Double> dead = new ArrayList<>();
        List<Double> saturated = new ArrayList<>();
        double gradientRatio = Double.NaN;
        String error = "";
        try {
            TrainingRun run = TrainingRun.prepare(config(trial)).diagnose(true);
            RunResult result = run.run(TrainingRun.Progress.none());
            RunResult.Metrics m = result.metrics();
            trainLoss = m.trainLoss();
            testLoss = m.testLoss();
            trainAccuracy = m.trainAccuracy();
            testAccuracy = m.testAccuracy();
            if (result.diverged()) {
                diverged = true;
                divergedEpoch = result.history().size();
                error = result.stopped();
            }
            HealthReport health = run.diagnostics().latest().orElse(null);
            if (health != null) {
                for (LayerHealth layer : health.layers()) {
                    dead.add(layer.deadFraction());
                    saturated.add(layer.saturatedFraction());
                }
                gradientRatio = health.gradientRatio();
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Map<String, Object> measures = new LinkedHashMap<>();
        measures.put("trainLoss", trainLoss);
        measures.put("testLoss", testLoss);
        measures.put("trainAccuracy", trainAccuracy);
        measures.put("testAccuracy", testAccuracy);
        measures.put("diverged", diverged);
        measures.put("divergedEpoch", divergedEpoch);
        measures.put("dead", dead);
        measures.put("saturated", saturated);
        measures.put("gradientRatio", gradientRatio);
        measures.put("wallSeconds", (System.nanoTime() - start) / 1e9);
        measures.put("error", error == null ? "" : error);
        return new TrialResult(trial, measures);
    }
}
