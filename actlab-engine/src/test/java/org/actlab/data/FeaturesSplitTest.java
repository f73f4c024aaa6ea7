package org.actlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturesSplitTest {

    private static Dataset twoRows() {
        return new Dataset("t", new float[]{2, -3, 0.5f, 0}, new float[]{1, 0}, 2, 2, 1, Dataset.Task.BINARY);
    }

    @Test
    void expandComputesThePlaygroundFeatures() {
        Dataset e = Features.expand(twoRows(), Features.NAMES);
        assertEquals(7, e.features());
        assertArrayEquals(new float[]{2, -3, 4, 9, -6, (float) Math.sin(2), (float) Math.sin(-3),
            0.5f, 0, 0.25f, 0, 0, (float) Math.sin(0.5), 0}, e.x());
        assertArrayEquals(new float[]{1, 0}, e.y());
    }

    @Test
    void aliasesAndOrderAreKept() {
        Dataset e = Features.expand(twoRows(), List.of("sinY", "x1²", "xTimesY"));
        assertArrayEquals(new float[]{(float) Math.sin(-3), 4, -6, 0, 0.25f, 0}, e.x());
    }

    @Test
    void badFeaturesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Features.expand(twoRows(), List.of("x3")));
        assertTrue(e.getMessage().contains("'x3'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Features.expand(twoRows(), List.of("x1", "x")));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        Dataset oneD = DataSets.generate("sin", 4, 0, 1);
        e = assertThrows(IllegalArgumentException.class, () -> Features.expand(oneD, List.of("x1", "x2^2")));
        assertTrue(e.getMessage().contains("x2^2"), e.getMessage());
        assertEquals(2, Features.expand(oneD, List.of("x1", "sin(x1)")).features());
        assertThrows(IllegalArgumentException.class, () -> Features.expand(twoRows(), List.of()));
    }

    @Test
    void trainTestSplitIsASeededPartition() {
        Dataset d = DataSets.generate("spiral", 101, 0, 1);
        Split.TrainTest a = Split.trainTest(d, 0.7, 11);
        Split.TrainTest b = Split.trainTest(d, 0.7, 11);
        Split.TrainTest c = Split.trainTest(d, 0.7, 12);
        assertEquals(71, a.train().n());
        assertEquals(30, a.test().n());
        assertArrayEquals(a.train().x(), b.train().x());
        assertNotEquals(Arrays.toString(a.train().x()), Arrays.toString(c.train().x()));
        // Every row of the original appears exactly once, with its label.
        List<String> original = rows(d);
        List<String> joined = rows(a.train());
        joined.addAll(rows(a.test()));
        original.sort(null);
        joined.sort(null);
        assertEquals(original, joined);
        assertEquals(101, Split.trainTest(d, 1, 1).train().n());
        assertEquals(0, Split.trainTest(d, 1, 1).test().n());
        assertEquals(1, Split.trainTest(d, 0.001, 1).train().n(), "at least one training row");
        for (double bad : new double[]{0, -0.5, 1.01, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.trainTest(d, bad, 1));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = Split.permutation(1000, 5);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(p, Split.permutation(1000, 5));
    }

    private static List<String> rows(Dataset d) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d.n(); i++) {
            out.add(d.x()[2 * i] + "," + d.x()[2 * i + 1] + ":" + d.y()[i]);
        }
        return out;
    }
}
