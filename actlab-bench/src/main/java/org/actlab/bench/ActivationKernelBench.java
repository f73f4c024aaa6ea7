package org.actlab.bench;

import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * actlab's bulk activation kernels, forward (z → a) and backward ((z, a, dA) → dZ).
 *
 * <p>One operation processes {@code size} elements in total. Threads: run with JMH {@code -t 1}
 * or {@code -t 2}; with T threads each thread owns its own slice of size/T elements (allocated
 * and first touched by that thread) and the threads run concurrently, so the throughput in
 * elements per second is {@code size / (average time per operation)} for every T.
 */
@State(Scope.Thread)
public class ActivationKernelBench extends VectorJmhDefaults {

    /** An activation id of the catalogue, parsed with its default parameters. */
    @Param({"sigmoid", "tanh", "relu", "leaky_relu"})
    public String activation;

    /** Elements per operation, over all threads: 2^20 and 2^24 floats. */
    @Param({"1048576", "16777216"})
    public int size;

    /**
     * The kernel path, as {@link Kernels#forPath(String)} takes it: {@code vector} (what
     * {@link Kernels#activations()} chooses when the Vector API is present) or {@code scalar}.
     */
    @Param({"vector"})
    public String kernel;

    private ActivationKernels kernels;
    private Activation function;
    private int n;
    private float[] z;
    private float[] a;
    private float[] dA;
    private float[] dZ;
    private float[] dParams;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        kernels = Kernels.forPath(kernel);
        function = Activations.parse(activation);
        n = BenchData.share(size, params.getThreads());
        long seed = BenchData.SEED + Thread.currentThread().getId();
        z = BenchData.preActivations(n, seed);
        a = new float[n];
        dA = BenchData.uniform(n, -1f, 1f, seed + 1);
        dZ = new float[n];
        dParams = new float[function.parameters().length];
        kernels.forward(function, z, 0, a, 0, n);
        checkAgainstScalarDefinition();
    }

    /** Guards against timing the wrong thing: a few elements must match the catalogue's scalar f and f'. */
    private void checkAgainstScalarDefinition() {
        kernels.backward(function, z, 0, a, 0, dA, 0, dZ, 0, n, dParams);
        for (int i = 0; i < n; i += Math.max(1, n / 97)) {
            float expectedA = function.apply(z[i]);
            float expectedDz = dA[i] * function.derivative(z[i]);
            if (!close(a[i], expectedA) || !close(dZ[i], expectedDz)) {
                throw new IllegalStateException(kernels.name() + " " + activation + " at z=" + z[i] + ": a=" + a[i]
                        + " (expected " + expectedA + "), dZ=" + dZ[i] + " (expected " + expectedDz + ")");
            }
        }
    }

    private static boolean close(float actual, float expected) {
        return Math.abs(actual - expected) <= 4 * Math.ulp(expected) + 1e-30f;
    }

    @Benchmark
    public float[] forward(CpuTime cpu) {
        long started = cpu.start();
        kernels.forward(function, z, 0, a, 0, n);
        cpu.stop(started);
        return a;
    }

    @Benchmark
    public float[] backward(CpuTime cpu) {
        long started = cpu.start();
        kernels.backward(function, z, 0, a, 0, dA, 0, dZ, 0, n, dParams);
        cpu.stop(started);
        return dZ;
    }
}
