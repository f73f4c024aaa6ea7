package org.actlab.kernel;

/**
 * The blocked loop shared by both matrix-multiply kernels, after Goto and van de Geijn's
 * layering (BLIS): column blocks of {@value #NC}, k-blocks of {@value #KC} with B packed into
 * panels of NR columns, row blocks of about {@value #MC_TARGET} with A packed into panels of MR
 * rows, then an MR×NR micro-kernel. Packing absorbs the transposes, so the micro-kernel sees one
 * layout; panels are zero-padded so it always computes a full tile.
 */
abstract class GemmDriver implements Gemm {

    /** k-block: a B micro-panel (KC × NR floats) should stay in L1 while A panels stream past. */
    static final int KC = 256;
    /** Rows of A packed at once: MC × KC floats should sit in L2. */
    static final int MC_TARGET = 120;
    /** Columns of B packed at once. */
    static final int NC = 1024;
    /** Below this many multiply-adds a second thread costs more than it saves. */
    private static final long PARALLEL_THRESHOLD = 1L << 18;

    /** Per-thread packing buffers, grown on demand, so that a call allocates nothing. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    final int mr;
    final int nr;
    private final int mc;
    private final int threads;

    GemmDriver(int mr, int nr, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.mr = mr;
        this.nr = nr;
        this.mc = Math.max(mr, MC_TARGET / mr * mr);
        this.threads = threads;
    }

    @Override
    public final int threads() {
        return threads;
    }

    /**
     * The driver to use for an m×n×k product: this one, or a cheaper one for small products.
     * Any choice gives the same bits, since every driver computes each element the same way.
     */
    GemmDriver forSmall(int m, int n, int k) {
        return this;
    }

    /** The name of the micro-kernel, without the thread count. */
    abstract String kernelName();

    @Override
    public final String name() {
        return threads == 1 ? kernelName() : kernelName() + " x" + threads + " threads";
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * Computes one tile: acc = Σ_p pa[p][r]·pb[p][j] over p in [0, kc) as an in-order FMA chain
     * from 0, then writes rows × cols of it into C: C = acc when β = 0, C + acc when β = 1,
     * else β·C + acc (product and sum rounded separately). {@code tile} is MR×NR scratch.
     */
    abstract void kernel(int kc, float[] pa, int paOff, float[] pb, int pbOff,
                         float[] c, int cOff, int ldc, int rows, int cols, float beta, float[] tile);

    @Override
    public final void multiply(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        Gemm.checkArguments(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        GemmDriver smaller = forSmall(m, n, k);
        if (smaller != this) {
            smaller.multiply(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (k == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        int parts = threads == 1 || (long) m * n * k < PARALLEL_THRESHOLD ? 1 : threads;
        int colPanels = (n + nr - 1) / nr;
        int rowPanels = (m + mr - 1) / mr;
        boolean splitColumns = colPanels >= rowPanels;
        parts = Math.min(parts, splitColumns ? colPanels : rowPanels);
        if (parts <= 1) {
            blocked(transA, transB, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 0, m, 0, n);
            return;
        }
        int panels = splitColumns ? colPanels : rowPanels;
        int unit = splitColumns ? nr : mr;
        int extent = splitColumns ? n : m;
        Runnable[] work = new Runnable[parts];
        for (int part = 0; part < parts; part++) {
            int from = Math.min(extent, (int) ((long) panels * part / parts) * unit);
            int to = Math.min(extent, (int) ((long) panels * (part + 1) / parts) * unit);
            work[part] = splitColumns
                    ? () -> blocked(transA, transB, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 0, m, from, to)
                    : () -> blocked(transA, transB, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, from, to, 0, n);
        }
        // The worker threads start on the first product that gets here, never for threads == 1.
        GemmWorkers.shared().runAll(work);
    }

    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    /** C[i0:i1, j0:j1] on the calling thread. */
    private void blocked(boolean transA, boolean transB, int k, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                         int i0, int i1, int j0, int j1) {
        Workspace w = WORKSPACE.get();
        w.ensure(mc * KC, NC * KC + nr * KC, mr * nr);
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                // Later k-blocks add to what the earlier ones wrote.
                float blockBeta = pc == 0 ? beta : 1f;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, w.packB);
                for (int ic = i0; ic < i1; ic += mc) {
                    int mcHere = Math.min(mc, i1 - ic);
                    packA(transA, a, aOff, lda, ic, mcHere, pc, kc, w.packA);
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        int pbOff = jr * kc;
                        for (int ir = 0; ir < mcHere; ir += mr) {
                            int rows = Math.min(mr, mcHere - ir);
                            kernel(kc, w.packA, ir * kc, w.packB, pbOff,
                                    c, cOff + (ic + ir) * ldc + jc + jr, ldc, rows, cols, blockBeta, w.tile);
                        }
                    }
                }
            }
        }
    }

    /** Packs op(A)[i0:i0+rows, p0:p0+kc] into panels of MR rows: pa[panel·MR·kc + p·MR + r], zero-padded. */
    private void packA(boolean transA, float[] a, int aOff, int lda, int i0, int rows, int p0, int kc, float[] pa) {
        for (int panel = 0; panel * mr < rows; panel++) {
            int base = panel * mr * kc;
            int valid = Math.min(mr, rows - panel * mr);
            for (int r = 0; r < mr; r++) {
                if (r >= valid) {
                    for (int p = 0; p < kc; p++) {
                        pa[base + p * mr + r] = 0f;
                    }
                    continue;
                }
                int i = i0 + panel * mr + r;
                if (transA) {
                    // A is stored k×m: element (i, p) at p·lda + i.
                    int src = aOff + p0 * lda + i;
                    for (int p = 0; p < kc; p++, src += lda) {
                        pa[base + p * mr + r] = a[src];
                    }
                } else {
                    int src = aOff + i * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        pa[base + p * mr + r] = a[src + p];
                    }
                }
            }
        }
    }

