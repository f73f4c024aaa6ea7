package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.actlab.data.Dataset;
import org.actlab.data.Standardisation;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.HealthReport;
import org.actlab.diagnose.UnitState;
import org.actlab.nn.DenseLayer;
import org.actlab.nn.Network;
import org.actlab.nn.Trainer;
import org.actlab.nn.TrainingResult;

/**
 * The dying-unit procedures shared by the dead-relu and leaky-relu experiments: knocking one unit
 * out with a large negative bias update, and sweeping the learning rate and the bias initialisation.
 */
final class Dying {

    /**
     * The knock-out: one update to unit 0's bias that leaves its largest pre-activation over the
     * training rows at exactly this value, so the unit is off on every row by a margin of 1. A fixed
     * step (an earlier version used −100) tests nothing about recovery: no unit, leaky or not, climbs
     * back from 100 in a few epochs at a slope of 0.01.
     */
    static final float KNOCKOUT_MAX_Z = -1f;

    static final int KNOCKOUT_WIDTH = 16;
    static final int SWEEP_WIDTH = 32;
    static final double KNOCKOUT_RATE = 0.05;
    static final List<Double> RATES_FULL = List.of(1e-3, 1e-2, 0.1, 0.3, 1.0, 3.0);
    static final List<Double> RATES_QUICK = List.of(1e-2, 0.3, 1.0);
    /** The lecture's advice is a small positive bias: 0.01 and 0.1 are tested against 0, with −0.5 as the harmful end. */
    static final List<Double> BIASES = List.of(-0.5, 0.0, 0.01, 0.1);

    private Dying() {
    }

    /**
     * One knock-out trial.
     *
     * @param knockedState   the knocked-out unit's state on the training rows right after the update, by the
     *                       diagnostics' definitions ({@link Diagnostics#unitStates})
     * @param knockedMoved   whether any bit of its weights or bias changed during further training
     * @param othersMoved    how many of the other units changed
     * @param others         how many other units there are
     * @param biasAfterKnock the knocked-out unit's bias right after the update
     * @param activeRows     training rows on which the knocked-out unit is active (z &gt; 0) after further training
     * @param lossAtKnock    training loss right after the update
     * @param lossAfter      training loss after further training
     */
    record Knockout(UnitState knockedState, boolean knockedMoved, int othersMoved, int others, float biasAfterKnock,
                    int activeRows, double lossAtKnock, double lossAfter) {

        /** Recovered: the unit is active on some rows again and the loss has improved since the knock-out. */
        boolean recovered() {
            return activeRows > 0 && lossAfter < lossAtKnock;
        }
    }

    /** The setup of {@link #knockout}, for the experiments' setup text. */
    static String knockoutSetup(boolean quick) {
        return "knock-out: circle (400 rows, noise 0.1), 2 → " + KNOCKOUT_WIDTH + " → 1 sigmoid, He-normal, SGD at "
                + KNOCKOUT_RATE + ", batch 10, " + (quick ? 5 : 10) + " epochs; then unit 0's bias gets one update that "
                + "leaves its largest pre-activation on the training rows at " + KNOCKOUT_MAX_Z + " (off on every row) and "
                + "training goes on for " + (quick ? 5 : 10) + " more epochs. Recovered: the unit is active (z > 0) on at "
                + "least one training row again and the training loss is below its value right after the knock-out. The "
                + "float bits of every unit's weights and bias are compared before and after, and the diagnostics classify "
                + "the unit (dead, saturated or healthy) right after the update.";
    }

    /** Trains, knocks unit 0 out with {@link #KNOCKOUT_BIAS_STEP}, trains on and compares bits. */
    static Knockout knockout(String activation, boolean quick, long seed) {
        int epochs = quick ? 5 : 10;
        Dataset train = Lab.data("circle", 400, 0.1, seed);
        Network net = Network.create(Lab.binary(2, Lab.hidden(1, KNOCKOUT_WIDTH, activation), "he_normal", "zeros"), seed);
        new Trainer(net, Lab.sgd(epochs, 10, KNOCKOUT_RATE, seed), train, null).run();
        DenseLayer hidden = net.layers().get(0);
        hidden.bias()[0] += KNOCKOUT_MAX_Z - maxZ(net.trace(train.x(), train.n()).get(0).z(), train.n(), hidden.units());
        float biasAfterKnock = hidden.bias()[0];
        double lossAtKnock = net.loss(train);

        Network.LayerTrace trace = net.trace(train.x(), train.n()).get(0);
        UnitState knockedState = Diagnostics.unitStates(hidden.activation(), trace.z(), train.n(), hidden.units(),
                HealthFigures.CONFIG)[0];
        int[][] before = bits(hidden);
        new Trainer(net, Lab.sgd(epochs, 10, KNOCKOUT_RATE, seed + 1), train, null).run();
        int[][] after = bits(hidden);
        float[] zAfter = net.trace(train.x(), train.n()).get(0).z();
        int activeRows = 0;
        for (int row = 0; row < train.n(); row++) {
            activeRows += zAfter[row * hidden.units()] > 0 ? 1 : 0;
        }
        int othersMoved = 0;
        for (int u = 1; u < hidden.units(); u++) {
            othersMoved += Arrays.equals(before[u], after[u]) ? 0 : 1;
        }
        return new Knockout(knockedState, !Arrays.equals(before[0], after[0]), othersMoved, hidden.units() - 1, biasAfterKnock,
                activeRows, lossAtKnock, net.loss(train));
    }

