package org.actlab.bench;

import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import org.actlab.kernel.StepMask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The shipped step-mask passes of relu and leaky_relu ({@link ActivationKernels#forwardWithMask},
 * {@link ActivationKernels#backwardFromMask}), the ones the engine's training step runs: the forward
 * pass that records the mask, and the backward pass from dA and the mask into its own dZ or over dA
 * ({@link #backwardFromMaskInPlace}). Issue 11 target 3 sets the backward pass against copy: run it
 * in one JMH invocation with {@code ThreeStreamBench.copy} and {@code ActivationKernelBench.(forward|backward)}
 * (docs/BENCHMARKS.md, "The step mask in the kernels"). Same sizes, threads and data as
 * {@link ActivationKernelBench}; the setup checks that both passes give the z-reading passes' bits
 * on the whole array.
 */
@State(Scope.Thread)
public class StepMaskBench extends VectorJmhDefaults {

    /** relu or leaky_relu (its catalogue slope): the activations with a step mask. */
    @Param({"relu", "leaky_relu"})
    public String activation;

    @Param({"1048576"})
    public int size;

    /** The kernel path, as {@link Kernels#forPath(String)} takes it. */
    @Param({"vector"})
    public String kernel;

    private ActivationKernels kernels;
    private Activation function;
    private int n;
    private float[] z;
    private float[] a;
    private float[] dA;
    private float[] dZ;
    private int[] mask;
    /** dA for {@link #backwardFromMaskInPlace}, overwritten by every call. */
    private float[] grad;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        kernels = Kernels.forPath(kernel);
        function = Activations.parse(activation);
        if (!StepMask.applies(function)) {
            throw new IllegalArgumentException(activation + " has no step mask");
        }
        n = BenchData.share(size, params.getThreads());
        long seed = BenchData.SEED + Thread.currentThread().getId();
        z = BenchData.preActivations(n, seed);
        a = new float[n];
        dA = BenchData.uniform(n, -1f, 1f, seed + 1);
        dZ = new float[n];
        mask = new int[StepMask.length(n)];
        float[] expectedA = new float[n];
        float[] expectedDz = new float[n];
        kernels.forward(function, z, 0, expectedA, 0, n);
        kernels.backward(function, z, 0, expectedA, 0, dA, 0, expectedDz, 0, n, null);
        kernels.forwardWithMask(function, z, 0, a, 0, mask, 0, n);
        if (StepMask.sawNaN(mask, 0, n)) {
            throw new IllegalStateException("the bench data hold a NaN: the backward pass would read z");
        }
        kernels.backwardFromMask(function, z, 0, mask, 0, dA, 0, dZ, 0, n);
        grad = dA.clone();
        kernels.backwardFromMask(function, z, 0, mask, 0, grad, 0, grad, 0, n);
        compare("forward with mask", expectedA, a);
        compare("backward from mask", expectedDz, dZ);
        compare("backward from mask in place", expectedDz, grad);
    }

    private void compare(String what, float[] expected, float[] got) {
        for (int i = 0; i < n; i++) {
            if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(expected[i])) {
                throw new IllegalStateException(kernels.name() + " " + activation + " " + what + " at z=" + z[i] + ": "
                        + got[i] + ", expected " + expected[i]);
            }
        }
    }

    @Benchmark
    public float[] forwardWithMask(CpuTime cpu) {
        long started = cpu.start();
        kernels.forwardWithMask(function, z, 0, a, 0, mask, 0, n);
        cpu.stop(started);
        return a;
    }

    @Benchmark
    public float[] backwardFromMask(CpuTime cpu) {
        long started = cpu.start();
        kernels.backwardFromMask(function, z, 0, mask, 0, dA, 0, dZ, 0, n);
        cpu.stop(started);
        return dZ;
    }

    /**
     * backwardFromMask with dZ written over dA, as {@code ActivationKernelBench.backwardInPlace}: the
     * dA values change from call to call (relu′ zeroes the z &lt;= 0 half at once), the bytes moved
     * do not.
     */
    @Benchmark
    public float[] backwardFromMaskInPlace(CpuTime cpu) {
        long started = cpu.start();
        kernels.backwardFromMask(function, z, 0, mask, 0, grad, 0, grad, 0, n);
        cpu.stop(started);
        return grad;
    }
}
