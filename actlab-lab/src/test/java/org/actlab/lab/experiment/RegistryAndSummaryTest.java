package org.actlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryAndSummaryTest {

    @Test
    void theTenClaimsInLectureOrder() {
        assertEquals(List.of("linear-collapse", "universal-approximation", "logistic-saturation", "vanishing-gradients",
                "not-zero-centred", "cost", "tanh-vs-logistic", "relu-properties", "dead-relu", "leaky-relu"),
                Experiments.names());
        for (Experiment e : Experiments.all()) {
            assertEquals(e, Experiments.byName(e.name()));
            assertTrue(!e.claim().isBlank() && !e.setup().isBlank() && !e.criterion().isBlank(), e.name());
        }
        assertEquals("dead-relu", Experiments.byName(" Dead-ReLU ").name());
    }

    @Test
    void unknownNameSuggestsTheNearest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Experiments.byName("dead-rleu"));
        assertTrue(e.getMessage().contains("'dead-rleu'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'dead-relu'"), e.getMessage());
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class, () -> Experiments.byName("zzzzzzzzzzzzzzzz"));
        assertTrue(!far.getMessage().contains("did you mean") && far.getMessage().contains("known: linear-collapse"),
                far.getMessage());
    }

    @Test
    void summaryAgainstHandComputedValues() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, sample variance 32/7.
        Summary s = Summary.of(2, 4, 4, 4, 5, 5, 7, 9);
        assertEquals(5, s.mean(), 0);
        assertEquals(Math.sqrt(32.0 / 7), s.std(), 1e-15);
        assertEquals(2, s.min(), 0);
        assertEquals(9, s.max(), 0);
        assertEquals(8, s.n());
        Summary withNaN = Summary.of(1, Double.NaN, 3);
        assertEquals(2, withNaN.mean(), 0);
        assertEquals(2, withNaN.n());
        assertEquals(0, Summary.of(7).std(), 0);
        assertTrue(Double.isNaN(Summary.of(Double.NaN).mean()));
        assertEquals(2.5, Summary.median(4, 1, 3, 2), 0);
        assertEquals(3, Summary.median(5, 3, 1), 0);
    }

    @Test
    void runOptionsValidateSeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunOptions(true, 0, 1));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertEquals(List.of(7L, 8L, 9L), new RunOptions(false, 3, 7).seedList());
        assertEquals(RunOptions.QUICK_SEEDS, RunOptions.of(true, null).seeds());
        assertEquals(RunOptions.FULL_SEEDS, RunOptions.of(false, null).seeds());
    }

    @Test
    void numberFormatting() {
        assertEquals("0.1235", Figures.format(0.123456));
        assertEquals("1.235e-07", Figures.format(1.2345e-7));
        assertEquals("nan", Figures.format(Double.NaN));
        assertEquals("-inf", Figures.format(Double.NEGATIVE_INFINITY));
        assertEquals("12", Figures.format(12.0));
        assertEquals("0", Figures.format(-0.0));
        assertEquals("50.0%", Figures.percent(0.5));
    }

    @Test
    void twoWeightPathOfLogisticInputsMovesBothWeightsTogether() {
        // With x1, x2 > 0 each update is -rate·error·(x1, x2): both components share the sign of -error.
        NotZeroCentred.TwoWeightPath logistic = NotZeroCentred.twoWeightPath(true, 3);
        NotZeroCentred.TwoWeightPath centred = NotZeroCentred.twoWeightPath(false, 3);
        assertEquals(1.0, logistic.sameSignShare(), 0);
        assertTrue(centred.sameSignShare() < 0.8, "tanh inputs: " + centred.sameSignShare());
        int last = logistic.w1().length - 1;
        assertTrue(Math.hypot(logistic.w1()[last] - 1, logistic.w2()[last] + 1) <= NotZeroCentred.TWO_WEIGHT_TOLERANCE * Math.sqrt(2));
        // A path is never shorter than the straight line between its ends.
        assertTrue(logistic.lengthRatio() >= 1 && centred.lengthRatio() >= 1);
        assertTrue(logistic.lengthRatio() > centred.lengthRatio());
    }
}
