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
public final class DeadRelu implements Experiment {

    /** Differences in dead share smaller than this are treated as noise. */
    static final double DEAD_MARGIN = 0.02;
    /** The largest learning rate must leave at least this much more dead share than the smallest. */
    static final double MIN_RATE_EFFECT = 0.1;
    /** The bias inits are compared at learning rates up to this, where the rate itself does not kill most units. */
    static final double MODERATE_RATE = 0.3;

    @Override
    public String name() {
        return "dead-relu";
    }

    @Override
    public String claim() {
        return "ReLU units can die: after a large negative bias update a unit outputs 0 on every input, gets no gradient "
                + "and never changes again; large learning rates kill more units, and a slightly positive bias "
                + "initialisation helps.";
    }

    @Override
    public String setup() {
        return "(a) " + Dying.knockoutSetup(false) + " (b, c) " + Dying.sweepSetup(false) + " Quick: fewer epochs and rates.";
    }

    @Override
    public String criterion() {
        return String.format(Locale.ROOT, "Supported when (a) in every seed the knocked-out unit is dead right after the "
                        + "update (the diagnostics' definition: f'(z) = 0 on every training row) and its weights and bias "
                        + "stay bit-identical while other units move; (b) the largest learning rate "
                        + "leaves a mean dead share at least %.2f above the smallest; and (c) at learning rates ≤ %s the "
                        + "mean dead share with bias +0.1 is at most that with bias 0 (+%.2f) and at least %.2f below that "
                        + "with bias −0.5. Not supported when a knocked-out unit moves, the largest rate leaves fewer dead "
                        + "units than the smallest, or bias +0.1 leaves more than bias 0 by over %.2f.",
                MIN_RATE_EFFECT, Figures.format(MODERATE_RATE), DEAD_MARGIN, DEAD_MARGIN, DEAD_MARGIN);
    }

    /**
     * The verdict.
     *
     * @param trials           knock-out trials whose unit was dead right after the update
     * @param knockedMoved     of which the knocked-out unit moved
     * @param othersMovedInAll whether other units moved in every trial
     * @param deadSmallestRate mean dead share at the smallest learning rate (over bias inits)
     * @param deadLargestRate  the same at the largest learning rate
     * @param deadNegative     mean dead share with bias −0.5 at moderate rates
     * @param deadZero         with bias 0
     * @param deadPositive     with bias +0.1
     */
    static Verdict judge(int trials, int knockedMoved, boolean othersMovedInAll, double deadSmallestRate,
                         double deadLargestRate, double deadNegative, double deadZero, double deadPositive) {
        boolean knockoutHolds = trials > 0 && knockedMoved == 0 && othersMovedInAll;
        boolean rateKills = deadLargestRate >= deadSmallestRate + MIN_RATE_EFFECT;
        boolean biasHelps = deadPositive <= deadZero + DEAD_MARGIN && deadPositive <= deadNegative - DEAD_MARGIN;
        boolean contradicted = knockedMoved > 0 || deadLargestRate < deadSmallestRate
                || deadPositive > deadZero + DEAD_MARGIN;
        return Verdict.of(knockoutHolds && rateKills && biasHelps, contradicted);
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        for (int s = 0; s < options.seeds(); s++) {
            trials.add(Dying.knockoutTrial(name(), "relu", options.quick(), options.seed(s)));
        }
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
        int trials = 0;
        int knockedMoved = 0;
        int preconditionMissed = 0;
        boolean othersMovedInAll = true;
        double[] othersMovedShare = new double[options.seeds()];
        for (int s = 0; s < options.seeds(); s++) {
            Dying.Knockout k = Dying.knockout(done.get(Dying.knockoutTrial(name(), "relu", options.quick(), options.seed(s))));
            othersMovedShare[s] = (double) k.othersMoved() / k.others();
            if (k.knockedState() != UnitState.DEAD) {
                preconditionMissed++;
                continue;
            }
            trials++;
            knockedMoved += k.knockedMoved() ? 1 : 0;
            othersMovedInAll &= k.othersMoved() > 0;
        }
        Dying.Sweep sweep = Dying.sweep(name(), "relu", options, done);
        double deadNegative = sweep.meanDead(-0.5, MODERATE_RATE);
        double deadZero = sweep.meanDead(0.0, MODERATE_RATE);
        double deadPositive = sweep.meanDead(0.1, MODERATE_RATE);
        double smallestRate = sweep.rates().get(0);
        double largestRate = sweep.rates().get(sweep.rates().size() - 1);
        double deadSmallestRate = sweep.meanDeadAtRate(smallestRate);
        double deadLargestRate = sweep.meanDeadAtRate(largestRate);
        Verdict verdict = judge(trials, knockedMoved, othersMovedInAll, deadSmallestRate, deadLargestRate,
                deadNegative, deadZero, deadPositive);

        Map<String, Object> knockout = new LinkedHashMap<>();
        knockout.put("trials with the unit dead right after the update", trials);
        knockout.put("trials where the unit was not dead (left out)", preconditionMissed);
        knockout.put("knocked-out units whose bits changed", knockedMoved);
        knockout.put("share of other units that moved", Summary.of(othersMovedShare));
        Map<String, Object> byRate = new LinkedHashMap<>();
        byRate.put("lr " + Figures.format(smallestRate), deadSmallestRate);
        byRate.put("lr " + Figures.format(largestRate), deadLargestRate);
        Map<String, Object> byBias = new LinkedHashMap<>();
        byBias.put("bias -0.5", deadNegative);
        byBias.put("bias 0", deadZero);
        byBias.put("bias +0.1", deadPositive);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "knocked-out units moved: %d of %d; dead share lr %s→%s: %s→%s; bias −0.5/0/+0.1 at lr ≤ %s: %s/%s/%s",
                knockedMoved, trials, Figures.format(smallestRate), Figures.format(largestRate),
                Figures.percent(deadSmallestRate), Figures.percent(deadLargestRate), Figures.format(MODERATE_RATE),
                Figures.percent(deadNegative), Figures.percent(deadZero), Figures.percent(deadPositive)));
        figures.put("(a) knock-out", knockout);
        figures.put("(b) mean dead share by learning rate (over bias inits and seeds)", byRate);
        figures.put("(c) mean dead share by bias init at learning rates ≤ " + Figures.format(MODERATE_RATE), byBias);
        figures.put("largest cell dead share", sweep.maxDead());
        figures.put("diverged runs (left out)", sweep.diverged());
        figures.put("dead share by bias init and learning rate (mean ± std [min, max] over seeds)", sweep.table());
        List<Chart> charts = List.of(Chart.lines("Dead ReLU share after training against the learning rate",
                "learning rate", "dead share of hidden units", true, false, sweep.series()));
        return new ExperimentResult(name(), claim(), setup().replace("Quick: fewer epochs and rates.",
                options.quick() ? "(quick run: " + Dying.sweepSetup(true) + ")" : ""), criterion(),
                verdict, figures, options.seedList(), charts);
    }
}
