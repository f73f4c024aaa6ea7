package org.actlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * libtorch 2.7.1 through DJL 0.36.0: f(z) for a float tensor that lives in libtorch. DJL has no
 * out= or in-place form of these functions, so each call allocates its output tensor (libtorch's
 * CPU allocator) and the benchmark frees it: that is what a DJL user pays. One JMH thread;
 * {@code threads} is libtorch's intra-op thread count.
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dai.djl.offline=true"})
public class LibtorchActivationBench extends PeerActivationBench {

    private PeerFunction function;
    private NDManager manager;
    private NDArray z;

    @Setup(Level.Trial)
    public void setUp() {
        Engine engine = engine(threads);
        function = PeerFunction.of(activation);
        manager = engine.newBaseManager();
        float[] input = BenchData.preActivations(size, BenchData.SEED);
        z = manager.create(input);
        try (NDArray a = apply()) {
            function.check("libtorch", input, a.toFloatArray());
        }
    }

    /** DJL's PyTorch engine with {@code threads} intra-op threads and one inter-op thread. */
    static Engine engine(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        return engine;
    }

    private NDArray apply() {
        switch (function) {
            case SIGMOID:
                return z.getNDArrayInternal().sigmoid();
            case TANH:
                return z.tanh();
            case RELU:
                return z.getNDArrayInternal().relu();
            default:
                return z.getNDArrayInternal().leakyRelu(PeerFunction.LEAKY_SLOPE);
        }
    }

    @Benchmark
    public float forward(CpuTime cpu) {
        long started = cpu.start();
        try (NDArray a = apply()) {
            cpu.stop(started);
            // Reading nothing back: the output stays in libtorch, as the other peers' outputs stay native.
            return a.size();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
