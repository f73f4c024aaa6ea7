package org.actlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.DoubleSummaryStatistics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Initialiser statistics against their closed forms. With n = 100,000 draws the sample mean has
 * standard error σ/√n and the sample variance a relative standard error of at most √(2/n) ≈ 0.45%;
 * the tolerances are about five standard errors.
 */
class InitializersTest {

    private static final int ROWS = 200;
    private static final int COLS = 500;

    private static double[] moments(String spec, int fanIn, int fanOut) {
        float[] w = new float[ROWS * COLS];
        Initializers.parse(spec).initialise(w, ROWS, COLS, fanIn, fanOut, new SplittableRandom(17));
        DoubleSummaryStatistics stats = new DoubleSummaryStatistics();
        for (float v : w) {
            stats.accept(v);
        }
        double mean = stats.getAverage();
        double squares = 0;
        for (float v : w) {
            squares += (v - mean) * (v - mean);
        }
        return new double[] {mean, squares / (w.length - 1), stats.getMin(), stats.getMax()};
    }

    private static void assertMoments(String spec, int fanIn, int fanOut, double mean, double variance, double bound) {
        double[] m = moments(spec, fanIn, fanOut);
        double n = ROWS * COLS;
        assertEquals(mean, m[0], 5 * Math.sqrt(variance / n), spec + " mean");
        assertEquals(variance, m[1], 0.025 * variance, spec + " variance");
        if (bound > 0) {
            assertTrue(m[2] >= mean - bound && m[3] <= mean + bound, spec + " outside ±" + bound + ": " + m[2] + ".." + m[3]);
            assertTrue(m[2] < mean - 0.99 * bound && m[3] > mean + 0.99 * bound, spec + " does not fill its range");
        }
    }

    @Test
    void distributionsHaveTheirClosedFormMoments() {
        int in = 300;
        int out = 100;
        assertMoments("uniform(-1, 3)", in, out, 1, 16.0 / 12, 2);
        assertMoments("normal(0.5, 2)", in, out, 0.5, 4, 0);
        assertMoments("playground", in, out, 0, 1.0 / 12, 0.5);
        assertMoments("glorot_standard", in, out, 0, 1.0 / (3 * in), 1 / Math.sqrt(in));
        assertMoments("xavier_uniform", in, out, 0, 2.0 / (in + out), Math.sqrt(6.0 / (in + out)));
        assertMoments("xavier_normal(gain=2)", in, out, 0, 4 * 2.0 / (in + out), 0);
        assertMoments("he_uniform", in, out, 0, 2.0 / in, Math.sqrt(6.0 / in));
        assertMoments("he_normal", in, out, 0, 2.0 / in, 0);
        assertMoments("he_normal(slope=0.5)", in, out, 0, 2.0 / (1.25 * in), 0);
        assertMoments("lecun_uniform", in, out, 0, 1.0 / in, Math.sqrt(3.0 / in));
        assertMoments("lecun_normal", in, out, 0, 1.0 / in, 0);
    }

    @Test
    void constantsAreExact() {
        float[] w = new float[6];
        Initializers.parse("constant(0.1)").initialise(w, 2, 3, 3, 2, new SplittableRandom(1));
        for (float v : w) {
            assertEquals(0.1f, v);
        }
        Initializers.parse("zeros").initialise(w, 2, 3, 3, 2, new SplittableRandom(1));
        for (float v : w) {
            assertEquals(0f, v);
        }
    }

    @Test
    void orthogonalGivesGainSquaredTimesIdentity() {
        for (int[] shape : new int[][] {{30, 20}, {20, 30}, {16, 16}}) {
            int rows = shape[0];
            int cols = shape[1];
            float[] w = new float[rows * cols];
            Initializers.parse("orthogonal(gain=1.5)").initialise(w, rows, cols, cols, rows, new SplittableRandom(3));
            // Tall: WᵀW = g²·I (cols × cols); wide: W·Wᵀ = g²·I (rows × rows).
            boolean tall = rows >= cols;
            int k = Math.min(rows, cols);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double dot = 0;
                    for (int p = 0; p < Math.max(rows, cols); p++) {
                        dot += tall ? (double) w[p * cols + i] * w[p * cols + j] : (double) w[i * cols + p] * w[j * cols + p];
                    }
                    assertEquals(i == j ? 2.25 : 0, dot, 1e-5, rows + "x" + cols + " entry " + i + "," + j);
                }
            }
        }
    }

    @Test
    void raiPutsOneBetaDistributedWeightInEachRow() {
        // fanIn 2500: the Gaussian entries have σ = 0.6007/50 = 0.012, far below a Beta(2, 1) draw
        // (mean 2/3, variance 1/18), so each row's largest entry is its Beta draw.
        int rows = 400;
        int cols = 2500;
        float[] w = new float[rows * cols];
        Initializers.parse("rai").initialise(w, rows, cols, cols, rows, new SplittableRandom(5));
        double sumMax = 0;
        double sumSquares = 0;
        long rest = 0;
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < cols; c++) {
                if (w[r * cols + c] > w[r * cols + best]) {
                    best = c;
                }
            }
            float beta = w[r * cols + best];
            assertTrue(beta > 0 && beta <= 1, "Beta(2,1) lies in (0, 1], got " + beta);
            sumMax += beta;
            for (int c = 0; c < cols; c++) {
                if (c != best) {
                    sumSquares += (double) w[r * cols + c] * w[r * cols + c];
                    rest++;
                }
            }
        }
        assertEquals(2.0 / 3, sumMax / rows, 4 * Math.sqrt(1.0 / 18 / rows), "mean of the Beta(2,1) draws");
        double sigma2 = Initializers.RAI_SIGMA * Initializers.RAI_SIGMA / cols;
        assertEquals(sigma2, sumSquares / rest, 0.02 * sigma2, "variance of the Gaussian entries");
    }

    @Test
    void sameSeedSameValuesAndSpecsRoundTrip() {
        for (String name : Initializers.registry().names()) {
            String spec = switch (name) {
                case "constant" -> "constant(0.25)";
                case "uniform" -> "uniform(-0.1,0.2)";
                case "normal" -> "normal(0,0.1)";
                default -> name;
            };
            Initializer initializer = Initializers.parse(spec);
            assertEquals(initializer, Initializers.parse(initializer.spec()), name);
            float[] a = new float[12];
            float[] b = new float[12];
            initializer.initialise(a, 3, 4, 4, 3, new SplittableRandom(9));
            initializer.initialise(b, 3, 4, 4, 3, new SplittableRandom(9));
            assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b), name);
        }
    }

    @Test
    void badSpecsAreNamed() {
        assertMessage("uniform(1, -1)", "initialiser uniform: needs low < high, got low=1, high=-1");
        assertMessage("normal(0, -2)", "initialiser normal: std must be >= 0, got -2");
        assertMessage("orthogonal(gain=0)", "initialiser orthogonal: gain must be > 0, got 0");
        assertMessage("constant", "initialiser constant: needs value (it has no default), for example constant(value=...)");
        assertMessage("he_normal(alpha=0.1)", "initialiser he_normal: has no parameter 'alpha'; its parameters: slope");
        assertMessage("glorot", "unknown initialiser 'glorot'. Known: " + String.join(", ", Initializers.registry().names()));
        assertMessage("uniform(a,b)", "initialiser uniform: low: cannot parse 'a' as a number");
        assertMessage("", "empty initialiser spec");
    }

    private static void assertMessage(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.parse(spec));
        assertEquals(message, e.getMessage());
    }
}
