package org.actlab.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The memory limit for a backward pass: dZ[i] = dA[i] · z[i], which reads two arrays and writes
 * one, as every activation's backward pass does (z and dA in, dZ out: 12 bytes per element
 * against copy's 8). Same sizes and thread scheme as {@link ActivationKernelBench} and
 * {@link MemoryStreamBench}, so that a backward pass can be set against the baseline that moves
 * the same bytes. The loop is plain Java; C2 vectorises it. Both benchmarks also count the
 * thread's CPU time ({@link CpuTime}).
 *
 * <p>{@link #multiplyInPlace} is the baseline of a backward pass whose output is written over dA
 * (dA[i] = dA[i] · s[i]): it reads two arrays and writes back into one it has just read, so the
 * written lines need no read for ownership, where copy's and {@link #multiply}'s destination lines
 * do (docs/BENCHMARKS.md, "In-place backward").
 */
@State(Scope.Thread)
public class ThreeStreamBench extends VectorJmhDefaults {

    /** Elements per operation, over all threads. */
    @Param({"1048576"})
    public int size;

    private int n;
    private float[] z;
    private float[] dA;
    private float[] dZ;
    /** The in-place multiply's dA, overwritten by every call. */
    private float[] grad;
    /** ±1, the sign of z: the in-place products keep their magnitude call after call (no overflow, no subnormals). */
    private float[] signs;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        n = BenchData.share(size, params.getThreads());
        long seed = BenchData.SEED + Thread.currentThread().getId();
        z = BenchData.preActivations(n, seed);
        dA = BenchData.uniform(n, -1f, 1f, seed + 1);
        dZ = new float[n];
        grad = dA.clone();
        signs = new float[n];
        for (int i = 0; i < n; i++) {
            signs[i] = Math.copySign(1f, z[i]);
        }
    }

    @Benchmark
    public float[] multiply(CpuTime cpu) {
        long started = cpu.start();
        float[] x = z;
        float[] up = dA;
        float[] out = dZ;
        for (int i = 0; i < n; i++) {
            out[i] = up[i] * x[i];
        }
        cpu.stop(started);
        return out;
    }

    /** dA[i] = dA[i] · s[i]: two arrays in, the product written over the first, as an in-place backward pass. */
    @Benchmark
    public float[] multiplyInPlace(CpuTime cpu) {
        long started = cpu.start();
        float[] x = signs;
        float[] up = grad;
        for (int i = 0; i < n; i++) {
            up[i] = up[i] * x[i];
        }
        cpu.stop(started);
        return up;
    }

    /**
     * {@code MemoryStreamBench.copy} again (z into dZ), here with the CPU-time counter that the
     * kernels' benchmarks carry, so that both baselines can be read as CPU time on a loaded machine.
     */
    @Benchmark
    public float[] copy(CpuTime cpu) {
        long started = cpu.start();
        System.arraycopy(z, 0, dZ, 0, n);
        cpu.stop(started);
        return dZ;
    }
}
