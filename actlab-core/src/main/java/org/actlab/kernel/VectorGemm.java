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
     * With Bᵀ stored (the output layer's weights, 10 rows of k floats) the panel is filled with
     * zeros once and each stored row of B is copied into its column: contiguous reads and a loop
     * with no inner trip count of 10; p-outer order (10 strided reads and 6 zero stores per p) cost
     * 2.3 µs per 256-deep panel, about a fifth of the 128×10×256 product, against 0.85 µs this way.
     * The panel's width is the constant {@link #L} here, not a parameter, so that the stores' index
     * is p·L + j with a constant scale and C2 hoists their range checks (1.1-1.7 against 2.0-2.5 µs
     * per panel with the width passed in, same harness, under load). Same values, so the same bits.
     */
    @Override
    void packNarrowB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int cols, float[] pb) {
        if (!transB) {
            packB(false, b, bOff, ldb, p0, kc, 0, cols, pb, L);
            return;
        }
        java.util.Arrays.fill(pb, 0, kc * L, 0f);
        for (int j = 0; j < cols; j++) {
            int src = bOff + j * ldb + p0;
            for (int p = 0; p < kc; p++) {
                pb[p * L + j] = b[src + p];
            }
        }
    }

    /**
     * Eight rows at a time, one vector of B per step: eight broadcasts of A, eight independent
     * FMA chains (enough to cover the FMA latency). Fewer rows (the last group) run one at a time.
     * The eight rows' loop comes in two forms, one per layout of A, because what the loop costs
     * beyond its nine loads and eight FMAs per step is index arithmetic and range checks: with
     * the old form (one loop for both layouts, element (r, p) at {@code aAt + r·rowStride + p·colStride})
     * C2 kept a check and an add per broadcast, about 0.8 cycles per vector FMA.
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
        } else if (colStride == 1) {
            narrowRowsApart(kc, a, aAt, rowStride, pb, tile);
        } else {
            // colStride ≠ 1 only with Aᵀ stored, and then the rows are neighbours (rowStride = 1).
            narrowRowsAdjacent(kc, a, aAt, colStride, pb, tile);
        }
        storePartial(tile, L, c, cOff, ldc, rows, cols, beta);
    }

    /**
     * The eight-row loop with A stored m×k (the forward product's activations): row r at
     * {@code aAt + r·lda}, its elements contiguous in p. Four steps of p per iteration, each row's
     * index computed once per iteration and the four elements reached by constant offsets from it,
     * so that C2 folds them into the loads' addresses; the range checks are linear in p and are
     * hoisted out of the loop. The FMAs run in the same order of p as in the one-step loop.
     */
    private static void narrowRowsApart(int kc, float[] a, int aAt, int lda, float[] pb, float[] tile) {
        FloatVector c0 = FloatVector.zero(F), c1 = FloatVector.zero(F), c2 = FloatVector.zero(F), c3 = FloatVector.zero(F);
        FloatVector c4 = FloatVector.zero(F), c5 = FloatVector.zero(F), c6 = FloatVector.zero(F), c7 = FloatVector.zero(F);
        int a0 = aAt;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
        int a6 = a5 + lda;
        int a7 = a6 + lda;
        int p = 0;
        for (; p <= kc - 4; p += 4) {
            int q0 = a0 + p;
            int q1 = a1 + p;
            int q2 = a2 + p;
            int q3 = a3 + p;
            int q4 = a4 + p;
            int q5 = a5 + p;
            int q6 = a6 + p;
            int q7 = a7 + p;
            int ib = p * L;
            FloatVector b;
            b = FloatVector.fromArray(F, pb, ib + 0 * L);
            c0 = b.fma(FloatVector.broadcast(F, a[q0]), c0);
            c1 = b.fma(FloatVector.broadcast(F, a[q1]), c1);
            c2 = b.fma(FloatVector.broadcast(F, a[q2]), c2);
            c3 = b.fma(FloatVector.broadcast(F, a[q3]), c3);
            c4 = b.fma(FloatVector.broadcast(F, a[q4]), c4);
            c5 = b.fma(FloatVector.broadcast(F, a[q5]), c5);
            c6 = b.fma(FloatVector.broadcast(F, a[q6]), c6);
            c7 = b.fma(FloatVector.broadcast(F, a[q7]), c7);
            b = FloatVector.fromArray(F, pb, ib + 1 * L);
            c0 = b.fma(FloatVector.broadcast(F, a[q0 + 1]), c0);
            c1 = b.fma(FloatVector.broadcast(F, a[q1 + 1]), c1);
            c2 = b.fma(FloatVector.broadcast(F, a[q2 + 1]), c2);
            c3 = b.fma(FloatVector.broadcast(F, a[q3 + 1]), c3);
            c4 = b.fma(FloatVector.broadcast(F, a[q4 + 1]), c4);
            c5 = b.fma(FloatVector.broadcast(F, a[q5 + 1]), c5);
            c6 = b.fma(FloatVector.broadcast(F, a[q6 + 1]), c6);
            c7 = b.fma(FloatVector.broadcast(F, a[q7 + 1]), c7);
            b = FloatVector.fromArray(F, pb, ib + 2 * L);
            c0 = b.fma(FloatVector.broadcast(F, a[q0 + 2]), c0);
            c1 = b.fma(FloatVector.broadcast(F, a[q1 + 2]), c1);
            c2 = b.fma(FloatVector.broadcast(F, a[q2 + 2]), c2);
            c3 = b.fma(FloatVector.broadcast(F, a[q3 + 2]), c3);
            c4 = b.fma(FloatVector.broadcast(F, a[q4 + 2]), c4);
            c5 = b.fma(FloatVector.broadcast(F, a[q5 + 2]), c5);
            c6 = b.fma(FloatVector.broadcast(F, a[q6 + 2]), c6);
            c7 = b.fma(FloatVector.broadcast(F, a[q7 + 2]), c7);
            b = FloatVector.fromArray(F, pb, ib + 3 * L);
            c0 = b.fma(FloatVector.broadcast(F, a[q0 + 3]), c0);
            c1 = b.fma(FloatVector.broadcast(F, a[q1 + 3]), c1);
            c2 = b.fma(FloatVector.broadcast(F, a[q2 + 3]), c2);
            c3 = b.fma(FloatVector.broadcast(F, a[q3 + 3]), c3);
            c4 = b.fma(FloatVector.broadcast(F, a[q4 + 3]), c4);
            c5 = b.fma(FloatVector.broadcast(F, a[q5 + 3]), c5);
            c6 = b.fma(FloatVector.broadcast(F, a[q6 + 3]), c6);
            c7 = b.fma(FloatVector.broadcast(F, a[q7 + 3]), c7);
        }
        for (; p < kc; p++) {
            FloatVector b = FloatVector.fromArray(F, pb, p * L);
            c0 = b.fma(FloatVector.broadcast(F, a[a0 + p]), c0);
            c1 = b.fma(FloatVector.broadcast(F, a[a1 + p]), c1);
            c2 = b.fma(FloatVector.broadcast(F, a[a2 + p]), c2);
            c3 = b.fma(FloatVector.broadcast(F, a[a3 + p]), c3);
            c4 = b.fma(FloatVector.broadcast(F, a[a4 + p]), c4);
            c5 = b.fma(FloatVector.broadcast(F, a[a5 + p]), c5);
            c6 = b.fma(FloatVector.broadcast(F, a[a6 + p]), c6);
            c7 = b.fma(FloatVector.broadcast(F, a[a7 + p]), c7);
        }
        c0.intoArray(tile, 0 * L);
        c1.intoArray(tile, 1 * L);
        c2.intoArray(tile, 2 * L);
        c3.intoArray(tile, 3 * L);
        c4.intoArray(tile, 4 * L);
        c5.intoArray(tile, 5 * L);
        c6.intoArray(tile, 6 * L);
        c7.intoArray(tile, 7 * L);
    }

    /**
     * The eight-row loop with Aᵀ stored (k×m): the eight elements of one step are neighbours at
     * {@code aAt + p·lda + r}, so one index per step and constant offsets, and C2 merges their
     * range checks into one.
     */
    private static void narrowRowsAdjacent(int kc, float[] a, int aAt, int lda, float[] pb, float[] tile) {
        FloatVector c0 = FloatVector.zero(F), c1 = FloatVector.zero(F), c2 = FloatVector.zero(F), c3 = FloatVector.zero(F);
        FloatVector c4 = FloatVector.zero(F), c5 = FloatVector.zero(F), c6 = FloatVector.zero(F), c7 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            FloatVector b = FloatVector.fromArray(F, pb, p * L);
            int q = aAt + p * lda;
            c0 = b.fma(FloatVector.broadcast(F, a[q]), c0);
            c1 = b.fma(FloatVector.broadcast(F, a[q + 1]), c1);
            c2 = b.fma(FloatVector.broadcast(F, a[q + 2]), c2);
            c3 = b.fma(FloatVector.broadcast(F, a[q + 3]), c3);
            c4 = b.fma(FloatVector.broadcast(F, a[q + 4]), c4);
            c5 = b.fma(FloatVector.broadcast(F, a[q + 5]), c5);
            c6 = b.fma(FloatVector.broadcast(F, a[q + 6]), c6);
            c7 = b.fma(FloatVector.broadcast(F, a[q + 7]), c7);
        }
        c0.intoArray(tile, 0 * L);
        c1.intoArray(tile, 1 * L);
        c2.intoArray(tile, 2 * L);
        c3.intoArray(tile, 3 * L);
        c4.intoArray(tile, 4 * L);
        c5.intoArray(tile, 5 * L);
        c6.intoArray(tile, 6 * L);
        c7.intoArray(tile, 7 * L);
    }

    /** Rows of C per short micro-kernel call. */
    static final int SHORT_ROWS = 5;
    /** Vectors of columns per short micro-kernel call. */
    static final int SHORT_VECTORS = 4;

    @Override
    int shortRows() {
        return SHORT_ROWS;
    }

    @Override
    int shortCols() {
        return SHORT_VECTORS * L;
    }

    /**
     * Five rows × four vectors (64 columns with AVX-512): 20 accumulators, each step four loads of
     * B straight from its rows, five broadcasts of Aᵀ's neighbouring elements (one index, constant
     * offsets) and 20 FMAs, so about one load per two FMAs and no packing. Made for the output
     * layer's weight gradient dW = dZᵀ·X (10×256×128), which the blocked loop ran in 6×48 tiles of
     * which a sixth of the rows and an eighth of the columns were padding, after packing both operands.
     */
    @Override
    void shortKernel(int kc, float[] a, int aAt, int lda, float[] b, int bAt, int ldb,
                     float[] c, int cOff, int ldc, int skip, float beta, float[] tile) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c02 = FloatVector.zero(F), c03 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F), c12 = FloatVector.zero(F), c13 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F), c22 = FloatVector.zero(F), c23 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F), c32 = FloatVector.zero(F), c33 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F), c42 = FloatVector.zero(F), c43 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            int ib = bAt + p * ldb;
            FloatVector b0 = FloatVector.fromArray(F, b, ib);
            FloatVector b1 = FloatVector.fromArray(F, b, ib + 1 * L);
            FloatVector b2 = FloatVector.fromArray(F, b, ib + 2 * L);
            FloatVector b3 = FloatVector.fromArray(F, b, ib + 3 * L);
            int q = aAt + p * lda;
            FloatVector x;
            x = FloatVector.broadcast(F, a[q]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(F, a[q + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(F, a[q + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(F, a[q + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
            x = FloatVector.broadcast(F, a[q + 4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            c42 = b2.fma(x, c42);
            c43 = b3.fma(x, c43);
        }
        if (skip == 0 && beta == 0f) {
            c00.intoArray(c, cOff + 0 * ldc + 0 * L);
            c01.intoArray(c, cOff + 0 * ldc + 1 * L);
            c02.intoArray(c, cOff + 0 * ldc + 2 * L);
            c03.intoArray(c, cOff + 0 * ldc + 3 * L);
            c10.intoArray(c, cOff + 1 * ldc + 0 * L);
            c11.intoArray(c, cOff + 1 * ldc + 1 * L);
            c12.intoArray(c, cOff + 1 * ldc + 2 * L);
            c13.intoArray(c, cOff + 1 * ldc + 3 * L);
            c20.intoArray(c, cOff + 2 * ldc + 0 * L);
            c21.intoArray(c, cOff + 2 * ldc + 1 * L);
            c22.intoArray(c, cOff + 2 * ldc + 2 * L);
            c23.intoArray(c, cOff + 2 * ldc + 3 * L);
            c30.intoArray(c, cOff + 3 * ldc + 0 * L);
            c31.intoArray(c, cOff + 3 * ldc + 1 * L);
            c32.intoArray(c, cOff + 3 * ldc + 2 * L);
            c33.intoArray(c, cOff + 3 * ldc + 3 * L);
            c40.intoArray(c, cOff + 4 * ldc + 0 * L);
            c41.intoArray(c, cOff + 4 * ldc + 1 * L);
            c42.intoArray(c, cOff + 4 * ldc + 2 * L);
            c43.intoArray(c, cOff + 4 * ldc + 3 * L);
            return;
        }
        // Adding to C, or a group that overlaps the one before: through the tile, as in kernel().
        int w = SHORT_VECTORS * L;
        c00.intoArray(tile, 0 * w + 0 * L);
        c01.intoArray(tile, 0 * w + 1 * L);
        c02.intoArray(tile, 0 * w + 2 * L);
        c03.intoArray(tile, 0 * w + 3 * L);
        c10.intoArray(tile, 1 * w + 0 * L);
        c11.intoArray(tile, 1 * w + 1 * L);
        c12.intoArray(tile, 1 * w + 2 * L);
        c13.intoArray(tile, 1 * w + 3 * L);
        c20.intoArray(tile, 2 * w + 0 * L);
        c21.intoArray(tile, 2 * w + 1 * L);
        c22.intoArray(tile, 2 * w + 2 * L);
        c23.intoArray(tile, 2 * w + 3 * L);
        c30.intoArray(tile, 3 * w + 0 * L);
        c31.intoArray(tile, 3 * w + 1 * L);
        c32.intoArray(tile, 3 * w + 2 * L);
        c33.intoArray(tile, 3 * w + 3 * L);
        c40.intoArray(tile, 4 * w + 0 * L);
        c41.intoArray(tile, 4 * w + 1 * L);
        c42.intoArray(tile, 4 * w + 2 * L);
        c43.intoArray(tile, 4 * w + 3 * L);
        storePartial(tile, skip * w, w, c, cOff + skip * ldc, ldc, SHORT_ROWS - skip, w, beta);
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
