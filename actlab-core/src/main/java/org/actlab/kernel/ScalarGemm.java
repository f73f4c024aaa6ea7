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

    @Override
    void kernel(int kc, float[] pa, int paOff, float[] pb, int pbOff,
                float[] c, int cOff, int ldc, int rows, int cols, float beta, float[] tile) {
        java.util.Arrays.fill(tile, 0, MR * NR, 0f);
        for (int p = 0; p < kc; p++) {
            int aRow = paOff + p * MR;
            int bRow = pbOff + p * NR;
            for (int r = 0; r < MR; r++) {
                float av = pa[aRow + r];
                int t = r * NR;
                for (int j = 0; j < NR; j++) {
                    tile[t + j] = FloatFma.fma(av, pb[bRow + j], tile[t + j]);
                }
            }
        }
        storePartial(tile, NR, c, cOff, ldc, rows, cols, beta);
    }
}
