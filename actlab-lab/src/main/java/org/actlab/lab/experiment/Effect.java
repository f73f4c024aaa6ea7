package org.actlab.lab.experiment;

import java.util.List;
import java.util.Objects;

/**
 * One pre-stated criterion on an effect size, with the measured effect and its 95% interval. The
 * claim is "the effect is above the margin" ({@link Direction#above}) or "below it"
 * ({@link Direction#below}); the verdict is {@code supported} when the whole interval is on the
 * claim's side of the margin, {@code not_supported} when the whole interval is on the other side,
 * else {@code inconclusive}.
 *
 * <p>A {@link Role#control} effect is the same measure on an arm where the claim should not hold
 * (tanh where sigmoid is claimed, for example): if the control too comes out {@code supported},
 * the measure cannot tell the arms apart and the experiment's verdict is at best inconclusive
 * ({@link #verdictOf}).
 *
 * <p>A {@link Role#precondition} effect checks the measurement itself, not the claim: for example
 * that two runs of a timing agree within a stated bar. It is stated before the run like the others;
 * when it is not {@code supported}, the figures are not valid evidence and the experiment's verdict
 * is {@code inconclusive}, whatever its claims and controls say.
 *
 * @param name      what the effect is, with its unit
 * @param role      claim or control
 * @param direction the side of the margin the claim predicts
 * @param margin    the margin, fixed in code before the run
 * @param estimate  the mean effect over seeds
 * @param low       lower end of the 95% interval
 * @param high      upper end
 * @param n         seeds with a finite effect
 * @param test      how the interval was computed
 * @param verdict   the verdict of this effect alone
 */
public record Effect(String name, Role role, Direction direction, double margin, double estimate, double low,
                     double high, int n, String test, Verdict verdict) {

    /** Which side of the margin the claim predicts. */
    public enum Direction { above, below }

    /** Whether the effect tests the claim, a control arm, or the validity of the measurement. */
    public enum Role { claim, control, precondition }

    /** The test name of a one-sample t interval over seeds. */
    public static final String T_TEST = "t interval over seeds, 95%, df = n − 1";
    /** The test name of a paired t interval. */
    public static final String PAIRED_T = "paired t interval over seeds (same seed in both arms), 95%, df = n − 1";
    /** The test name of a figure with no sampling error (a deterministic computation). */
    public static final String EXACT = "exact (deterministic; no sampling error)";

    public Effect {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(test, "test");
        if (!Double.isFinite(margin)) {
            throw new IllegalArgumentException("effect '" + name + "': margin must be finite, got " + margin);
        }
    }

    /** The effect of per-seed values (one-sample t interval). */
    public static Effect ofSeeds(String name, Role role, Direction direction, double margin, double[] perSeed) {
        return ofUnits(name, role, direction, margin, perSeed, T_TEST);
    }

    /** The effect of values over other units than seeds (for example timing rounds), with the test named as given. */
    public static Effect ofUnits(String name, Role role, Direction direction, double margin, double[] values, String test) {
        return of(name, role, direction, margin, Statistics.meanInterval(values), test);
    }

    /** The paired effect {@code a − b} of two arms run with the same seeds (paired t interval). */
    public static Effect paired(String name, Role role, Direction direction, double margin, double[] a, double[] b) {
        return of(name, role, direction, margin, Statistics.meanInterval(Statistics.differences(a, b)), PAIRED_T);
    }

    /** A deterministic figure: its interval is the point itself. */
    public static Effect exact(String name, Role role, Direction direction, double margin, double value) {
        return of(name, role, direction, margin, new Statistics.Interval(value, value, value, Double.isFinite(value) ? 1 : 0), EXACT);
    }

    private static Effect of(String name, Role role, Direction direction, double margin, Statistics.Interval ci, String test) {
        return new Effect(name, role, direction, margin, ci.mean(), ci.low(), ci.high(), ci.n(), test,
                judge(direction, margin, ci.low(), ci.high(), ci.n()));
    }

    /** The rule: the interval clears the margin on the claim's side, or lies wholly on the other side. */
    static Verdict judge(Direction direction, double margin, double low, double high, int n) {
        if (n == 0 || Double.isNaN(low) || Double.isNaN(high)) {
            return Verdict.inconclusive;
        }
        boolean above = low > margin;
        boolean below = high < margin;
        if (direction == Direction.above) {
            return above ? Verdict.supported : below ? Verdict.not_supported : Verdict.inconclusive;
        }
        return below ? Verdict.supported : above ? Verdict.not_supported : Verdict.inconclusive;
    }

    /**
     * The experiment's verdict: the weakest verdict of its claim effects; a supported claim falls to
     * inconclusive when any control is supported too (the measure does not discriminate); and any
     * verdict falls to inconclusive when a precondition is not supported (the measurement is not valid).
     */
    public static Verdict verdictOf(List<Effect> effects) {
        Verdict verdict = Verdict.supported;
        boolean anyClaim = false;
        boolean controlSupported = false;
        for (Effect e : effects) {
            switch (e.role()) {
                case claim -> {
                    verdict = verdict.and(e.verdict());
                    anyClaim = true;
                }
                case control -> controlSupported |= e.verdict() == Verdict.supported;
                case precondition -> {
                    if (e.verdict() != Verdict.supported) {
                        return Verdict.inconclusive;
                    }
                }
            }
        }
        if (!anyClaim) {
            return Verdict.inconclusive;
        }
        return verdict == Verdict.supported && controlSupported ? Verdict.inconclusive : verdict;
    }

    /** The preconditions that are not met, in order: each makes the experiment's verdict inconclusive. */
    public static List<Effect> failedPreconditions(List<Effect> effects) {
        return effects.stream().filter(e -> e.role() == Role.precondition && e.verdict() != Verdict.supported).toList();
    }

    /** "0.12 [0.05, 0.19], n = 10" for tables. */
    public String interval() {
        return new Statistics.Interval(estimate, low, high, n).text();
    }

    /** The criterion in words: "name > margin". */
    public String rule() {
        return name + (direction == Direction.above ? " > " : " < ") + Figures.format(margin);
    }
}
