package org.actlab.bench;

import java.util.concurrent.TimeUnit;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cheap vector backward kernels in fresh JVMs, as the {@code cost} experiment runs them: each
 * fork first primes forward+backward with many calls on 64 elements, then times backward on a
 * 16,384-float slice with no JMH warm-up, so that each fork's iterations show whether C2's first
 * compilation of the loop ran the Vector API intrinsics (about 0.2 ns per element) or its boxed
 * Java fallback (28-44 ns). Run it with many forks and read the per-fork iterations
 * (docs/BENCHMARKS.md, "Vector API fallback in fresh JVMs").
 */
@State(Scope.Thread)
@Warmup(iterations = 0)
@Measurement(iterations = 8, time = 100, timeUnit = TimeUnit.MILLISECONDS)
public class FreshJvmBackwardBench extends VectorJmhDefaults {

    /** Priming calls on {@link #PRIME_ELEMENTS} elements, as {@code cost} makes them. */
    private static final int PRIME_CALLS = 20_000;
    private static final int PRIME_ELEMENTS = 64;

    /** An activation id of the catalogue, parsed with its default parameters. */
    @Param({"identity", "relu", "leaky_relu", "threshold(threshold=0.5,value=0)", "thresholded_relu"})
    public String activation;

    /** Elements per call: the cost experiment's slice. */
    @Param({"16384"})
    public int size;

    private ActivationKernels kernels;
    private Activation function;
    private float[] z;
    private float[] a;
    private float[] dA;
    private float[] dZ;
    private float[] dParams;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = Kernels.forPath("vector");
        function = Activations.parse(activation);
        z = BenchData.preActivations(size, BenchData.SEED);
        a = new float[size];
        dA = BenchData.uniform(size, -1f, 1f, BenchData.SEED + 1);
        dZ = new float[size];
        dParams = new float[function.parameters().length];
        for (int i = 0; i < PRIME_CALLS; i++) {
            kernels.forward(function, z, 0, a, 0, PRIME_ELEMENTS);
            kernels.backward(function, z, 0, a, 0, dA, 0, dZ, 0, PRIME_ELEMENTS, dParams);
        }
        kernels.forward(function, z, 0, a, 0, size);
        kernels.backward(function, z, 0, a, 0, dA, 0, dZ, 0, size, dParams);
        // The piecewise functions' loops are bit-identical to the scalar twin; the smooth ones (which
        // -p activation=... may name) are within 1 ULP of f', so within 2 ULP once multiplied by dA.
        for (int i = 0; i < size; i += 97) {
            float expected = dA[i] * function.derivative(z[i]);
            if (Math.abs(Float.floatToIntBits(dZ[i]) - Float.floatToIntBits(expected)) > 2) {
                throw new IllegalStateException(activation + " backward at z=" + z[i] + ": " + dZ[i]
                        + ", expected " + expected);
            }
        }
    }

    @Benchmark
    public float[] backward() {
        kernels.backward(function, z, 0, a, 0, dA, 0, dZ, 0, size, dParams);
        return dZ;
    }
}
