package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.data.Dataset;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.UnitState;
import org.actlab.nn.Network;
import org.actlab.nn.Trainer;

/**
 * Claim 10: leaky ReLU, f(x) = x for x &gt; 0 and αx otherwise (α = 0.01), has f' ≥ α &gt; 0
 * everywhere, so no unit can die: gradients keep flowing even into a unit knocked far negative, and
 * its negative outputs pull the mean output closer to zero than ReLU's.
 */
public final class LeakyRelu implements Experiment {

    private static final double COMPARISON_RATE = 0.1;

    @Override
    public String name() {
        return "leaky-relu";
    }

    @Override
    public String claim() {
        return "Leaky ReLU neither saturates nor dies: the dead-relu sweeps leave no dead unit, gradients keep flowing "
                + "into a knocked-out unit, and its mean output is closer to zero than ReLU's.";
    }

    @Override
    public String setup() {
        return "The dead-relu procedures with leaky_relu (slope 0.01): (a) " + Dying.knockoutSetup(false) + " (b) "
                + Dying.sweepSetup(false) + " (c) the diagnostics' mean hidden output μ (training rows) of relu and "
                + "leaky_relu networks of the sweep with bias 0 and learning rate " + COMPARISON_RATE + ", same seeds. Quick: fewer epochs and rates.";
    }

    @Override
    public String criterion() {
        return "Supported when no sweep cell has a dead unit, the knocked-out unit moves in every seed, and the mean "
                + "|mean hidden output| of leaky_relu is below ReLU's. Not supported when any unit is dead, no knocked-out "
                + "unit moves, or leaky_relu's |mean output| exceeds ReLU's. Inconclusive otherwise.";
    }

    /**
     * The verdict.
     *
     * @param maxDead          the largest mean dead share of any sweep cell
     * @param trials           knock-out trials
     * @param knockedMoved     trials where the knocked-out unit moved
     * @param leakyMeanOutput  mean over seeds of |mean hidden output| with leaky_relu
     * @param reluMeanOutput   the same with relu
     */
    static Verdict judge(double maxDead, int trials, int knockedMoved, double leakyMeanOutput, double reluMeanOutput) {
        boolean supported = maxDead == 0 && trials > 0 && knockedMoved == trials && leakyMeanOutput < reluMeanOutput;
        boolean contradicted = !(maxDead == 0) || knockedMoved == 0 || leakyMeanOutput > reluMeanOutput;
        return Verdict.of(supported, contradicted);
    }

    private static final List<String> COMPARED = List.of("leaky_relu", "relu");

    private Trial outputTrial(String activation, boolean quick, long seed) {
        return Trial.of(name(), "mean-output").with("activation", activation).with("epochs", quick ? 8 : 30)
                .with("seed", seed).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        for (int s = 0; s < options.seeds(); s++) {
            trials.add(Dying.knockoutTrial(name(), "leaky_relu", options.quick(), options.seed(s)));
        }
        trials.addAll(Dying.sweepTrials(name(), "leaky_relu", options));
        for (int s = 0; s < options.seeds(); s++) {
            for (String activation : COMPARED) {
                trials.add(outputTrial(activation, options.quick(), options.seed(s)));
            }
        }
        return trials;
    }

    /** A knock-out, one cell of the sweep (see {@link Dying}), or the |mean hidden output| of one trained network. */
    @Override
    public TrialResult runTrial(Trial trial) {
        switch (trial.measure()) {
            case "knockout":
                return Dying.runKnockout(trial);
            case "sweep-cell":
                return Dying.runSweepCell(trial);
            default:
                int epochs = trial.integer("epochs");
                long seed = trial.seed();
                Dataset train = Dying.standardised(Lab.data("circle", 400, 0.1, seed));
                Network net = Network.create(Lab.binary(2, Lab.hidden(2, Dying.SWEEP_WIDTH, trial.text("activation")),
                        "he_normal", "zeros"), seed);
                Diagnostics diagnostics = HealthFigures.listener(train, epochs);
                new Trainer(net, Lab.sgd(epochs, 10, COMPARISON_RATE, seed), train, null).addListener(diagnostics).run();
                return TrialResult.of(trial)
                        .put("mean output", Math.abs(HealthFigures.hiddenMeanActivation(HealthFigures.last(diagnostics)))).build();
        }
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        int knockedMoved = 0;
        int knockedDead = 0;
        double[] othersMovedShare = new double[options.seeds()];
        double[] biasAfter = new double[options.seeds()];
        for (int s = 0; s < options.seeds(); s++) {
            Dying.Knockout k = Dying.knockout(done.get(Dying.knockoutTrial(name(), "leaky_relu", options.quick(), options.seed(s))));
            knockedMoved += k.knockedMoved() ? 1 : 0;
            knockedDead += k.knockedState() == UnitState.DEAD ? 1 : 0;
            othersMovedShare[s] = (double) k.othersMoved() / k.others();
            biasAfter[s] = k.biasAfterKnock();
        }
        Dying.Sweep sweep = Dying.sweep(name(), "leaky_relu", options, done);

        double[] leakyOutput = new double[options.seeds()];
        double[] reluOutput = new double[options.seeds()];
        for (int s = 0; s < options.seeds(); s++) {
            for (String activation : COMPARED) {
                double mean = done.get(outputTrial(activation, options.quick(), options.seed(s))).number("mean output");
                (activation.equals("relu") ? reluOutput : leakyOutput)[s] = mean;
            }
        }
        Summary leaky = Summary.of(leakyOutput);
        Summary relu = Summary.of(reluOutput);
        Verdict verdict = judge(sweep.maxDead(), options.seeds(), knockedMoved, leaky.mean(), relu.mean());

        Map<String, Object> knockout = new LinkedHashMap<>();
        knockout.put("trials", options.seeds());
        knockout.put("knocked-out units that moved", knockedMoved);
        knockout.put("knocked-out units dead right after the update", knockedDead);
        knockout.put("bias right after the knock-out", Summary.of(biasAfter));
        knockout.put("share of other units that moved", Summary.of(othersMovedShare));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("leaky_relu", leaky);
        output.put("relu", relu);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "max dead share %s; knocked-out units moved %d of %d; |mean output| leaky %s vs relu %s",
                Figures.percent(sweep.maxDead()), knockedMoved, options.seeds(), Figures.format(leaky.mean()),
                Figures.format(relu.mean())));
        figures.put("(a) knock-out", knockout);
        figures.put("(b) largest cell dead share", sweep.maxDead());
        figures.put("(b) largest cell saturated share of hidden pairs", sweep.maxSaturated());
        figures.put("(b) diverged runs (left out)", sweep.diverged());
        figures.put("(b) dead share by bias init and learning rate (mean ± std [min, max] over seeds)", sweep.table());
        figures.put("(c) |mean hidden output| (mean ± std [min, max] over seeds)", output);
        List<Chart> charts = List.of(
                Chart.lines("Dead leaky-ReLU share after training against the learning rate", "learning rate",
                        "dead share of hidden units", true, false, sweep.series()),
                Chart.bars("|Mean hidden output|, bias 0, learning rate " + COMPARISON_RATE, "activation",
                        "|mean output|", false, List.of("leaky_relu", "relu"),
                        List.of(new Chart.Series("mean over seeds", null, new double[] {leaky.mean(), relu.mean()}))));
        return new ExperimentResult(name(), claim(), setup().replace("Quick: fewer epochs and rates.",
                options.quick() ? "(quick run: " + Dying.sweepSetup(true) + ")" : ""), criterion(),
                verdict, figures, options.seedList(), charts);
    }
}