    /** Packs op(B)[p0:p0+kc, j0:j0+cols] into panels of NR columns: pb[panel·NR·kc + p·NR + j], zero-padded. */
    private void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int cols, float[] pb) {
        for (int panel = 0; panel * nr < cols; panel++) {
            int base = panel * nr * kc;
            int valid = Math.min(nr, cols - panel * nr);
            if (transB) {
                // B is stored n×k: column j of op(B) is row j of the array, contiguous in p.
                for (int jj = 0; jj < nr; jj++) {
                    if (jj >= valid) {
                        for (int p = 0; p < kc; p++) {
                            pb[base + p * nr + jj] = 0f;
                        }
                        continue;
                    }
                    int src = bOff + (j0 + panel * nr + jj) * ldb + p0;
                    for (int p = 0; p < kc; p++) {
                        pb[base + p * nr + jj] = b[src + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + panel * nr;
                    int dst = base + p * nr;
                    System.arraycopy(b, src, pb, dst, valid);
                    for (int jj = valid; jj < nr; jj++) {
                        pb[dst + jj] = 0f;
                    }
                }
            }
        }
    }

    /** Scalar write-back of a partial tile held in {@code tile} (row-major, NR wide). */
    static void storePartial(float[] tile, int nr, float[] c, int cOff, int ldc, int rows, int cols, float beta) {
        for (int r = 0; r < rows; r++) {
            int row = cOff + r * ldc;
            int t = r * nr;
            for (int j = 0; j < cols; j++) {
                float acc = tile[t + j];
                if (beta == 0f) {
                    c[row + j] = acc;
                } else if (beta == 1f) {
                    c[row + j] = c[row + j] + acc;
                } else {
                    c[row + j] = beta * c[row + j] + acc;
                }
            }
        }
    }

    private static final class Workspace {
        float[] packA = new float[0];
        float[] packB = new float[0];
        float[] tile = new float[0];

        void ensure(int aSize, int bSize, int tileSize) {
            if (packA.length < aSize) {
                packA = new float[aSize];
            }
            if (packB.length < bSize) {
                packB = new float[bSize];
            }
            if (tile.length < tileSize) {
                tile = new float[tileSize];
            }
        }
    }
}
