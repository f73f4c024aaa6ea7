package org.actlab.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void binsAreHalfOpenAndTheMaximumGoesInTheLastBin() {
        Histogram h = Histogram.of(new float[] {0, 1, 2, 3, 4}, 0, 5, 4);
        assertEquals(0.0, h.min());
        assertEquals(4.0, h.max());
        assertArrayEquals(new long[] {1, 1, 1, 2}, h.counts());
        assertEquals(1.0, h.binWidth());
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5}, h.centres());
    }

    @Test
    void onlyTheGivenSliceIsCounted() {
        Histogram h = Histogram.of(new float[] {100, -1, 1, 100}, 1, 2, 2);
        assertArrayEquals(new long[] {1, 1}, h.counts());
        assertEquals(-1.0, h.min());
        assertEquals(1.0, h.max());
    }

    @Test
    void infinitiesGoToTheEndBinsAndNanIsLeftOut() {
        float[] z = {Float.NEGATIVE_INFINITY, -2, 0, 2, Float.POSITIVE_INFINITY, Float.NaN};
        Histogram h = Histogram.of(z, 0, z.length, 2);
        assertEquals(-2.0, h.min());
        assertEquals(2.0, h.max());
        assertArrayEquals(new long[] {2, 3}, h.counts());
        assertEquals(5, h.total());
    }

    @Test
    void aConstantGetsAUnitWideRangeAndNoFiniteValueGetsMinusOneToOne() {
        Histogram constant = Histogram.of(new float[] {3, 3, 3}, 0, 3, 5);
        assertEquals(2.5, constant.min());
        assertEquals(3.5, constant.max());
        assertArrayEquals(new long[] {0, 0, 3, 0, 0}, constant.counts());
        Histogram none = Histogram.of(new float[] {Float.NaN}, 0, 1, 3);
        assertEquals(-1.0, none.min());
        assertEquals(1.0, none.max());
        assertEquals(0, none.total());
    }

    @Test
    void subnormalsAndSignedZerosShareTheMiddleBin() {
        float[] z = {-1, -0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1};
        Histogram h = Histogram.of(z, 0, z.length, 3);
        assertArrayEquals(new long[] {1, 4, 1}, h.counts());
    }

    @Test
    void derivativeAtCentresSamplesTheActivation() {
        Histogram h = Histogram.of(new float[] {-1, 1}, 0, 2, 2);
        double[] d = h.derivativeAtCentres(TestActivations.SIGMOID);
        double s = TestActivations.logistic(0.5);
        assertEquals(s * (1 - s), d[0], 1e-7);
        assertEquals(s * (1 - s), d[1], 1e-7);
        assertArrayEquals(new double[] {0, 1}, Histogram.of(new float[] {-1, 1}, 0, 2, 2)
                .derivativeAtCentres(TestActivations.RELU));
    }

    @Test
    void countsAreDefensivelyCopiedAndBadRangesAreRejected() {
        long[] counts = {1, 2};
        Histogram h = new Histogram(0, 1, counts);
        counts[0] = 99;
        h.counts()[1] = 99;
        assertArrayEquals(new long[] {1, 2}, h.counts());
        assertEquals(new Histogram(0, 1, new long[] {1, 2}), h);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Histogram(1, 1, counts));
        assertTrue(e.getMessage().contains("[1.0, 1.0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Histogram(0, 1, new long[0]));
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new float[1], 0, 1, 0));
    }
}