    /** The largest pre-activation of unit 0 over the rows (z is row-major: rows × units). */
    private static float maxZ(float[] z, int rows, int units) {
        float max = Float.NEGATIVE_INFINITY;
        for (int row = 0; row < rows; row++) {
            max = Math.max(max, z[row * units]);
        }
        return max;
    }

    /** The knock-out of {@code activation} with seed {@code seed}, as a trial of {@code experiment}. */
    static Trial knockoutTrial(String experiment, String activation, boolean quick, long seed) {
        return Trial.of(experiment, "knockout").with("activation", activation).with("quick", quick).with("seed", seed).build();
    }

    /** Runs a {@link #knockoutTrial}. */
    static TrialResult runKnockout(Trial trial) {
        Knockout k = knockout(trial.text("activation"), trial.flag("quick"), trial.seed());
        return TrialResult.of(trial).put("knocked state", k.knockedState().name()).put("knocked moved", k.knockedMoved())
                .put("others moved", k.othersMoved()).put("others", k.others())
                .put("bias after knock", (double) k.biasAfterKnock()).put("active rows", k.activeRows())
                .put("loss at knock", k.lossAtKnock()).put("loss after", k.lossAfter()).build();
    }

    /**
     * The knock-outs of some activations, one per seed ({@link #trials}): per activation, whether the unit
     * recovered (1 or 0) by seed, and a table row per activation ("seeds where the unit recovered", "rows where the unit is
     * active after training on", then what {@code moreRows} adds from that activation's knock-outs).
     */
    record Knockouts(Map<String, double[]> recovered, Map<String, Object> table) {

        /** The knock-out trials of these activations, activation-major, one per seed. */
        static List<Trial> trials(String experiment, List<String> activations, RunOptions options) {
            List<Trial> trials = new ArrayList<>();
            for (String activation : activations) {
                for (int s = 0; s < options.seeds(); s++) {
                    trials.add(knockoutTrial(experiment, activation, options.quick(), options.seed(s)));
                }
            }
            return trials;
        }

        static Knockouts of(String experiment, List<String> activations, RunOptions options, Trials.Lookup done,
                            BiConsumer<List<Knockout>, Map<String, Object>> moreRows) {
            Map<String, double[]> recovered = new LinkedHashMap<>();
            Map<String, Object> table = new LinkedHashMap<>();
            for (String activation : activations) {
                List<Knockout> seeds = new ArrayList<>();
                for (int s = 0; s < options.seeds(); s++) {
                    seeds.add(knockout(done.get(knockoutTrial(experiment, activation, options.quick(), options.seed(s)))));
                }
                double[] rec = seeds.stream().mapToDouble(k -> k.recovered() ? 1 : 0).toArray();
                recovered.put(activation, rec);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("seeds where the unit recovered", (int) Arrays.stream(rec).sum());
                row.put("rows where the unit is active after training on",
                        Summary.of(seeds.stream().mapToDouble(Knockout::activeRows).toArray()));
                moreRows.accept(seeds, row);
                table.put(activation, row);
            }
            return new Knockouts(recovered, table);
        }

        /** How many seeds the unit of {@code activation} recovered in. */
        int recoveredSeeds(String activation) {
            return (int) Arrays.stream(recovered.get(activation)).sum();
        }
    }

    /** The knock-out of a {@link #knockoutTrial}'s result. */
    static Knockout knockout(TrialResult r) {
        return new Knockout(UnitState.valueOf(r.text("knocked state")), r.flag("knocked moved"), r.integer("others moved"),
                r.integer("others"), (float) r.number("bias after knock"), r.integer("active rows"),
                r.number("loss at knock"), r.number("loss after"));
    }

