package org.actlab.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The practical memory limit for a one-input, one-output element-wise pass: {@code System.arraycopy}
 * (copy) and a[i] = s·b[i] (scale, the STREAM kernel), with the same sizes and the same thread
 * scheme as {@link ActivationKernelBench}: T JMH threads, each owning size/T elements.
 * Both move 4 bytes in and 4 bytes out per element, as an activation's forward pass does.
 */
@State(Scope.Thread)
public class MemoryStreamBench extends VectorJmhDefaults {

    /** Elements per operation, over all threads. */
    @Param({"1048576", "16777216"})
    public int size;

    private int n;
    private float[] source;
    private float[] target;
    private float factor;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        n = BenchData.share(size, params.getThreads());
        source = BenchData.preActivations(n, BenchData.SEED + Thread.currentThread().getId());
        target = new float[n];
        factor = 1.5f;
    }

    @Benchmark
    public float[] copy() {
        System.arraycopy(source, 0, target, 0, n);
        return target;
    }

    @Benchmark
    public float[] scale() {
        float[] b = source;
        float[] a = target;
        float s = factor;
        for (int i = 0; i < n; i++) {
            a[i] = s * b[i];
        }
        return a;
    }
}
