package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.actlab.activation.Activations;
import org.junit.jupiter.api.Test;

/** The per-unit marks of the diagram, on hand-built pre-activations. */
class UnitFlagsTest {

    @Test
    void saturationLimitsAreOnePercentOfTheClosedFormLargestSlopes() {
        assertEquals(0.01, UnitFlags.saturationLimit(Activations.parse("tanh")), 1e-8, "tanh'(0) = 1");
        assertEquals(0.0025, UnitFlags.saturationLimit(Activations.parse("sigmoid")), 1e-9, "sigmoid'(0) = 1/4");
        assertEquals(0.01f, UnitFlags.saturationLimit(Activations.parse("relu")), 0.0);
        assertEquals(0.01f, UnitFlags.saturationLimit(Activations.parse("leaky_relu(0.1)")), 0.0);
    }

    @Test
    void deadSaturatedAndHealthyUnits() {
        // 4 samples × 3 units, row-major. Unit 0: z ≤ 0 everywhere (ReLU: f' = 0, dead);
        // unit 1: one positive sample (alive); unit 2: all positive (alive, never saturated).
        float[] z = {
            -1f, -2f, 0.5f,
            -3f, -0.1f, 2f,
            0f, 4f, 1f,
            -0.5f, -1f, 3f,
        };
        assertArrayEquals(new int[] {2, 0, 0}, UnitFlags.of(Activations.parse("relu"), z, 4, 3));
        // Leaky ReLU's slope on the left is 0.1 = 10 % of its maximum: nothing dies or saturates.
        assertArrayEquals(new int[] {0, 0, 0}, UnitFlags.of(Activations.parse("leaky_relu(0.1)"), z, 4, 3));
    }

    @Test
    void tanhSaturatesWhereItsSlopeFallsBelowOnePercent() {
        // tanh'(3) = 1 - tanh(3)^2 = 0.00987 < 0.01; tanh'(2.9) = 0.0121 > 0.01.
        float[] saturated = {3f, -3.5f, 6f, -40f};
        float[] edge = {3f, -3.5f, 6f, 2.9f};
        assertArrayEquals(new int[] {1}, UnitFlags.of(Activations.parse("tanh"), saturated, 4, 1));
        assertArrayEquals(new int[] {0}, UnitFlags.of(Activations.parse("tanh"), edge, 4, 1),
                "3 of 4 samples is below the 99 % share");
    }

    @Test
    void nearAnAsymptoteIsTheOutputWithinFivePercentOfTheRangeOfALimit() {
        // tanh's limits are -1 and 1, its range 2: within 0.1 of a limit is |a| >= 0.9. Unit 0 at tanh(2) = 0.964 on all
        // four samples, unit 1 on three of four (below the 99 % share), unit 2 at -0.95 everywhere, unit 3 at 0.5.
        float[] a = {
            0.964f, 0.964f, -0.95f, 0.5f,
            0.964f, 0.964f, -0.95f, 0.5f,
            0.964f, 0.2f, -0.95f, 0.5f,
            0.964f, 0.964f, -0.95f, 0.5f,
        };
        assertArrayEquals(new boolean[] {true, false, true, false}, UnitFlags.nearAsymptote(Activations.parse("tanh"), a, 4, 4));
        // The logistic function's range is 1: 0.96 is within 0.05 of 1 and 0.94 is not.
        assertArrayEquals(new boolean[] {true, false},
                UnitFlags.nearAsymptote(Activations.parse("sigmoid"), new float[] {0.96f, 0.94f}, 1, 2));
        // ReLU has no upper limit: the criterion does not apply; no samples mark nothing.
        assertArrayEquals(new boolean[] {false, false, false, false}, UnitFlags.nearAsymptote(Activations.parse("relu"), a, 4, 4));
        assertArrayEquals(new boolean[] {false}, UnitFlags.nearAsymptote(Activations.parse("tanh"), new float[0], 0, 1));
    }

    @Test
    void thumbnailBytesRoundTripOnTheColourScale() {
        assertEquals(0, TrainingSession.colourByte(-1));
        assertEquals(127, TrainingSession.colourByte(0), "0 is exact: grey");
        assertEquals(254, TrainingSession.colourByte(1));
        assertEquals(254, TrainingSession.colourByte(7.5), "clipped");
        assertEquals(0, TrainingSession.colourByte(Double.NEGATIVE_INFINITY), "clipped");
        assertEquals(255, TrainingSession.colourByte(Double.NaN), "NaN has its own byte");
        for (double t = -1; t <= 1; t += 0.001) {
            assertEquals(t, TrainingSession.colourByte(t) / 127.0 - 1, 0.5 / 127 + 1e-12, "t = " + t);
        }
    }

    @Test
    void notANumberIsNeitherDeadNorSaturated() {
        float[] z = {Float.NaN, Float.NaN};
        assertArrayEquals(new int[] {0}, UnitFlags.of(Activations.parse("relu"), z, 2, 1));
    }

    @Test
    void historyCsvHasOneRowPerEpochAndOneColumnPerLayer() {
        List<Payloads.HistoryPoint> history = List.of(
                new Payloads.HistoryPoint(0, 0.5, 0.625, 0.75, Double.NaN, new double[] {0.25, 2}),
                new Payloads.HistoryPoint(1, 0.25, Double.POSITIVE_INFINITY, 1, 0.5, new double[] {0.125, 1}));
        assertEquals("epoch,train_loss,test_loss,train_accuracy,test_accuracy,gradient_norm_layer0,gradient_norm_layer1\n"
                + "0,0.5,0.625,0.75,NaN,0.25,2.0\n"
                + "1,0.25,Infinity,1.0,0.5,0.125,1.0\n", Exports.historyCsv(history));
    }

    @Test
    void roundingKeepsNonFiniteValues() {
        assertArrayEquals(new float[] {0.123f, -2f, Float.NaN, Float.POSITIVE_INFINITY},
                TrainingSession.round(new float[] {0.12345f, -2.0004f, Float.NaN, Float.POSITIVE_INFINITY}, 1000f));
    }
}
