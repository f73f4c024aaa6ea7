package org.actlab.lab.experiment;

import static org.actlab.lab.experiment.Effect.Direction.above;
import static org.actlab.lab.experiment.Effect.Direction.below;
import static org.actlab.lab.experiment.Effect.Role.claim;
import static org.actlab.lab.experiment.Effect.Role.control;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The t interval against printed t tables, closed forms and a hand-computed case; the effect rule on all outcomes. */
class StatisticsTest {

    @Test
    void tQuantilesMatchPrintedTables() {
        // Two-sided 95% critical values from any t table (e.g. NIST/SEMATECH e-Handbook, Table 1.3.6.7.2).
        assertEquals(12.706, Statistics.tQuantile(0.975, 1), 5e-4);
        assertEquals(4.303, Statistics.tQuantile(0.975, 2), 5e-4);
        assertEquals(2.776, Statistics.tQuantile(0.975, 4), 5e-4);
        assertEquals(2.262, Statistics.tQuantile(0.975, 9), 5e-4);
        assertEquals(2.045, Statistics.tQuantile(0.975, 29), 5e-4);
        assertEquals(1.984, Statistics.tQuantile(0.975, 100), 5e-4);
        assertEquals(1.812, Statistics.tQuantile(0.95, 10), 5e-4);
        assertEquals(-2.262, Statistics.tQuantile(0.025, 9), 5e-4);
    }

    @Test
    void tDistributionMatchesClosedForms() {
        for (double t : new double[] {-3, -0.5, 0, 0.7, 2, 10}) {
            // df = 1 is the Cauchy distribution; df = 2 has F(t) = 1/2 + t / (2 sqrt(t² + 2)).
            assertEquals(0.5 + Math.atan(t) / Math.PI, Statistics.tCdf(t, 1), 1e-12, "df 1, t " + t);
            assertEquals(0.5 + t / (2 * Math.sqrt(t * t + 2)), Statistics.tCdf(t, 2), 1e-12, "df 2, t " + t);
        }
        assertEquals(Math.log(24), Statistics.logGamma(5), 1e-13);
        assertEquals(0.5 * Math.log(Math.PI), Statistics.logGamma(0.5), 1e-13);
    }

    @Test
    void meanIntervalByHand() {
        // 1..5: mean 3, s = sqrt(2.5), s/sqrt(5) = 0.70711, t(0.975, 4) = 2.77645 → 3 ± 1.96324.
        Statistics.Interval ci = Statistics.meanInterval(1, 2, 3, 4, 5);
        assertEquals(3, ci.mean(), 1e-12);
        assertEquals(1.03676, ci.low(), 1e-4);
        assertEquals(4.96324, ci.high(), 1e-4);
        assertEquals(5, ci.n());
        // NaN is left out, and one value gives an unbounded interval.
        assertEquals(4, Statistics.meanInterval(1, 2, Double.NaN, 3, 4).n());
        assertEquals(Double.NEGATIVE_INFINITY, Statistics.meanInterval(7).low());
        Statistics.Interval flat = Statistics.meanInterval(2, 2, 2);
        assertEquals(2, flat.low(), 0);
        assertEquals(2, flat.high(), 0);
    }

    @Test
    void pairedDifferences() {
        double[] d = Statistics.differences(new double[] {3, 5, Double.NaN}, new double[] {1, 1, 1});
        assertEquals(2, d[0]);
        assertEquals(4, d[1]);
        assertTrue(Double.isNaN(d[2]));
        assertThrows(IllegalArgumentException.class, () -> Statistics.differences(new double[1], new double[2]));
        // Paired: differences 1, 2, 3 → mean 2, s = 1, t(0.975, 2) = 4.3027 → 2 ± 2.4842.
        Effect e = Effect.paired("gap", claim, above, 0, new double[] {11, 22, 33}, new double[] {10, 20, 30});
        assertEquals(2, e.estimate(), 1e-12);
        assertEquals(2 - 2.48414, e.low(), 1e-4);
        assertEquals(Verdict.inconclusive, e.verdict());
    }

    @Test
    void effectRuleOnEveryOutcome() {
        assertEquals(Verdict.supported, Effect.judge(above, 0.1, 0.2, 0.5, 10));
        assertEquals(Verdict.not_supported, Effect.judge(above, 0.1, -0.3, 0.05, 10));
        assertEquals(Verdict.inconclusive, Effect.judge(above, 0.1, 0.05, 0.5, 10));
        assertEquals(Verdict.supported, Effect.judge(below, -1, -3, -2, 10));
        assertEquals(Verdict.not_supported, Effect.judge(below, -1, 0, 2, 10));
        assertEquals(Verdict.inconclusive, Effect.judge(below, -1, -2, 0, 10));
        assertEquals(Verdict.inconclusive, Effect.judge(above, 0, Double.NaN, Double.NaN, 0));
        // Deterministic figures: the point is the interval.
        assertEquals(Verdict.supported, Effect.exact("x", claim, above, 1, 1.5).verdict());
        assertEquals(Verdict.not_supported, Effect.exact("x", claim, above, 1, 0.5).verdict());
    }

    @Test
    void aSupportedControlMakesTheClaimInconclusive() {
        Effect yes = Effect.exact("claim", claim, above, 0, 1);
        Effect no = Effect.exact("claim", claim, above, 0, -1);
        Effect controlYes = Effect.exact("control", control, above, 0, 1);
        Effect controlNo = Effect.exact("control", control, above, 0, -1);
        assertEquals(Verdict.supported, Effect.verdictOf(List.of(yes, controlNo)));
        assertEquals(Verdict.inconclusive, Effect.verdictOf(List.of(yes, controlYes)));
        assertEquals(Verdict.not_supported, Effect.verdictOf(List.of(yes, no, controlNo)));
        assertEquals(Verdict.inconclusive, Effect.verdictOf(List.of(controlNo)));
    }

    @Test
    void aFailedPreconditionMakesAnyVerdictInconclusive() {
        Effect yes = Effect.exact("claim", claim, above, 0, 1);
        Effect no = Effect.exact("claim", claim, above, 0, -1);
        Effect controlNo = Effect.exact("control", control, above, 0, -1);
        Effect valid = Effect.exact("runs apart", Effect.Role.precondition, Effect.Direction.below, 1.15, 1.05);
        Effect invalid = Effect.exact("runs apart", Effect.Role.precondition, Effect.Direction.below, 1.15, 1.97);
        Effect unknown = Effect.exact("runs apart", Effect.Role.precondition, Effect.Direction.below, 1.15, Double.NaN);
        assertEquals(Verdict.supported, Effect.verdictOf(List.of(yes, controlNo, valid)));
        assertEquals(Verdict.not_supported, Effect.verdictOf(List.of(no, controlNo, valid)));
        assertEquals(Verdict.inconclusive, Effect.verdictOf(List.of(yes, controlNo, invalid)));
        assertEquals(Verdict.inconclusive, Effect.verdictOf(List.of(invalid, no, controlNo)), "whatever the order");
        assertEquals(Verdict.inconclusive, Effect.verdictOf(List.of(yes, controlNo, unknown)), "NaN is not agreement");
        assertEquals(List.of(invalid), Effect.failedPreconditions(List.of(yes, valid, invalid)));
    }
}
