package org.actlab.kernel;

import java.util.Arrays;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.activation.LeakyRelu;
import org.actlab.activation.Standard;
import org.actlab.bench.BenchData;
import org.actlab.bench.CpuTime;
import org.actlab.bench.VectorJmhDefaults;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 11 target 3's z-reading routes for relu′ and leaky_relu′ at 1M floats on one thread,
 * backward: {@link StepUnrolledRoute} (the shipped formula, four vectors per iteration; a Vector API
 * multiply by ±1), each into its own dZ or written over dA ("-in-place"). They showed what keeps a
 * loop that reads z short of copy (docs/BENCHMARKS.md, "relu′ in place and from a 1-bit mask"). The
 * 1-bit mask route measured beside them now ships ({@code ActivationKernels.backwardFromMask};
 * {@code StepMaskBench}). Run them in one JMH invocation with {@code ActivationKernelBench} and
 * {@code ThreeStreamBench} so that the ratios to the shipped loops and to copy share the machine's
 * state. The setup checks that every route gives the shipped kernels' bits.
 */
@State(Scope.Thread)
public class StepRouteBench extends VectorJmhDefaults {

    /** relu or leaky_relu (its catalogue slope). */
    @Param({"relu", "leaky_relu"})
    public String activation;

    @Param({"unrolled", "unrolled-in-place", "vector-multiply-in-place"})
    public String route;

    @Param({"1048576"})
    public int size;

    /**
     * Where the slices start in their arrays, in floats, as in {@code ActivationKernelBench}: a 1M-float
     * array starts a G1 region, so from offset 12 the 512-bit accesses fall on 64-byte lines.
     */
    @Param({"0"})
    public int offset;

    private int kind;
    private Activation function;
    private float below;
    private float[] z;
    private float[] dA;
    private float[] out;
    private float[] signs;

    @Setup
    public void setUp() {
        function = parse(activation);
        below = StepMask.below(function);
        kind = Arrays.asList("unrolled", "unrolled-in-place", "vector-multiply-in-place").indexOf(route);
        if (kind < 0) {
            throw new IllegalArgumentException("no route " + route);
        }
        long seed = BenchData.SEED + Thread.currentThread().getId();
        z = BenchData.preActivations(size + offset, seed);
        dA = BenchData.uniform(size + offset, -1f, 1f, seed + 1);
        out = route.endsWith("-in-place") ? dA.clone() : new float[size + offset];
        signs = new float[size + offset];
        for (int i = 0; i < signs.length; i++) {
            signs[i] = Math.copySign(1f, z[i]);
        }
        float[] expectedA = new float[size + offset];
        float[] expectedDz = new float[size + offset];
        ActivationKernels kernels = Kernels.forPath("vector");
        kernels.forward(function, z, offset, expectedA, offset, size);
        kernels.backward(function, z, offset, expectedA, offset, dA, offset, expectedDz, offset, size, null);
        if (kind < 2) {
            float[] separate = new float[size + offset];
            float[] saved = out.clone();
            run(dA, separate);
            compare(route, expectedDz, separate);
            float[] over = dA.clone();
            run(over, over);
            compare(route + " over dA", expectedDz, over);
            System.arraycopy(saved, 0, out, 0, out.length);
        }
    }

    private static Activation parse(String activation) {
        Activation f = Activations.parse(activation);
        if (f != Standard.RELU && !(f instanceof LeakyRelu leaky && leaky.slope() != 0)) {
            throw new IllegalArgumentException("the step routes are for relu and leaky_relu with a nonzero slope, not "
                    + activation);
        }
        return f;
    }

    private void compare(String what, float[] expected, float[] got) {
        for (int i = offset; i < size + offset; i++) {
            if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(expected[i])) {
                throw new IllegalStateException(activation + " " + what + " at z=" + z[i] + ": " + got[i]
                        + ", expected " + expected[i]);
            }
        }
    }

    /** One backward pass of the route from {@code up} into {@code into} (the same array for in place). */
    private void run(float[] up, float[] into) {
        switch (kind) {
            case 0, 1 -> StepUnrolledRoute.stepBackward(function, 0f, below, z, offset, up, offset, into, offset, size);
            default -> StepUnrolledRoute.multiply(signs, offset, up, offset, into, offset, size);
        }
    }

    /**
     * The route's backward pass; in place, over an array whose values change from call to call as in
     * {@code ActivationKernelBench.backwardInPlace} (the bytes moved do not).
     */
    @Benchmark
    public float[] backward(CpuTime cpu) {
        long started = cpu.start();
        run(kind >= 1 ? out : dA, out);
        cpu.stop(started);
        return out;
    }
}
