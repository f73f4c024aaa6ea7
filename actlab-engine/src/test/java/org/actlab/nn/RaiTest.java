package org.actlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * RAI against Lu, Shin, Su &amp; Karniadakis (2019), Algorithm 1: per unit, the vector (w_1, …, w_n, b)
 * is drawn from N(0, σ²/n) and one entry, at a position uniform over all n + 1 (the bias included),
 * is replaced by ξ ~ Beta(2, 1).
 */
class RaiTest {

    /** A generator that returns scripted draws, so that the expected layer can be written by hand. */
    private static final class Scripted implements RandomGenerator {
        private final Deque<Double> gaussians = new ArrayDeque<>();
        private final Deque<Integer> ints = new ArrayDeque<>();
        private final Deque<Double> doubles = new ArrayDeque<>();

        Scripted(List<Double> gaussians, List<Integer> ints, List<Double> doubles) {
            this.gaussians.addAll(gaussians);
            this.ints.addAll(ints);
            this.doubles.addAll(doubles);
        }

        @Override
        public double nextGaussian() {
            return gaussians.removeFirst();
        }

        @Override
        public int nextInt(int bound) {
            int value = ints.removeFirst();
            assertTrue(value < bound, "scripted " + value + " must be below the bound " + bound);
            // The bound is the number of entries a unit's special value may take: inputs + 1.
            assertEquals(4, bound, "position drawn over 3 weights and the bias");
            return value;
        }

        @Override
        public double nextDouble() {
            return doubles.removeFirst();
        }

        @Override
        public long nextLong() {
            throw new AssertionError("RAI draws no raw longs");
        }

        boolean used() {
            return gaussians.isEmpty() && ints.isEmpty() && doubles.isEmpty();
        }
    }

    @Test
    void handCheckedLayerWithTheSpecialEntryOnTheBiasAndOnAWeight() {
        // Two units, three inputs: σ/√3 = 0.6007/√3 scales the Gaussian entries.
        // Unit 0 draws (1, −1, 0.5 | 2), position 3 = the bias, U = 0.25 → ξ = √0.25 = 0.5 replaces the bias.
        // Unit 1 draws (−2, 0, 1 | −0.5), position 1, U = 0.81 → ξ = 0.9 replaces w[1][1]; its bias keeps its draw.
        Scripted rng = new Scripted(List.of(1.0, -1.0, 0.5, 2.0, -2.0, 0.0, 1.0, -0.5), List.of(3, 1), List.of(0.25, 0.81));
        float[] w = new float[6];
        float[] b = new float[2];
        Initializers.parse("rai").initialiseLayer(w, b, 2, 3, Initializers.parse("constant(7)"), rng);
        float s = (float) (0.6007 / Math.sqrt(3));
        assertArrayEquals(new float[] {s, -s, 0.5f * s, (float) (-2 * 0.6007 / Math.sqrt(3)), 0.9f, s}, w, 1e-7f);
        assertArrayEquals(new float[] {0.5f, (float) (-0.5 * 0.6007 / Math.sqrt(3))}, b, 1e-7f);
        assertTrue(rng.used(), "every scripted draw used, in the order weights, bias, position, ξ");
    }

    @Test
    void theBiasTakesTheSpecialEntryOneTimeInFanInPlusOne() {
        // Replaying the generator's stream tells where each unit's Beta(2, 1) entry went.
        int inputs = 3;
        int units = 40_000;
        float[] w = new float[units * inputs];
        float[] b = new float[units];
        Initializers.parse("rai").initialiseLayer(w, b, units, inputs, Initializers.parse("zeros"), new SplittableRandom(5));
        SplittableRandom replay = new SplittableRandom(5);
        int onBias = 0;
        double sumXi = 0;
        for (int u = 0; u < units; u++) {
            for (int k = 0; k <= inputs; k++) {
                replay.nextGaussian();
            }
            int position = replay.nextInt(inputs + 1);
            float xi = (float) Math.sqrt(replay.nextDouble());
            sumXi += xi;
            if (position == inputs) {
                onBias++;
                assertEquals(xi, b[u], 0);
            } else {
                assertEquals(xi, w[u * inputs + position], 0);
            }
        }
        // Binomial(40000, 1/4): mean 10000, sd 86.6; 5 sd either side.
        assertEquals(10_000, onBias, 433);
        // Beta(2, 1): mean 2/3, variance 1/18; 5 standard errors.
        assertEquals(2.0 / 3, sumXi / units, 5 * Math.sqrt(1.0 / 18 / units));
    }

    @Test
    void aNetworkWithRaiHasDrawnBiasesAndRefusesAnotherBiasInit() {
        NetworkSpec spec = new NetworkSpec(3, List.of(new NetworkSpec.LayerSpec(50, "relu")), 1,
                NetworkSpec.Output.IDENTITY, NetworkSpec.Loss.MSE, "rai", "zeros");
        Network net = Network.create(spec, 11);
        int nonZero = 0;
        for (float v : net.layers().get(0).bias()) {
            nonZero += v != 0 ? 1 : 0;
        }
        assertEquals(50, nonZero, "every bias is a Gaussian draw or ξ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(3,
                List.of(new NetworkSpec.LayerSpec(5, "relu")), 1, NetworkSpec.Output.IDENTITY, NetworkSpec.Loss.MSE,
                "rai", "constant(0.1)"));
        assertEquals("weight init rai draws each unit's bias with its weights, so the bias init must be zeros, got "
                + "constant(value=0.1)", e.getMessage());
    }
}