    /** Per unit: the raw float bits of its incoming weights followed by its bias. */
    private static int[][] bits(DenseLayer layer) {
        int[][] out = new int[layer.units()][layer.inputs() + 1];
        for (int u = 0; u < layer.units(); u++) {
            for (int k = 0; k < layer.inputs(); k++) {
                out[u][k] = Float.floatToRawIntBits(layer.weights()[u * layer.inputs() + k]);
            }
            out[u][layer.inputs()] = Float.floatToRawIntBits(layer.bias()[u]);
        }
        return out;
    }

    /**
     * The sweep's figures.
     *
     * @param deadShare    per bias init, per learning rate: dead share over seeds
     * @param saturated    per bias init, per learning rate: saturated share of hidden pairs over seeds
     * @param diverged     runs that diverged (left out of the figures)
     * @param rates        the learning rates swept
     * @param maxDead      the largest mean dead share of any cell
     * @param deadBySeed   per bias init, per learning rate: the dead share of each seed (NaN when diverged)
     * @param accuracyBySeed the same for the training accuracy
     */
    record Sweep(Map<Double, Map<Double, Summary>> deadShare, Map<Double, Map<Double, Summary>> saturated,
                 int diverged, List<Double> rates, double maxDead, Map<Double, Map<Double, double[]>> deadBySeed,
                 Map<Double, Map<Double, double[]>> accuracyBySeed) {

        /**
         * Per seed: the mean over the learning rates up to {@code maxRate} of a per-cell figure for one bias
         * init (NaN when any of those cells diverged, so that pairs stay like with like).
         */
        static double[] perSeed(Map<Double, Map<Double, double[]>> bySeed, double bias, double maxRate) {
            double[] out = null;
            int cells = 0;
            for (Map.Entry<Double, double[]> cell : bySeed.get(bias).entrySet()) {
                if (cell.getKey() > maxRate) {
                    continue;
                }
                if (out == null) {
                    out = new double[cell.getValue().length];
                }
                for (int s = 0; s < out.length; s++) {
                    out[s] += cell.getValue()[s];
                }
                cells++;
            }
            if (out == null) {
                throw new IllegalArgumentException("no learning rate up to " + maxRate + " in the sweep");
            }
            for (int s = 0; s < out.length; s++) {
                out[s] /= cells;
            }
            return out;
        }

        /** The largest mean saturated share of any cell (NaN cells skipped). */
        double maxSaturated() {
            double max = 0;
            for (Map<Double, Summary> row : saturated.values()) {
                for (Summary cell : row.values()) {
                    if (cell.n() > 0) {
                        max = Math.max(max, cell.mean());
                    }
                }
            }
            return max;
        }

        /** The dead-share table for the figures: bias → rate → summary. */
        Map<String, Object> table() {
            Map<String, Object> out = new LinkedHashMap<>();
            deadShare.forEach((bias, row) -> {
                Map<String, Object> cells = new LinkedHashMap<>();
                row.forEach((rate, summary) -> cells.put("lr " + Figures.format(rate), summary));
                out.put("bias " + Figures.format(bias), cells);
            });
            return out;
        }

        /** The mean dead share for one bias init over the rates up to {@code maxRate} (NaN cells skipped). */
        double meanDead(double bias, double maxRate) {
            double sum = 0;
            int n = 0;
            for (Map.Entry<Double, Summary> cell : deadShare.get(bias).entrySet()) {
                if (cell.getKey() <= maxRate && cell.getValue().n() > 0) {
                    sum += cell.getValue().mean();
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        /** The mean dead share at one learning rate over the bias inits (NaN cells skipped). */
        double meanDeadAtRate(double rate) {
            double sum = 0;
            int n = 0;
            for (Map<Double, Summary> row : deadShare.values()) {
                Summary cell = row.get(rate);
                if (cell.n() > 0) {
                    sum += cell.mean();
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        /** One chart series per bias: mean dead share against learning rate. */
        List<Chart.Series> series() {
            List<Chart.Series> out = new ArrayList<>();
            deadShare.forEach((bias, row) -> {
                double[] y = new double[rates.size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = row.get(rates.get(i)).mean();
                }
                out.add(new Chart.Series("bias init " + Figures.format(bias), Lab.doubles(rates), y));
            });
            return out;
        }
    }

    /** The setup of {@link #sweep}, for the experiments' setup text. */
    static String sweepSetup(boolean quick) {
        return "sweep: circle (400 rows, noise 0.1, inputs standardised), 2 → " + SWEEP_WIDTH + " → " + SWEEP_WIDTH + " → 1 sigmoid, He-normal "
                + "weights, hidden biases set to −0.5, 0, +0.01 or +0.1, SGD at learning rates "
                + (quick ? RATES_QUICK : RATES_FULL) + ", batch 10, " + (quick ? 8 : 30) + " epochs; the diagnostics (as train "
                + "--diagnose) evaluate the trained network on the training rows: a hidden unit is dead when f'(z) = 0 on "
                + "every row; the training accuracy is measured too.";
    }

    private static List<Double> rates(boolean quick) {
        return quick ? RATES_QUICK : RATES_FULL;
    }

    /** One cell of the sweep for one seed, as a trial of {@code experiment}. */
    private static Trial sweepTrial(String experiment, String activation, double bias, double rate, boolean quick, long seed) {
        return Trial.of(experiment, "sweep-cell").with("activation", activation).with("bias", bias).with("rate", rate)
                .with("epochs", quick ? 8 : 30).with("seed", seed).build();
    }

    /** The trials of {@link #sweep}: one network per (bias init, learning rate, seed). */
    static List<Trial> sweepTrials(String experiment, String activation, RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        for (double bias : BIASES) {
            for (double rate : rates(options.quick())) {
                for (int s = 0; s < options.seeds(); s++) {
                    trials.add(sweepTrial(experiment, activation, bias, rate, options.quick(), options.seed(s)));
                }
            }
        }
        return trials;
    }

    /** Trains one sweep network; the diagnostics measure dead share and saturation (NaN when training diverged). */
    static TrialResult runSweepCell(Trial trial) {
        int epochs = trial.integer("epochs");
        long seed = trial.seed();
        Dataset train = standardised(Lab.data("circle", 400, 0.1, seed));
        Network net = Network.create(Lab.binary(2, Lab.hidden(2, SWEEP_WIDTH, trial.text("activation")), "he_normal", "zeros"), seed);
        for (int l = 0; l < net.layers().size() - 1; l++) {
            Arrays.fill(net.layers().get(l).bias(), (float) trial.number("bias"));
        }
        Diagnostics diagnostics = HealthFigures.listener(train, epochs);
        TrainingResult result = new Trainer(net, Lab.sgd(epochs, 10, trial.number("rate"), seed), train, null)
                .addListener(diagnostics).run();
        if (result.stopped() != null) {
            return TrialResult.of(trial).put("diverged", true).put("dead", Double.NaN).put("saturated", Double.NaN)
                    .put("accuracy", Double.NaN).build();
        }
        HealthReport health = HealthFigures.last(diagnostics);
        return TrialResult.of(trial).put("diverged", false).put("dead", HealthFigures.hiddenDeadShare(health))
                .put("saturated", HealthFigures.hiddenSaturatedShare(health)).put("accuracy", net.accuracy(train)).build();
    }

    /** The sweep's figures from the results of {@link #sweepTrials}. */
    static Sweep sweep(String experiment, String activation, RunOptions options, Trials.Lookup done) {
        List<Double> rates = rates(options.quick());
        Map<Double, Map<Double, Summary>> dead = new LinkedHashMap<>();
        Map<Double, Map<Double, Summary>> saturation = new LinkedHashMap<>();
        Map<Double, Map<Double, double[]>> deadBySeed = new LinkedHashMap<>();
        Map<Double, Map<Double, double[]>> accuracyBySeed = new LinkedHashMap<>();
        int diverged = 0;
        double maxDead = 0;
        for (double bias : BIASES) {
            Map<Double, double[]> deadSeeds = new LinkedHashMap<>();
            Map<Double, double[]> accuracySeeds = new LinkedHashMap<>();
            deadBySeed.put(bias, deadSeeds);
            accuracyBySeed.put(bias, accuracySeeds);
            Map<Double, Summary> deadRow = new LinkedHashMap<>();
            Map<Double, Summary> saturationRow = new LinkedHashMap<>();
            for (double rate : rates) {
                Trials.Seeds runs = done.seeds(options, seed -> sweepTrial(experiment, activation, bias, rate, options.quick(), seed));
                diverged += runs.diverged();
                double[] deadShare = runs.number("dead");
                double[] saturatedShare = runs.number("saturated");
                double[] accuracy = runs.number("accuracy");
                deadSeeds.put(rate, deadShare);
                accuracySeeds.put(rate, accuracy);
                Summary d = Summary.of(deadShare);
                deadRow.put(rate, d);
                saturationRow.put(rate, Summary.of(saturatedShare));
                if (d.n() > 0) {
                    maxDead = Math.max(maxDead, d.mean());
                }
            }
            dead.put(bias, deadRow);
            saturation.put(bias, saturationRow);
        }
        return new Sweep(dead, saturation, diverged, rates, maxDead, deadBySeed, accuracyBySeed);
    }

    /** The data with each input column scaled to mean 0 and standard deviation 1, as networks are usually fed. */
    static Dataset standardised(Dataset data) {
        return Standardisation.fit(data).apply(data);
    }
}
