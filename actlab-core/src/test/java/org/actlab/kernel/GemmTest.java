package org.actlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both matrix-multiply paths against a naive double-precision reference, over odd shapes that
 * exercise every tile and block edge, every transpose combination and β ∈ {0, 1, −0.5}.
 *
 * <p>Run {@code main} for a quick throughput figure (the JMH benchmarks live in actlab-bench).
 */
class GemmTest {

    static Stream<Gemm> paths() {
        assertNotNull(Gemm.vector(), "test JVMs run with jdk.incubator.vector");
        return Stream.of(Gemm.scalar(), Gemm.vector(), VectorGemm.everySize());
    }

    static Stream<Arguments> cases() {
        int[][] shapes = {
                {1, 1, 1}, {1, 7, 3}, {5, 1, 9}, {7, 33, 5}, {6, 32, 256}, {13, 47, 257},
                {3, 65, 600}, {130, 31, 17}, {121, 1030, 3}, {7, 1, 513},
                // Narrow C (n up to one vector), large enough for the vector path's narrow kernel.
                {130, 10, 300}, {67, 16, 257}, {29, 1, 700},
                // Short C (5 to 16 rows; with Aᵀ and B as stored, the vector path's short kernel):
                // the output layer's dW, a last group that overlaps the one before, columns past the
                // last 64, two k-blocks, and the fewest rows and columns the short loop takes.
                {10, 256, 128}, {13, 200, 300}, {5, 64, 1}, {16, 70, 9},
        };
        List<Arguments> out = new ArrayList<>();
        for (Gemm gemm : paths().toList()) {
            for (int[] s : shapes) {
                for (int flags = 0; flags < 4; flags++) {
                    out.add(Arguments.of(gemm, s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3} tA={4} tB={5}")
    @MethodSource("cases")
    void matchesDoubleReference(Gemm gemm, int m, int n, int k, boolean transA, boolean transB) {
        SplittableRandom random = new SplittableRandom(31L * m + 17L * n + k);
        // Leading dimensions larger than needed and non-zero offsets: strided sub-matrices.
        int lda = (transA ? m : k) + 3;
        int ldb = (transB ? k : n) + 2;
        int ldc = n + 5;
        float[] a = randomArray(random, 2 + (transA ? k : m) * lda);
        float[] b = randomArray(random, 1 + (transB ? n : k) * ldb);
        for (float beta : new float[] {0f, 1f, -0.5f}) {
            float[] c = randomArray(random, 4 + m * ldc);
            if (beta == 0f) {
                c[4] = Float.NaN; // β = 0 must ignore the old C, even NaN
            }
            float[] before = c.clone();
            gemm.multiply(transA, transB, m, n, k, a, 2, lda, b, 1, ldb, beta, c, 4, ldc);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    double magnitude = 0;
                    for (int p = 0; p < k; p++) {
                        double av = transA ? a[2 + p * lda + i] : a[2 + i * lda + p];
                        double bv = transB ? b[1 + j * ldb + p] : b[1 + p * ldb + j];
                        sum += av * bv;
                        magnitude += Math.abs(av * bv);
                    }
                    double old = beta == 0f ? 0 : (double) beta * before[4 + i * ldc + j];
                    double expected = sum + old;
                    // float32 FMA chain: |error| <= (k + 2)·u·(Σ|a·b| + |β·c|) with u = 2^-24.
                    double tolerance = (k + 2) * 0x1p-24 * (magnitude + Math.abs(old)) + 1e-30;
                    float actual = c[4 + i * ldc + j];
                    int row = i;
                    int col = j;
                    assertTrue(Math.abs(actual - expected) <= tolerance,
                            () -> "C[" + row + "," + col + "] = " + actual + ", reference " + expected + ", tolerance " + tolerance);
                }
            }
            // Nothing outside C's m×n window may change.
            for (int idx = 0; idx < c.length; idx++) {
                int rel = idx - 4;
                boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
                if (!inside) {
                    assertEquals(Float.floatToRawIntBits(before[idx]), Float.floatToRawIntBits(c[idx]), "C[" + idx + "] outside the window");
                }
            }
        }
    }

    @Test
    void handComputedTwoByTwo() {
        // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]; with Bᵀ: [1 2; 3 4]·[5 7; 6 8] = [17 23; 39 53].
        for (Gemm gemm : paths().toList()) {
            float[] a = {1, 2, 3, 4};
            float[] b = {5, 6, 7, 8};
            float[] c = new float[4];
            gemm.multiply(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
            assertArrayEquals(new float[] {19, 22, 43, 50}, c);
            gemm.multiply(false, true, 2, 2, 2, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
            assertArrayEquals(new float[] {17, 23, 39, 53}, c);
            // Aᵀ·B = [1 3; 2 4]·[5 6; 7 8] = [26 30; 38 44], accumulated onto the previous C.
            gemm.multiply(true, false, 2, 2, 2, a, 0, 2, b, 0, 2, 1f, c, 0, 2);
            assertArrayEquals(new float[] {17 + 26, 23 + 30, 39 + 38, 53 + 44}, c);
        }
    }

    @Test
    void emptyInnerDimensionScalesC() {
        for (Gemm gemm : paths().toList()) {
            float[] c = {1, 2, Float.NaN, 4};
            gemm.multiply(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, 0.5f, c, 0, 2);
            assertArrayEquals(new float[] {0.5f, 1, Float.NaN, 2}, c);
            gemm.multiply(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, 0f, c, 0, 2);
            assertArrayEquals(new float[4], c);
        }
    }

    @Test
    void nonFiniteValuesPropagate() {
        for (Gemm gemm : paths().toList()) {
            float[] a = {Float.POSITIVE_INFINITY, 1, Float.NaN, 1};
            float[] b = {1, 0, 1, 2};
            float[] c = new float[4];
            gemm.multiply(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
            // Row 0: [inf·1 + 1·1, inf·0 + 1·2] = [inf, NaN]; row 1 has a NaN factor everywhere.
            assertEquals(Float.POSITIVE_INFINITY, c[0]);
            assertTrue(Float.isNaN(c[1]) && Float.isNaN(c[2]) && Float.isNaN(c[3]));
        }
    }

    @Test
    void scalarAndVectorAndThreadsGiveTheSameBits() {
        SplittableRandom random = new SplittableRandom(5);
        int m = 70;
        int n = 300;
        int k = 530;
        float[] a = randomArray(random, m * k);
        float[] b = randomArray(random, n * k);
        float[] reference = new float[m * n];
        Gemm.scalar().multiply(false, true, m, n, k, a, 0, k, b, 0, k, 0f, reference, 0, n);
        for (Gemm gemm : List.of(Gemm.vector(), Gemm.vector().withThreads(2), Gemm.vector().withThreads(3),
                Gemm.scalar().withThreads(2), VectorGemm.everySize())) {
            float[] c = new float[m * n];
            gemm.multiply(false, true, m, n, k, a, 0, k, b, 0, k, 0f, c, 0, n);
            for (int i = 0; i < c.length; i++) {
                assertEquals(Float.floatToRawIntBits(reference[i]), Float.floatToRawIntBits(c[i]), gemm + " differs at " + i);
            }
        }
        // Row split (few column panels, many rows) also keeps the bits.
        float[] tall = new float[600 * 8];
        float[] tallRef = new float[600 * 8];
        float[] x = randomArray(random, 600 * 200);
        float[] w = randomArray(random, 200 * 8);
        Gemm.vector().multiply(false, false, 600, 8, 200, x, 0, 200, w, 0, 8, 0f, tallRef, 0, 8);
        Gemm.vector().withThreads(2).multiply(false, false, 600, 8, 200, x, 0, 200, w, 0, 8, 0f, tall, 0, 8);
        assertArrayEquals(tallRef, tall);
        // The narrow kernel (the output layer's 10 columns), split by rows on 2 threads, and both
        // transposes: the same bits as the scalar twin's blocked loop.
        int rowsN = 1000;
        int kN = 300;
        float[] xN = randomArray(random, rowsN * kN);
        float[] wN = randomArray(random, 10 * kN);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                float[] narrowRef = new float[rowsN * 10];
                int lda = transA ? rowsN : kN;
                int ldb = transB ? kN : 10;
                Gemm.scalar().multiply(transA, transB, rowsN, 10, kN, xN, 0, lda, wN, 0, ldb, 0f, narrowRef, 0, 10);
                for (Gemm gemm : List.of(Gemm.vector(), Gemm.vector().withThreads(2))) {
                    float[] narrow = new float[rowsN * 10];
                    gemm.multiply(transA, transB, rowsN, 10, kN, xN, 0, lda, wN, 0, ldb, 0f, narrow, 0, 10);
                    assertArrayEquals(narrowRef, narrow, gemm + " tA=" + transA + " tB=" + transB);
                }
            }
        }
    }

    /**
     * The narrow and short loops (vector path) against the scalar twin's blocked loop, bit for bit:
     * every layout each loop takes, β ∈ {0, 1, −0.5} on the same old C, strided sub-matrices, a
     * row count that leaves a tail (narrow) or an overlapping last group (short), k with a tail of
     * the four-step unrolled loop and more than one k-block, columns past the short kernel's last
     * 64, and 1 and 2 threads. Each shape is first checked to reach the loop it is meant to test.
     */
    static Stream<Arguments> newLoops() {
        Object[][] shapes = {
                // m, n, k, transA, transB, route
                {128, 10, 256, false, true, GemmDriver.Route.NARROW},   // the output layer's Z = X·Wᵀ
                {131, 10, 259, false, true, GemmDriver.Route.NARROW},
                {131, 10, 259, false, false, GemmDriver.Route.NARROW},
                {77, 16, 513, true, false, GemmDriver.Route.NARROW},
                {64, 7, 130, true, true, GemmDriver.Route.NARROW},
                {10, 256, 128, true, false, GemmDriver.Route.SHORT},    // the output layer's dW = dZᵀ·X
                {13, 200, 300, true, false, GemmDriver.Route.SHORT},
                {7, 64, 37, true, false, GemmDriver.Route.SHORT},
                {16, 1000, 160, true, false, GemmDriver.Route.SHORT},  // split across 2 threads
        };
        List<Arguments> out = new ArrayList<>();
        for (Object[] s : shapes) {
            for (int threads = 1; threads <= 2; threads++) {
                out.add(Arguments.of(s[0], s[1], s[2], s[3], s[4], s[5], threads));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} tA={3} tB={4} {5} threads={6}")
    @MethodSource("newLoops")
    void narrowAndShortLoopsGiveTheScalarTwinsBits(int m, int n, int k, boolean transA, boolean transB,
                                                   GemmDriver.Route route, int threads) {
        VectorGemm vector = (VectorGemm) Gemm.vector().withThreads(threads);
        assertEquals(route, vector.route(transA, transB, m, n), "the shape reaches the loop under test");
        assertTrue((long) m * n * k >= VectorGemm.SMALL, "the vector path does not hand the shape to the scalar twin");
        SplittableRandom random = new SplittableRandom(97L * m + 13L * n + k);
        int lda = (transA ? m : k) + 5;
        int ldb = (transB ? k : n) + 3;
        int ldc = n + 7;
        float[] a = randomArray(random, 3 + (transA ? k : m) * lda);
        float[] b = randomArray(random, 2 + (transB ? n : k) * ldb);
        float[] old = randomArray(random, 1 + m * ldc);
        for (float beta : new float[] {0f, 1f, -0.5f}) {
            float[] expected = old.clone();
            float[] actual = old.clone();
            Gemm.scalar().multiply(transA, transB, m, n, k, a, 3, lda, b, 2, ldb, beta, expected, 1, ldc);
            vector.multiply(transA, transB, m, n, k, a, 3, lda, b, 2, ldb, beta, actual, 1, ldc);
            for (int i = 0; i < actual.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                        vector + " beta=" + beta + " differs from the scalar twin at " + i);
            }
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheNumbers() {
        Gemm gemm = Gemm.scalar();
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> gemm.multiply(false, false, -1, 2, 2, new float[4], 0, 2, new float[4], 0, 2, 0f, new float[4], 0, 2));
        assertTrue(negative.getMessage().contains("m=-1"), negative.getMessage());
        IllegalArgumentException ld = assertThrows(IllegalArgumentException.class,
                () -> gemm.multiply(false, false, 2, 2, 3, new float[6], 0, 2, new float[6], 0, 2, 0f, new float[4], 0, 2));
        assertTrue(ld.getMessage().contains("leading dimension 2 < columns 3"), ld.getMessage());
        IndexOutOfBoundsException bounds = assertThrows(IndexOutOfBoundsException.class,
                () -> gemm.multiply(false, false, 2, 2, 2, new float[3], 0, 2, new float[4], 0, 2, 0f, new float[4], 0, 2));
        assertTrue(bounds.getMessage().contains("array has 3"), bounds.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gemm.withThreads(0));
        assertEquals("scalar x2 threads", gemm.withThreads(2).name());
        assertTrue(Kernels.gemm() == Gemm.vector() || Kernels.gemm() == Gemm.scalar());
    }

    private static float[] randomArray(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Quick throughput harness: {@code java ... GemmTest [m n k seconds]}; prints GFLOP/s per path and shape. */
    public static void main(String[] args) {
        int[][] shapes = {{128, 256, 784, 0, 1}, {256, 784, 128, 1, 0}, {128, 784, 256, 0, 0}, {512, 512, 512, 0, 0}};
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        SplittableRandom random = new SplittableRandom(1);
        List<Gemm> gemms = new ArrayList<>(List.of(Gemm.scalar(), Gemm.vector(), Gemm.vector().withThreads(2)));
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            boolean transA = s[3] != 0;
            boolean transB = s[4] != 0;
            float[] a = randomArray(random, m * k);
            float[] b = randomArray(random, k * n);
            float[] c = new float[m * n];
            for (Gemm gemm : gemms) {
                int lda = transA ? m : k;
                int ldb = transB ? k : n;
                double best = 0;
                long end = System.nanoTime() + (long) (seconds * 1e9);
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    int reps = 10;
                    for (int r = 0; r < reps; r++) {
                        gemm.multiply(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
                    }
                    double gflops = 2.0 * m * n * k * reps / (System.nanoTime() - t0);
                    best = Math.max(best, gflops);
                }
                System.out.printf("%-28s m=%d n=%d k=%d tA=%b tB=%b  best %.1f GFLOP/s%n", gemm.name(), m, n, k, transA, transB, best);
            }
        }
    }
}
