package org.actlab.kernel;

import java.util.concurrent.TimeUnit;
import org.actlab.bench.BenchData;
import org.actlab.bench.CpuTime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 15's FMA question on the JVM: what would the scalar GEMM cost if it took the browser's
 * route ({@link EmulatedFma#fma}) instead of the intrinsic {@code Math.fma}? Both methods run the
 * shipped {@code Gemm.scalar()} on the 784-256-256-10 MLP's second-layer forward product at batch
 * 128 (m = 128, n = 256, k = 256, B transposed); they differ only in the {@code -Dactlab.fma}
 * their forks start with (the route is fixed when {@link FloatFma} initialises), so one JMH run
 * measures both side by side. {@code FloatFmaTest} and the pinned training tests show the two
 * routes give the same bits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class FloatFmaRouteBench {

    private static final int M = 128;
    private static final int N = 256;
    private static final int K = 256;

    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        a = BenchData.uniform(M * K, -1f, 1f, BenchData.SEED);
        b = BenchData.uniform(N * K, -1f, 1f, BenchData.SEED + 1);
        c = new float[M * N];
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Dactlab.fma=intrinsic", "-Xms1g", "-Xmx1g"})
    public float[] intrinsic(CpuTime cpu) {
        return multiply(cpu, true);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Dactlab.fma=emulated", "-Xms1g", "-Xmx1g"})
    public float[] emulated(CpuTime cpu) {
        return multiply(cpu, false);
    }

    private float[] multiply(CpuTime cpu, boolean intrinsic) {
        if (FloatFma.intrinsic() != intrinsic) {
            throw new IllegalStateException("fork started with the wrong -Dactlab.fma");
        }
        long started = cpu.start();
        Gemm.scalar().multiply(false, true, M, N, K, a, 0, K, b, 0, K, 0f, c, 0, N);
        cpu.stop(started);
        return c;
    }
}
