package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.diagnose.UnitState;

/**
 * Claim 9: a ReLU unit whose pre-activation is negative on every input gets no gradient
 * (ReLU'(z) = 0 for z &lt; 0), so once a large negative bias update pushes it there it never moves
 * again; large learning rates kill more units, and a slightly positive bias initialisation helps.
 */
public final class DeadRelu extends StatedExperiment {

    /** Pre-registered: a knocked-out unit "never recovers" when the share of seeds where it recovers is below this. */
    static final double RECOVERY_SHARE = 0.5;
    /** Pre-registered: the high learning rate must leave more than this extra dead share (paired, bias 0). */
    static final double RATE_MARGIN = 0.02;
    /** Pre-registered: a positive bias "helps" when it removes more than this dead share against bias 0. */
    static final double BIAS_MARGIN = 0.01;
    /** The learning rates compared: the high one is the largest that is in both the quick and the full sweep. */
    static final double LOW_RATE = 0.01;
    static final double HIGH_RATE = 1.0;
    /** The bias inits are compared at learning rates up to this, where the rate itself does not kill most units. */
    static final double MODERATE_RATE = 0.3;

    public DeadRelu() {
        super("dead-relu",
                "ReLU units can die: after a large negative bias update a unit outputs 0 on every input, gets no gradient "
                        + "and never changes again; large learning rates kill more units, and a slightly positive bias "
                        + "initialisation helps.",
                "(a) " + Dying.knockoutSetup(false) + " Run for relu and, as the control, leaky_relu. (b, c, d) " + Dying.sweepSetup(false) + " Quick: fewer epochs and rates.",
                String.format(Locale.ROOT, "Four pre-registered effects, each with a 95%% t interval over seeds (paired by seed "
                                + "where two arms are compared). (a) Share of seeds whose knocked-out relu unit recovers (active on "
                                + "some row again and lower loss) below %.1f; control: the same share for leaky_relu must not be "
                                + "below %.1f. (b) Dead share at lr %s minus lr %s (bias 0) above %.2f. (c) Dead share with bias 0 "
                                + "minus bias +0.1, mean over lr ≤ %s, above %.2f; (d) the same for bias +0.01. Supported when every "
                                + "claim interval clears its margin; not supported when any lies wholly on the wrong side.",
                        RECOVERY_SHARE, RECOVERY_SHARE, Figures.format(HIGH_RATE), Figures.format(LOW_RATE), RATE_MARGIN,
                        Figures.format(MODERATE_RATE), BIAS_MARGIN));
    }

    /** The setup as run: a quick run states its own sizes where the full setup says "Quick: fewer epochs and rates.". */
    @Override
    String setup(RunOptions options) {
        return setup().replace("Quick: fewer epochs and rates.",
                options.quick() ? "(quick run: " + Dying.sweepSetup(true) + ")" : "");
    }

    /** The (a) effects: per-seed recovery (1 or 0) of the relu knock-out (claim) and the leaky_relu one (control). */
    static List<Effect> knockoutEffects(double[] reluRecovered, double[] leakyRecovered) {
        return List.of(
                Effect.ofSeeds("share of seeds where the knocked-out relu unit recovers", Effect.Role.claim,
                        Effect.Direction.below, RECOVERY_SHARE, reluRecovered),
                Effect.ofSeeds("share of seeds where the knocked-out leaky_relu unit recovers", Effect.Role.control,
                        Effect.Direction.below, RECOVERY_SHARE, leakyRecovered));
    }

