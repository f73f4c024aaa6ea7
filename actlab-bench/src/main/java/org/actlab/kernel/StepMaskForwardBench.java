package org.actlab.kernel;

import org.actlab.bench.BenchData;
import org.actlab.bench.CpuTime;
import org.actlab.bench.VectorJmhDefaults;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The forward passes that {@link StepMaskRoute}'s backward passes need: a = f(z) and the z &gt; 0
 * bits, in the per-vector layout ({@code short}) or the transposed one ({@code blocked}); to set
 * against {@code ActivationKernelBench.forward}, the shipped forward, in the same JMH run.
 * {@link StepRouteBench}'s setup checks both against the shipped kernels' bits.
 */
@State(Scope.Thread)
public class StepMaskForwardBench extends VectorJmhDefaults {

    @Param({"relu", "leaky_relu"})
    public String activation;

    @Param({"short", "blocked"})
    public String layout;

    @Param({"1048576"})
    public int size;

    private boolean blocked;
    private float below;
    private float[] z;
    private float[] a;
    private short[] bits;
    private int[] blockedBits;

    @Setup
    public void setUp() {
        below = StepRouteBench.slopeBelow(StepRouteBench.parse(activation));
        blocked = layout.equals("blocked");
        if (!blocked && !layout.equals("short")) {
            throw new IllegalArgumentException("no bit layout " + layout);
        }
        z = BenchData.preActivations(size, BenchData.SEED + Thread.currentThread().getId());
        a = new float[size];
        bits = new short[StepMaskRoute.words(size)];
        blockedBits = new int[StepMaskRoute.blockedWords(size)];
    }

    @Benchmark
    public float[] forwardWithBits(CpuTime cpu) {
        long started = cpu.start();
        if (blocked) {
            StepMaskRoute.forwardBlocked(below, z, 0, a, 0, blockedBits, size);
        } else {
            StepMaskRoute.forward(below, z, 0, a, 0, bits, size);
        }
        cpu.stop(started);
        return a;
    }
}
