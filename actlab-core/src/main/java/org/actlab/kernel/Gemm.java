package org.actlab.kernel;

/**
 * Single-precision matrix multiply on row-major {@code float[]} slices:
 * <pre>C ← op(A)·op(B) + β·C</pre>
 * where op(A) is m×k, op(B) is k×n and C is m×n; op(X) = Xᵀ when the matching transpose flag is
 * set. A dense layer needs three shapes: Z = X·Wᵀ ({@code transB}), dW = dZᵀ·X ({@code transA})
 * and dX = dZ·W (neither).
 *
 * <p>Element (i, j) of a matrix stored at {@code off} with leading dimension {@code ld} lives at
 * {@code off + i·ld + j}. With β = 0 the old contents of C are ignored (even NaN), as in BLAS.
 *
 * <h2>Rounding and determinism</h2>
 * Both implementations run a blocked loop over packed panels; the Vector API kernel also has
 * loops for narrow and short products that read an operand where it is stored. On every loop each C element
 * is the sum, over fixed k-blocks of 256, of an in-order fused multiply-add
 * chain started from 0. The scalar twin ({@link Math#fma}) and the Vector API kernel therefore
 * give the same bits, and so does any thread count: threads split C into disjoint column (or row)
 * ranges and never split the k-sum.
 */
public interface Gemm {

    /** A short name for reports, for example {@code "scalar"} or {@code "vector(512 bit) x2 threads"}. */
    String name();

    /** The number of threads a call may use (1: the caller's thread only). */
    int threads();

    /**
     * The same kernel using up to {@code threads} threads (the caller's plus pooled daemon
     * threads); results are bit-identical to the single-threaded ones.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    Gemm withThreads(int threads);

    /**
     * C ← op(A)·op(B) + β·C.
     *
     * @param transA use Aᵀ: A is stored k×m
     * @param transB use Bᵀ: B is stored n×k
     * @throws IllegalArgumentException for negative sizes or leading dimensions too small
     * @throws IndexOutOfBoundsException when a matrix does not fit its array
     */
    void multiply(boolean transA, boolean transB, int m, int n, int k,
                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                  float beta, float[] c, int cOff, int ldc);

    /** The scalar twin, always available. */
    static Gemm scalar() {
        return GemmChoice.SCALAR;
    }

    /** The Vector API kernel, or {@code null} when {@code jdk.incubator.vector} is not usable. */
    static Gemm vector() {
        return JvmProvider.vectorGemm();
    }

    /** Checks shapes and bounds, with messages that name the numbers. */
    static void checkArguments(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("matrix sizes must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        checkMatrix("A", a, aOff, aRows, aCols, lda);
        checkMatrix("B", b, bOff, bRows, bCols, ldb);
        checkMatrix("C", c, cOff, m, n, ldc);
    }

    private static void checkMatrix(String what, float[] x, int off, int rows, int cols, int ld) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(what + ": leading dimension " + ld + " < columns " + cols);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IndexOutOfBoundsException(what + ": " + rows + "x" + cols + " at offset " + off
                    + " with leading dimension " + ld + " needs " + last + " elements, array has " + x.length);
        }
    }
}
