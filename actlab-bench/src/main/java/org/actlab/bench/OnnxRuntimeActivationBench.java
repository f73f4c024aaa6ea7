package org.actlab.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ONNX Runtime 1.29.0 (CPU execution provider), forward only: a one-node model (see
 * {@link OnnxModels}) run over an input tensor backed by a direct buffer, writing into a pinned,
 * preallocated output tensor, so no allocation or copy happens per call. One JMH thread;
 * {@code threads} is the session's intra-op thread count.
 */
// -Xss4m: with this module's long class path, session creation overflows the default 1 MB thread
// stack (a silent SIGSEGV in the JVM's stack guard page); 2 MB was enough when measured.
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Xss4m"})
public class OnnxRuntimeActivationBench extends PeerActivationBench {

    private OrtEnvironment environment;
    private OrtSession session;
    private OnnxTensor z;
    private OnnxTensor a;
    private FloatBuffer output;
    private Map<String, OnnxTensor> inputs;
    private Map<String, OnnxTensor> pinnedOutputs;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        PeerFunction function = PeerFunction.of(activation);
        environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        session = environment.createSession(OnnxModels.elementwise(function, size), options);
        float[] input = BenchData.preActivations(size, BenchData.SEED);
        FloatBuffer inputBuffer = directFloats(size);
        inputBuffer.put(input).flip();
        output = directFloats(size);
        long[] shape = {size};
        z = OnnxTensor.createTensor(environment, inputBuffer, shape);
        a = OnnxTensor.createTensor(environment, output, shape);
        inputs = Map.of(OnnxModels.INPUT, z);
        pinnedOutputs = Map.of(OnnxModels.OUTPUT, a);
        forward(new CpuTime());
        float[] result = new float[size];
        output.duplicate().get(result);
        function.check("onnxruntime", input, result);
    }

    private static FloatBuffer directFloats(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Benchmark
    public FloatBuffer forward(CpuTime cpu) throws OrtException {
        long started = cpu.start();
        // Closing the result does not close the pinned output tensor, which the caller owns.
        try (OrtSession.Result ignored = session.run(inputs, pinnedOutputs)) {
            cpu.stop(started);
            return output;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        a.close();
        z.close();
        session.close();
    }
}
