package org.actlab.kernel;

/**
 * The blocked loop shared by both matrix-multiply kernels, after Goto and van de Geijn's
 * layering (BLIS): column blocks of {@value #NC}, k-blocks of {@value #KC} with B packed into
 * panels of NR columns, row blocks of about {@value #MC_TARGET} with A packed into panels of MR
 * rows, then an MR×NR micro-kernel. Packing absorbs the transposes, so the micro-kernel sees one
 * layout; panels are zero-padded so it always computes a full tile.
 *
 * <p>Two shapes of a dense layer with few units take other loops ({@link #route}): a narrow C
 * (n ≤ one vector, the output layer's Z = X·Wᵀ) packs only B and reads A where it is, and a short
 * C (5-16 rows with Aᵀ and B as stored, the output layer's dW = dZᵀ·X) packs nothing. Every loop
 * computes each element as the same in-order FMA chain over the same k-blocks, so the route never
 * changes the bits.
 */
abstract class GemmDriver implements Gemm {

    /** k-block: a B micro-panel (KC × NR floats) should stay in L1 while A panels stream past. */
    static final int KC = 256;
    /** Rows of A packed at once: MC × KC floats should sit in L2. */
    static final int MC_TARGET = 120;
    /** Columns of B packed at once. */
    static final int NC = 1024;
    /**
     * Below this many multiply-adds (about 50 µs of one core's work) a second thread costs more
     * than it saves: waking a worker and the second packing of the shared operand take tens of
     * microseconds. At 2^18 the output layer's products (327,680 multiply-adds) were split and ran
     * 3-4 × slower on 2 threads than on 1 (docs/BENCHMARKS.md, section 7).
     */
    private static final long PARALLEL_THRESHOLD = 1L << 21;
    /** Rows of C one narrow micro-kernel call computes. */
    static final int NARROW_ROWS = 8;

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
        Route route = route(transA, transB, m, n);
        boolean narrow = route == Route.NARROW;
        int parts = threads == 1 || (long) m * n * k < PARALLEL_THRESHOLD ? 1 : threads;
        int colPanels = narrow ? 1 : (n + nr - 1) / nr;
        int rowUnit = narrow ? NARROW_ROWS : mr;
        int rowPanels = (m + rowUnit - 1) / rowUnit;
        // Every part packs its own copy of the operand its cut does not divide: a row split packs
        // all of B (k×n) in each part, a column split all of A (m×k). Packing is a third of a
        // product's time on the training step's shapes, so cut the columns when A is the smaller
        // operand (m ≤ n) and there is a column panel for every part. Either cut gives the same bits.
        boolean splitColumns = colPanels >= parts && (rowPanels < parts || m <= n);
        parts = Math.min(parts, splitColumns ? colPanels : rowPanels);
        if (parts <= 1) {
            region(route, transA, transB, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 0, m, 0, n);
            return;
        }
        int panels = splitColumns ? colPanels : rowPanels;
        int unit = splitColumns ? nr : rowUnit;
        int extent = splitColumns ? n : m;
        Runnable[] work = new Runnable[parts];
        for (int part = 0; part < parts; part++) {
            int from = Math.min(extent, (int) ((long) panels * part / parts) * unit);
            int to = Math.min(extent, (int) ((long) panels * (part + 1) / parts) * unit);
            work[part] = splitColumns
                    ? () -> region(route, transA, transB, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 0, m, from, to)
                    : () -> region(route, transA, transB, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, from, to, 0, n);
        }
        // The worker threads start on the first product that gets here, never for threads == 1.
        GemmWorkers.shared().runAll(work);
    }

    /** The loops a product runs through; every one gives the same bits. */
    enum Route {
        /** n ≤ {@link #narrowWidth()}: {@link #narrowRows}. */
        NARROW,
        /** Few rows, Aᵀ and B read where they are: {@link #shortRegion}. */
        SHORT,
        /** Everything else: {@link #blocked}. */
        BLOCKED
    }

    /**
     * Which loop an m×n product with these transposes runs through on this driver (after
     * {@link #forSmall}); {@link #multiply} asks this, and the tests ask it which loop a shape reaches.
     */
    Route route(boolean transA, boolean transB, int m, int n) {
        if (n <= narrowWidth()) {
            return Route.NARROW;
        }
        int rows = shortRows();
        return rows > 0 && transA && !transB && m >= rows && m <= SHORT_MAX_ROWS && n >= shortCols()
                ? Route.SHORT : Route.BLOCKED;
    }

    /** C[i0:i1, j0:j1] on the calling thread, by the loop of {@code route}. */
    private void region(Route route, boolean transA, boolean transB, int n, int k, float[] a, int aOff, int lda,
                        float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                        int i0, int i1, int j0, int j1) {
        if (route == Route.NARROW) {
            narrowRows(transA, transB, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, i0, i1);
        } else if (route == Route.SHORT && i1 - i0 >= shortRows()) {
            shortRegion(k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, i0, i1, j0, j1);
        } else {
            blocked(transA, transB, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, i0, i1, j0, j1);
        }
    }

    /**
     * The most rows a product may have to take the short loop. Each group of {@link #shortRows()}
     * rows reads the whole of B (k×n) where it is stored; the blocked loop reads it once, into its
     * packed panels. With a few groups the repeated reads cost less than packing both operands
     * into tiles that would be mostly padding (the output layer's dW = dZᵀ·X has m = 10).
     */
    static final int SHORT_MAX_ROWS = 16;

    /** Rows of C one short micro-kernel call computes, or 0 when this driver has no short kernel. */
    int shortRows() {
        return 0;
    }

    /** Columns of C one short micro-kernel call computes. */
    int shortCols() {
        return 0;
    }

    /**
     * The short micro-kernel: C[0:{@link #shortRows()}, 0:{@link #shortCols()}] of the block at
     * {@code cOff} from Aᵀ read in place (element (r, p) at {@code aAt + p·lda + r}) and B read in
     * place (element (p, j) at {@code bAt + p·ldb + j}), the same in-order FMA chain from 0 as
     * {@link #kernel}; rows before {@code skip} are computed but not written (the last group of a
     * region overlaps the one before it, see {@link #shortRegion}).
     */
    void shortKernel(int kc, float[] a, int aAt, int lda, float[] b, int bAt, int ldb,
                     float[] c, int cOff, int ldc, int skip, float beta, float[] tile) {
        throw new UnsupportedOperationException(kernelName() + " has no short kernel");
    }

    /**
     * C[i0:i1, j0:j1] = Aᵀ·B + β·C for i1 − i0 ≥ {@link #shortRows()}, with nothing packed: both
     * operands are read in the layout the micro-kernel wants (Aᵀ's rows of one step are neighbours,
     * B's columns are contiguous). A last group of fewer rows is moved back to end at i1, so that
     * one kernel serves every row count; the rows it shares with the group before are computed
     * again, to the same bits, and written once. Columns past the last full {@link #shortCols()}
     * go through the blocked loop.
     */
    private void shortRegion(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
                             float[] c, int cOff, int ldc, int i0, int i1, int j0, int j1) {
        int rows = shortRows();
        int cols = shortCols();
        int jEnd = j0 + (j1 - j0) / cols * cols;
        Workspace w = WORKSPACE.get();
        w.ensure(0, 0, rows * cols);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            // Later k-blocks add to what the earlier ones wrote, exactly as in the blocked loop.
            float blockBeta = pc == 0 ? beta : 1f;
            for (int jc = j0; jc < jEnd; jc += cols) {
                for (int i = i0; i < i1; i += rows) {
                    int start = Math.min(i, i1 - rows);
                    shortKernel(kc, a, aOff + pc * lda + start, lda, b, bOff + pc * ldb + jc, ldb,
                            c, cOff + start * ldc + jc, ldc, i - start, blockBeta, w.tile);
                }
            }
        }
        if (jEnd < j1) {
            blocked(true, false, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, i0, i1, jEnd, j1);
        }
    }

    /**
     * The widest C a narrow kernel handles in one vector of columns, or 0 when this driver has none.
     * A product with n ≤ this width (the output layer's 10 classes) skips the blocked loop: a 6×48
     * tile would be four-fifths zero padding there, and packing A would cost as much as the product.
     */
    int narrowWidth() {
        return 0;
    }

    /**
     * The narrow micro-kernel: for {@code rows} ≤ {@value #NARROW_ROWS} rows of A read in place
     * (element (r, p) at {@code aAt + r·rowStride + p·colStride}) and one packed B panel of
     * {@link #narrowWidth()} columns, the same in-order FMA chain from 0 as {@link #kernel}, written
     * to the first {@code cols} columns of C as {@link #storePartial} does.
     */
    void narrowKernel(int kc, float[] a, int aAt, int rowStride, int colStride, float[] pb,
                      float[] c, int cOff, int ldc, int rows, int cols, float beta, float[] tile) {
        throw new UnsupportedOperationException(kernelName() + " has no narrow kernel");
    }

    /** C[i0:i1, 0:n] for n ≤ {@link #narrowWidth()}: B packed once per k-block, A read where it is. */
    private void narrowRows(boolean transA, boolean transB, int n, int k, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, int i0, int i1) {
        int width = narrowWidth();
        Workspace w = WORKSPACE.get();
        w.ensure(0, KC * width, NARROW_ROWS * width);
        int rowStride = transA ? 1 : lda;
        int colStride = transA ? lda : 1;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            // Later k-blocks add to what the earlier ones wrote, exactly as in the blocked loop.
            float blockBeta = pc == 0 ? beta : 1f;
            packNarrowB(transB, b, bOff, ldb, pc, kc, n, w.packB);
            for (int i = i0; i < i1; i += NARROW_ROWS) {
                narrowKernel(kc, a, aOff + i * rowStride + pc * colStride, rowStride, colStride, w.packB,
                        c, cOff + i * ldc, ldc, Math.min(NARROW_ROWS, i1 - i), n, blockBeta, w.tile);
            }
        }
    }

    /**
     * {@link #packB} for the narrow kernel's one panel of {@link #narrowWidth()} columns, in the
     * order that suits the narrow product; only drivers with a narrow kernel have it.
     */
    void packNarrowB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int cols, float[] pb) {
        throw new UnsupportedOperationException(kernelName() + " has no narrow kernel");
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
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, w.packB, nr);
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

    /**
     * Packs op(A)[i0:i0+rows, p0:p0+kc] into panels of MR rows: pa[panel·MR·kc + p·MR + r], zero-padded.
     * The loop runs over p outermost so that the writes are sequential; with Aᵀ stored (the weight
     * gradients' dZᵀ) the reads are then MR neighbours of one row instead of a walk down a column.
     */
    private void packA(boolean transA, float[] a, int aOff, int lda, int i0, int rows, int p0, int kc, float[] pa) {
        for (int panel = 0; panel * mr < rows; panel++) {
            int base = panel * mr * kc;
            int valid = Math.min(mr, rows - panel * mr);
            int i = i0 + panel * mr;
            for (int p = 0; p < kc; p++) {
                int dst = base + p * mr;
                if (transA) {
                    // A is stored k×m: element (i, p) at p·lda + i.
                    int src = aOff + (p0 + p) * lda + i;
                    for (int r = 0; r < valid; r++) {
                        pa[dst + r] = a[src + r];
                    }
                } else {
                    int src = aOff + i * lda + p0 + p;
                    for (int r = 0; r < valid; r++) {
                        pa[dst + r] = a[src + r * lda];
                    }
                }
                for (int r = valid; r < mr; r++) {
                    pa[dst + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs op(B)[p0:p0+kc, j0:j0+cols] into panels of {@code nr} columns: pb[panel·nr·kc + p·nr + j],
     * zero-padded. With Bᵀ stored (the forward products' weights) the loop also runs over p
     * outermost: nr short read streams, one per row of the array, and sequential writes (the other
     * order wrote a float per cache line over a panel larger than L1).
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int cols, float[] pb, int nr) {
        for (int panel = 0; panel * nr < cols; panel++) {
            int base = panel * nr * kc;
            int valid = Math.min(nr, cols - panel * nr);
            for (int p = 0; p < kc; p++) {
                int dst = base + p * nr;
                if (transB) {
                    // B is stored n×k: column j of op(B) is row j of the array, contiguous in p.
                    int src = bOff + (j0 + panel * nr) * ldb + p0 + p;
                    for (int jj = 0; jj < valid; jj++) {
                        pb[dst + jj] = b[src + jj * ldb];
                    }
                } else {
                    System.arraycopy(b, bOff + (p0 + p) * ldb + j0 + panel * nr, pb, dst, valid);
                }
                for (int jj = valid; jj < nr; jj++) {
                    pb[dst + jj] = 0f;
                }
            }
        }
    }

    /** Scalar write-back of a partial tile held in {@code tile} (row-major, NR wide). */
    static void storePartial(float[] tile, int nr, float[] c, int cOff, int ldc, int rows, int cols, float beta) {
        storePartial(tile, 0, nr, c, cOff, ldc, rows, cols, beta);
    }

    /** {@link #storePartial(float[], int, float[], int, int, int, int, float)} from row {@code tOff / nr} of the tile on. */
    static void storePartial(float[] tile, int tOff, int nr, float[] c, int cOff, int ldc, int rows, int cols, float beta) {
        // One loop per β case, so that C2 vectorises each (the branch per element kept it scalar).
        for (int r = 0; r < rows; r++) {
            int row = cOff + r * ldc;
            int t = tOff + r * nr;
            if (beta == 0f) {
                System.arraycopy(tile, t, c, row, cols);
            } else if (beta == 1f) {
                for (int j = 0; j < cols; j++) {
                    c[row + j] = c[row + j] + tile[t + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    c[row + j] = beta * c[row + j] + tile[t + j];
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
