package org.actlab.kernel;

/**
 * The scalar twin of the matrix multiply: the shared blocked loop with a plain-Java micro-kernel
 * of {@value #MR}×{@value #NR} accumulators, each an in-order chain of fused multiply-adds, so that
 * its results are bit-identical to {@link VectorGemm}'s. {@link FloatFma} decides how each FMA is
 * computed (the JVM's intrinsic, or an exact emulation in the browser); both give the same bits.
 */
final class ScalarGemm extends GemmDriver {

    static final int MR = 4;
    static final int NR = 16;

    ScalarGemm(int threads) {
        super(MR, NR, threads);
    }

    @Override
    String kernelName() {
        return "scalar";
    }

    @Override
    public Gemm withThreads(int threads) {
        return threads == threads() ? this : new ScalarGemm(threads);
    }

    /**
     * An edge tile (fewer than MR rows or NR columns of C left) computes only its live elements: each is
     * the same in-order FMA chain as in a full tile, so the bits are the same, and the small products of
     * the playground's networks (a batch of 10, layers of 8 units, one output) skip about two thirds of
     * the multiply-adds a full tile would do. Full tiles keep constant bounds, which the JIT unrolls.
     */
    @Override
    void kernel(int kc, float[] pa, int paOff, float[] pb, int pbOff,
                float[] c, int cOff, int ldc, int rows, int cols, float beta, float[] tile) {
        java.util.Arrays.fill(tile, 0, MR * NR, 0f);
        if (rows == MR && cols == NR) {
            accumulate(kc, pa, paOff, pb, pbOff, tile, MR, NR);
        } else {
            accumulate(kc, pa, paOff, pb, pbOff, tile, rows, cols);
        }
        storePartial(tile, NR, c, cOff, ldc, rows, cols, beta);
    }

    /** tile[r][j] += pa[p][r]·pb[p][j] for p in [0, kc), r < rows, j < cols, one FMA at a time in order of p. */
    private static void accumulate(int kc, float[] pa, int paOff, float[] pb, int pbOff, float[] tile, int rows, int cols) {
        for (int p = 0; p < kc; p++) {
            int aRow = paOff + p * MR;
            int bRow = pbOff + p * NR;
            for (int r = 0; r < rows; r++) {
                float av = pa[aRow + r];
                int t = r * NR;
                for (int j = 0; j < cols; j++) {
                    tile[t + j] = FloatFma.fma(av, pb[bRow + j], tile[t + j]);
                }
            }
        }
    }
}
