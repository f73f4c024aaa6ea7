package org.actlab.bench;

import org.actlab.kernel.Gemm;
import org.actlab.kernel.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine's matrix multiply (the Vector API kernel that {@link Kernels#gemm()} returns, or the scalar twin) on the shapes one
 * training step of the 784-256-256-10 MLP at batch 128 performs. GFLOP/s = 2·m·n·k / time.
 * One JMH thread; {@code threads} is the kernel's own thread count ({@link Gemm#withThreads}). A JMH
 * operation is one product; each benchmark call runs {@value #PRODUCTS_PER_CALL} of them back to back.
 */
@State(Scope.Benchmark)
public class GemmBench extends VectorJmhDefaults {

    /** One of {@link MlpGemmShape}'s names. */
    @Param({"L1_FORWARD", "L1_WEIGHT_GRAD", "L2_FORWARD", "L2_WEIGHT_GRAD", "L2_INPUT_GRAD",
            "L3_FORWARD", "L3_WEIGHT_GRAD", "L3_INPUT_GRAD"})
    public String shape;

    /** {@code vector} ({@link Gemm#vector()}, which {@link Kernels#gemm()} returns when the Vector API is present) or {@code scalar}. */
    @Param({"vector"})
    public String kernel;

    @Param({"1"})
    public int threads;

    private Gemm gemm;
    private MlpGemmShape s;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup(Level.Trial)
    public void setUp() {
        Gemm base;
        switch (kernel) {
            case "vector":
                base = Gemm.vector();
                if (base == null) {
                    throw new IllegalStateException("the vector GEMM needs --add-modules jdk.incubator.vector");
                }
                break;
            case "scalar":
                base = Gemm.scalar();
                break;
            default:
                throw new IllegalArgumentException("unknown gemm kernel '" + kernel + "'; expected vector or scalar");
        }
        gemm = base.withThreads(threads);
        s = MlpGemmShape.valueOf(shape);
        a = BenchData.uniform(s.m * s.k, -1f, 1f, BenchData.SEED);
        b = BenchData.uniform(s.k * s.n, -1f, 1f, BenchData.SEED + 1);
        c = new float[s.m * s.n];
        multiplyOnce();
        checkOneElement();
    }

    /** Guards against timing a wrong product: C[m-1][n-1] against a double-precision dot product. */
    private void checkOneElement() {
        int i = s.m - 1;
        int j = s.n - 1;
        double sum = 0;
        for (int p = 0; p < s.k; p++) {
            float aip = s.transA ? a[p * s.m + i] : a[i * s.k + p];
            float bpj = s.transB ? b[j * s.k + p] : b[p * s.n + j];
            sum += (double) aip * bpj;
        }
        if (Math.abs(c[i * s.n + j] - sum) > 1e-4 * s.k) {
            throw new IllegalStateException(gemm.name() + " " + shape + ": C[" + i + "][" + j + "] = "
                    + c[i * s.n + j] + ", expected " + sum);
        }
    }

    /**
     * Products per timed call. The two reads of the thread's CPU clock cost about 1 µs each on this
     * VM, which JMH's wall time per call included: a fifth of the 128×10×256 product (about 10 µs).
     * With 16 products between two reads they add about 0.1 µs per product.
     */
    static final int PRODUCTS_PER_CALL = 16;

    @Benchmark
    @OperationsPerInvocation(PRODUCTS_PER_CALL)
    public float[] multiply(CpuTime cpu) {
        long started = cpu.start();
        for (int r = 0; r < PRODUCTS_PER_CALL; r++) {
            multiplyOnce();
        }
        cpu.stop(started, PRODUCTS_PER_CALL);
        return c;
    }

    private void multiplyOnce() {
        gemm.multiply(s.transA, s.transB, s.m, s.n, s.k,
                a, 0, s.transA ? s.m : s.k, b, 0, s.transB ? s.k : s.n, 0f, c, 0, s.n);
    }
}
