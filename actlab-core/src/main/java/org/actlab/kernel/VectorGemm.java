package org.actlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API matrix multiply: the shared blocked loop ({@link GemmDriver}) with a
 * register-blocked micro-kernel of {@value #MR} rows × three vectors ({@code 3·F.length()}
 * columns, 48 with AVX-512): 18 accumulators, each step one broadcast of packed A per row,
 * 3 loads of packed B and 18 fused multiply-adds. The tile is written out variable by variable
 * (generated, not looped over an array of vectors) because C2 keeps FloatVector locals in
 * registers but not array elements. 6 × 3 won over 6 × 2, 8 × 2, 4 × 3 and 12 × 2 in a quick
 * harness on Zen 4 (see GemmTest's main).
 */
final class VectorGemm extends GemmDriver {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    static final int MR = 6;
    static final int NR = 3 * L;

    VectorGemm() {
        this(1);
    }

    /** Below this many multiply-adds, or with fewer columns than one vector, the scalar twin is faster. */
    static final int SMALL = 1 << 14;

    /** The driver for small products: the scalar twin, or this one in tests of the vector tile edges. */
    private final GemmDriver scalarTwin;

    VectorGemm(int threads) {
        super(MR, NR, threads);
        scalarTwin = new ScalarGemm(threads);
    }

    private VectorGemm(int threads, boolean vectorForSmall) {
        super(MR, NR, threads);
        scalarTwin = vectorForSmall ? this : new ScalarGemm(threads);
    }

    /** This kernel for every size, so that tests reach the tile edges with small shapes. */
    static VectorGemm everySize() {
        return new VectorGemm(1, true);
    }

    /**
     * Tiny products (the playground's 2-8-8-1 networks) would spend most of a 6×48 tile on zero
     * padding, and run in the interpreter for long before C2 compiles the Vector API kernel; the
     * scalar twin gives the same bits faster there.
     */
    @Override
    GemmDriver forSmall(int m, int n, int k) {
        return n < L || (long) m * n * k < SMALL ? scalarTwin : this;
    }

    @Override
    String kernelName() {
        return "vector(" + F.vectorBitSize() + " bit" + (scalarTwin == this ? ", every size)" : ")");
    }

    @Override
    public Gemm withThreads(int threads) {
        return threads == threads() ? this : new VectorGemm(threads);
    }

    @Override
    void kernel(int kc, float[] pa, int paOff, float[] pb, int pbOff,
                float[] c, int cOff, int ldc, int rows, int cols, float beta, float[] tile) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c02 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F), c12 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F), c22 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F), c32 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F), c42 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F), c52 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            // Indices as linear functions of p let C2 hoist the range checks out of the loop.
            int ia = paOff + p * MR;
            int ib = pbOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, pb, ib + 0 * L);
            FloatVector b1 = FloatVector.fromArray(F, pb, ib + 1 * L);
            FloatVector b2 = FloatVector.fromArray(F, pb, ib + 2 * L);
            FloatVector a;
            a = FloatVector.broadcast(F, pa[ia + 0]);
            c00 = b0.fma(a, c00);
            c01 = b1.fma(a, c01);
            c02 = b2.fma(a, c02);
            a = FloatVector.broadcast(F, pa[ia + 1]);
            c10 = b0.fma(a, c10);
            c11 = b1.fma(a, c11);
            c12 = b2.fma(a, c12);
            a = FloatVector.broadcast(F, pa[ia + 2]);
            c20 = b0.fma(a, c20);
            c21 = b1.fma(a, c21);
            c22 = b2.fma(a, c22);
            a = FloatVector.broadcast(F, pa[ia + 3]);
            c30 = b0.fma(a, c30);
            c31 = b1.fma(a, c31);
            c32 = b2.fma(a, c32);
            a = FloatVector.broadcast(F, pa[ia + 4]);
            c40 = b0.fma(a, c40);
            c41 = b1.fma(a, c41);
            c42 = b2.fma(a, c42);
            a = FloatVector.broadcast(F, pa[ia + 5]);
            c50 = b0.fma(a, c50);
            c51 = b1.fma(a, c51);
            c52 = b2.fma(a, c52);
        }
        if (rows == MR && cols == NR) {
            store(c00, c, cOff + 0 * ldc + 0 * L, beta);
            store(c01, c, cOff + 0 * ldc + 1 * L, beta);
            store(c02, c, cOff + 0 * ldc + 2 * L, beta);
            store(c10, c, cOff + 1 * ldc + 0 * L, beta);
            store(c11, c, cOff + 1 * ldc + 1 * L, beta);
            store(c12, c, cOff + 1 * ldc + 2 * L, beta);
            store(c20, c, cOff + 2 * ldc + 0 * L, beta);
            store(c21, c, cOff + 2 * ldc + 1 * L, beta);
            store(c22, c, cOff + 2 * ldc + 2 * L, beta);
            store(c30, c, cOff + 3 * ldc + 0 * L, beta);
            store(c31, c, cOff + 3 * ldc + 1 * L, beta);
            store(c32, c, cOff + 3 * ldc + 2 * L, beta);
            store(c40, c, cOff + 4 * ldc + 0 * L, beta);
            store(c41, c, cOff + 4 * ldc + 1 * L, beta);
            store(c42, c, cOff + 4 * ldc + 2 * L, beta);
            store(c50, c, cOff + 5 * ldc + 0 * L, beta);
            store(c51, c, cOff + 5 * ldc + 1 * L, beta);
            store(c52, c, cOff + 5 * ldc + 2 * L, beta);
            return;
        }
        c00.intoArray(tile, 0 * NR + 0 * L);
        c01.intoArray(tile, 0 * NR + 1 * L);
        c02.intoArray(tile, 0 * NR + 2 * L);
        c10.intoArray(tile, 1 * NR + 0 * L);
        c11.intoArray(tile, 1 * NR + 1 * L);
        c12.intoArray(tile, 1 * NR + 2 * L);
        c20.intoArray(tile, 2 * NR + 0 * L);
        c21.intoArray(tile, 2 * NR + 1 * L);
        c22.intoArray(tile, 2 * NR + 2 * L);
        c30.intoArray(tile, 3 * NR + 0 * L);
        c31.intoArray(tile, 3 * NR + 1 * L);
        c32.intoArray(tile, 3 * NR + 2 * L);
        c40.intoArray(tile, 4 * NR + 0 * L);
        c41.intoArray(tile, 4 * NR + 1 * L);
        c42.intoArray(tile, 4 * NR + 2 * L);
        c50.intoArray(tile, 5 * NR + 0 * L);
        c51.intoArray(tile, 5 * NR + 1 * L);
        c52.intoArray(tile, 5 * NR + 2 * L);
        storePartial(tile, NR, c, cOff, ldc, rows, cols, beta);
    }

    /** One vector of a full tile: C = acc, C + acc or β·C + acc, as in {@link GemmDriver#storePartial}. */
    private static void store(FloatVector acc, float[] c, int at, float beta) {
        if (beta == 0f) {
            acc.intoArray(c, at);
        } else if (beta == 1f) {
            FloatVector.fromArray(F, c, at).add(acc).intoArray(c, at);
        } else {
            FloatVector.fromArray(F, c, at).mul(beta).add(acc).intoArray(c, at);
        }
    }
}