    /** The knock-out's claim arm and its control. */
    private static final List<String> KNOCKED = List.of("relu", "leaky_relu");

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>(Dying.Knockouts.trials(name(), KNOCKED, options));
        trials.addAll(Dying.sweepTrials(name(), "relu", options));
        return trials;
    }

    /** A knock-out or one cell of the sweep, see {@link Dying}. */
    @Override
    public TrialResult runTrial(Trial trial) {
        return trial.measure().equals("knockout") ? Dying.runKnockout(trial) : Dying.runSweepCell(trial);
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        Dying.Knockouts knockouts = Dying.Knockouts.of(name(), KNOCKED, options, done, (seeds, row) -> {
            row.put("training loss change since the knock-out",
                    Summary.of(seeds.stream().mapToDouble(k -> k.lossAfter() - k.lossAtKnock()).toArray()));
            row.put("seeds where the unit was dead right after the knock-out (f' = 0 on every row)",
                    (int) seeds.stream().filter(k -> k.knockedState() == UnitState.DEAD).count());
            row.put("seeds where the unit's bits changed", (int) seeds.stream().filter(Dying.Knockout::knockedMoved).count());
        });
        Map<String, double[]> recovered = knockouts.recovered();
        Dying.Sweep sweep = Dying.sweep(name(), "relu", options, done);
        double[] deadLow = sweep.deadBySeed().get(0.0).get(LOW_RATE);
        double[] deadHigh = sweep.deadBySeed().get(0.0).get(HIGH_RATE);
        double[] deadZero = Dying.Sweep.perSeed(sweep.deadBySeed(), 0.0, MODERATE_RATE);
        List<Effect> effects = new ArrayList<>(knockoutEffects(recovered.get("relu"), recovered.get("leaky_relu")));
        effects.add(Effect.paired("dead share lr " + Figures.format(HIGH_RATE) + " − lr " + Figures.format(LOW_RATE)
                + " (bias 0)", Effect.Role.claim, Effect.Direction.above, RATE_MARGIN, deadHigh, deadLow));
        Map<String, Object> accuracyByBias = new LinkedHashMap<>();
        double[] accuracyZero = Dying.Sweep.perSeed(sweep.accuracyBySeed(), 0.0, MODERATE_RATE);
        for (double bias : List.of(0.1, 0.01)) {
            effects.add(Effect.paired("dead share bias 0 − bias +" + Figures.format(bias) + " (lr ≤ "
                            + Figures.format(MODERATE_RATE) + ")", Effect.Role.claim, Effect.Direction.above, BIAS_MARGIN,
                    deadZero, Dying.Sweep.perSeed(sweep.deadBySeed(), bias, MODERATE_RATE)));
            Statistics.Interval gain = Statistics.meanInterval(Statistics.differences(
                    Dying.Sweep.perSeed(sweep.accuracyBySeed(), bias, MODERATE_RATE), accuracyZero));
            accuracyByBias.put("bias +" + Figures.format(bias) + " − bias 0", gain.text());
        }

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "knocked-out unit recovered: relu %d/%d, leaky %d/%d; dead share lr %s→%s: %s→%s; bias 0/+0.01/+0.1 at "
                        + "lr ≤ %s: %s/%s/%s",
                knockouts.recoveredSeeds("relu"), options.seeds(), knockouts.recoveredSeeds("leaky_relu"), options.seeds(),
                Figures.format(LOW_RATE), Figures.format(HIGH_RATE), Figures.percent(Summary.of(deadLow).mean()),
                Figures.percent(Summary.of(deadHigh).mean()), Figures.format(MODERATE_RATE),
                Figures.percent(sweep.meanDead(0.0, MODERATE_RATE)), Figures.percent(sweep.meanDead(0.01, MODERATE_RATE)),
                Figures.percent(sweep.meanDead(0.1, MODERATE_RATE))));
        figures.put("(a) knock-out and recovery", knockouts.table());
        figures.put("(c, d) training accuracy change with a positive bias, lr ≤ " + Figures.format(MODERATE_RATE)
                + " (paired t interval)", accuracyByBias);
        figures.put("largest cell dead share", sweep.maxDead());
        figures.put("diverged runs (left out)", sweep.diverged());
        figures.put("dead share by bias init and learning rate (mean ± std [min, max] over seeds)", sweep.table());
        List<Chart> charts = List.of(Chart.lines("Dead ReLU share after training against the learning rate",
                "learning rate", "dead share of hidden units", true, false, sweep.series()));
        return result(options, figures, options.seedList(), charts, effects);
    }
}
