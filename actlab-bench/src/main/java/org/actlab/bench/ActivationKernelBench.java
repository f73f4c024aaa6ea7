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
 *
 * <p>{@link #backwardInPlace} passes the same array as dA and dZ, as a training step may when
 * nothing reads dA after the pass: the kernel writes each product over the dA it has just read.
 * Only for activations without learnable parameters (their gradient reads dA after dZ is written).
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

    /**
     * Where the slices start in their arrays, in floats (0 by default). A 1M-float array starts a
     * G1 region, so its first element lies 16 bytes past a 64-byte line boundary: a 512-bit vector
     * loop from offset 0 splits every load and store across two lines, from offset 12 none.
     */
    @Param({"0"})
    public int offset;

    private ActivationKernels kernels;
    private Activation function;
    private int n;
    private float[] z;
    private float[] a;
    private float[] dA;
    private float[] dZ;
    private float[] dParams;
    /** dA for {@link #backwardInPlace}, overwritten by every call. */
    private float[] grad;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        kernels = Kernels.forPath(kernel);
        function = Activations.parse(activation);
        n = BenchData.share(size, params.getThreads());
        long seed = BenchData.SEED + Thread.currentThread().getId();
        z = BenchData.preActivations(n + offset, seed);
        a = new float[n + offset];
        dA = BenchData.uniform(n + offset, -1f, 1f, seed + 1);
        dZ = new float[n + offset];
        dParams = new float[function.parameters().length];
        kernels.forward(function, z, offset, a, offset, n);
        checkAgainstScalarDefinition();
        grad = dA.clone();
        checkInPlace();
    }

    /** The in-place call must give the out-of-place call's bits (dZ holds them after the check above). */
    private void checkInPlace() {
        if (dParams.length > 0) {
            return;
        }
        kernels.backward(function, z, offset, a, offset, grad, offset, grad, offset, n, dParams);
        for (int i = offset; i < n + offset; i++) {
            if (Float.floatToRawIntBits(grad[i]) != Float.floatToRawIntBits(dZ[i])) {
                throw new IllegalStateException(kernels.name() + " " + activation + " in place at z=" + z[i]
                        + ": " + grad[i] + ", out of place " + dZ[i]);
            }
        }
    }

    /** Guards against timing the wrong thing: a few elements must match the catalogue's scalar f and f'. */
    private void checkAgainstScalarDefinition() {
        kernels.backward(function, z, offset, a, offset, dA, offset, dZ, offset, n, dParams);
        for (int i = offset; i < n + offset; i += Math.max(1, n / 97)) {
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
        kernels.forward(function, z, offset, a, offset, n);
        cpu.stop(started);
        return a;
    }

    @Benchmark
    public float[] backward(CpuTime cpu) {
        long started = cpu.start();
        kernels.backward(function, z, offset, a, offset, dA, offset, dZ, offset, n, dParams);
        cpu.stop(started);
        return dZ;
    }

    /**
     * backward with dZ written over dA. The dA values change from call to call (relu′ zeroes the
     * z &lt;= 0 half at once, leaky_relu′ shrinks it to 0 within about 25 calls, in the warm-up),
     * the bytes moved do not.
     */
    @Benchmark
    public float[] backwardInPlace(CpuTime cpu) {
        if (dParams.length > 0) {
            throw new IllegalStateException(activation + " has learnable parameters: its gradient reads dA after dZ");
        }
        long started = cpu.start();
        kernels.backward(function, z, offset, a, offset, grad, offset, grad, offset, n, dParams);
        cpu.stop(started);
        return grad;
    }
}
