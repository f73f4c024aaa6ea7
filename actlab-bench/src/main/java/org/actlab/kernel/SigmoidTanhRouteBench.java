package org.actlab.kernel;

import java.util.ArrayList;
import java.util.List;
import org.actlab.accuracy.AccuracyAudit;
import org.actlab.accuracy.ExhaustiveAudit;
import org.actlab.activation.Activation;
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
 * The speed of each {@link SigmoidTanhRoutes} route at 1M floats on one thread, forward and
 * backward, all in one JMH run so the ratios share the machine's state. {@link #main} prints each
 * route's accuracy instead: {@code AccuracyAudit}'s sampled audit (the same samples as
 * {@code ./actlab audit}) of sigmoid and tanh through each route.
 */
@State(Scope.Thread)
public class SigmoidTanhRouteBench extends VectorJmhDefaults {

    @Param({"float-chain-pipe", "float-chain-x2", "float-chain", "float-lanes-x4", "float-lanes-x2", "float-table", "float-lanes", "double-div",
        "double-rcp", "double-svml", "float-svml"})
    public String route;

    @Param({"sigmoid", "tanh"})
    public String function;

    @Param({"1048576"})
    public int size;

    private ActivationKernels kernels;
    private Activation f;
    private float[] z;
    private float[] a;
    private float[] dA;
    private float[] dZ;

    @Setup
    public void setUp() {
        kernels = SigmoidTanhRoutes.of(route);
        f = function.equals("sigmoid") ? Standard.SIGMOID : Standard.TANH;
        z = BenchData.preActivations(size, BenchData.SEED);
        a = new float[size];
        dA = BenchData.uniform(size, -1f, 1f, BenchData.SEED + 1);
        dZ = new float[size];
    }

    @Benchmark
    public float[] forward(CpuTime cpu) {
        long started = cpu.start();
        kernels.forward(f, z, 0, a, 0, size);
        cpu.stop(started);
        return a;
    }

    @Benchmark
    public float[] backward(CpuTime cpu) {
        long started = cpu.start();
        kernels.backward(f, z, 0, a, 0, dA, 0, dZ, 0, size, null);
        cpu.stop(started);
        return dZ;
    }

    /**
     * Prints the sampled audit of every route ({@code java -cp ... org.actlab.kernel.SigmoidTanhRouteBench
     * [samples]}), or with {@code --exhaustive ROUTE [threads]} the audit of every one of the 2^32
     * float bit patterns through that route ({@code ExhaustiveAudit}, the code behind
     * {@code ./actlab audit --exhaustive}), with the wall time.
     */
    public static void main(String[] args) {
        List<Activation> functions = List.of(Standard.SIGMOID, Standard.TANH);
        if (args.length > 0 && args[0].equals("--exhaustive")) {
            int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
            long started = System.nanoTime();
            List<AccuracyAudit.Row> rows = new ExhaustiveAudit(ExhaustiveAudit.Config.allFloats(functions,
                    List.of(SigmoidTanhRoutes.of(args[1])), threads)).run();
            System.out.print(AccuracyAudit.toMarkdown(rows));
            System.out.printf("wall time %.0f s%n", (System.nanoTime() - started) / 1e9);
            return;
        }
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : AccuracyAudit.DEFAULT_SAMPLES;
        List<ActivationKernels> paths = new ArrayList<>();
        for (String name : SigmoidTanhRoutes.NAMES) {
            paths.add(SigmoidTanhRoutes.of(name));
        }
        AccuracyAudit.Config config = AccuracyAudit.Config.defaults().withSamples(samples)
                .withActivations(functions).withPaths(paths);
        System.out.print(AccuracyAudit.toMarkdown(new AccuracyAudit(config).run()));
    }
}
