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

    /** Below this many multiply-adds the scalar twin is faster. */
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
        return (long) m * n * k < SMALL ? scalarTwin : this;
    }

    @Override
    int narrowWidth() {
        return L;
    }

    /**
     * Eight rows at a time, one vector of B per step: eight broadcasts of A, eight independent
     * FMA chains (enough to cover the FMA latency). Fewer rows (the last group) run one at a time.
     */
    @Override
    void narrowKernel(int kc, float[] a, int aAt, int rowStride, int colStride, float[] pb,
                      float[] c, int cOff, int ldc, int rows, int cols, float beta, float[] tile) {
        if (rows < NARROW_ROWS) {
            for (int r = 0; r < rows; r++) {
                FloatVector acc = FloatVector.zero(F);
                int at = aAt + r * rowStride;
                for (int p = 0; p < kc; p++) {
                    acc = FloatVector.fromArray(F, pb, p * L).fma(FloatVector.broadcast(F, a[at + p * colStride]), acc);
                }
                acc.intoArray(tile, r * L);
            }
            storePartial(tile, L, c, cOff, ldc, rows, cols, beta);
            return;
        }
        FloatVector c0 = FloatVector.zero(F), c1 = FloatVector.zero(F), c2 = FloatVector.zero(F), c3 = FloatVector.zero(F);
        FloatVector c4 = FloatVector.zero(F), c5 = FloatVector.zero(F), c6 = FloatVector.zero(F), c7 = FloatVector.zero(F);
        int a0 = aAt;
        int a1 = a0 + rowStride;
        int a2 = a1 + rowStride;
        int a3 = a2 + rowStride;
        int a4 = a3 + rowStride;
        int a5 = a4 + rowStride;
        int a6 = a5 + rowStride;
        int a7 = a6 + rowStride;
        for (int p = 0; p < kc; p++) {
            FloatVector bv = FloatVector.fromArray(F, pb, p * L);
            int q = p * colStride;
            c0 = bv.fma(FloatVector.broadcast(F, a[a0 + q]), c0);
            c1 = bv.fma(FloatVector.broadcast(F, a[a1 + q]), c1);
            c2 = bv.fma(FloatVector.broadcast(F, a[a2 + q]), c2);
            c3 = bv.fma(FloatVector.broadcast(F, a[a3 + q]), c3);
            c4 = bv.fma(FloatVector.broadcast(F, a[a4 + q]), c4);
            c5 = bv.fma(FloatVector.broadcast(F, a[a5 + q]), c5);
            c6 = bv.fma(FloatVector.broadcast(F, a[a6 + q]), c6);
            c7 = bv.fma(FloatVector.broadcast(F, a[a7 + q]), c7);
        }
        c0.intoArray(tile, 0 * L);
        c1.intoArray(tile, 1 * L);
        c2.intoArray(tile, 2 * L);
        c3.intoArray(tile, 3 * L);
        c4.intoArray(tile, 4 * L);
        c5.intoArray(tile, 5 * L);
        c6.intoArray(tile, 6 * L);
        c7.intoArray(tile, 7 * L);
        storePartial(tile, L, c, cOff, ldc, rows, cols, beta);
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
        if (rows == MR && cols == NR && beta == 0f) {
            c00.intoArray(c, cOff + 0 * ldc + 0 * L);
            c01.intoArray(c, cOff + 0 * ldc + 1 * L);
            c02.intoArray(c, cOff + 0 * ldc + 2 * L);
            c10.intoArray(c, cOff + 1 * ldc + 0 * L);
            c11.intoArray(c, cOff + 1 * ldc + 1 * L);
            c12.intoArray(c, cOff + 1 * ldc + 2 * L);
            c20.intoArray(c, cOff + 2 * ldc + 0 * L);
            c21.intoArray(c, cOff + 2 * ldc + 1 * L);
            c22.intoArray(c, cOff + 2 * ldc + 2 * L);
            c30.intoArray(c, cOff + 3 * ldc + 0 * L);
            c31.intoArray(c, cOff + 3 * ldc + 1 * L);
            c32.intoArray(c, cOff + 3 * ldc + 2 * L);
            c40.intoArray(c, cOff + 4 * ldc + 0 * L);
            c41.intoArray(c, cOff + 4 * ldc + 1 * L);
            c42.intoArray(c, cOff + 4 * ldc + 2 * L);
            c50.intoArray(c, cOff + 5 * ldc + 0 * L);
            c51.intoArray(c, cOff + 5 * ldc + 1 * L);
            c52.intoArray(c, cOff + 5 * ldc + 2 * L);
            return;
        }
        // Adding to C (later k-blocks, β ≠ 0) goes through the tile and a plain loop: a vector
        // add here made the method too large for C2 to inline the Vector API's add, which then ran
        // its Java fallback (seen as FloatVector.lanewiseTemplate in a profile of the training step).
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
}
