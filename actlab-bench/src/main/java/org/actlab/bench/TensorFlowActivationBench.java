package org.actlab.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow Java 1.1.0 (graph mode, CPU): a session that feeds a resident input tensor to one
 * activation op. TensorFlow Java cannot fetch into a caller's tensor, so each run allocates its
 * output (TensorFlow's CPU allocator) and the benchmark frees it. One JMH thread; {@code threads}
 * is the session's intra-op parallelism.
 */
public class TensorFlowActivationBench extends PeerActivationBench {

    private Graph graph;
    private Session session;
    private TFloat32 z;
    private Placeholder<TFloat32> input;
    private Operand<TFloat32> output;

    @Setup(Level.Trial)
    public void setUp() {
        PeerFunction function = PeerFunction.of(activation);
        graph = new Graph();
        Ops tf = Ops.create(graph);
        input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(size)));
        switch (function) {
            case SIGMOID:
                output = tf.math.sigmoid(input);
                break;
            case TANH:
                output = tf.math.tanh(input);
                break;
            case RELU:
                output = tf.nn.relu(input);
                break;
            default:
                output = tf.nn.leakyRelu(input, LeakyRelu.alpha(PeerFunction.LEAKY_SLOPE));
                break;
        }
        ConfigProto config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(1)
                .build();
        session = new Session(graph, config);
        float[] values = BenchData.preActivations(size, BenchData.SEED);
        z = TFloat32.tensorOf(Shape.of(size));
        z.copyFrom(DataBuffers.of(values, true, false));
        float[] result = new float[size];
        try (Result r = session.runner().feed(input, z).fetch(output).run()) {
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(result, false, false));
        }
        function.check("tensorflow", values, result);
    }

    @Benchmark
    public long forward() {
        try (Result r = session.runner().feed(input, z).fetch(output).run()) {
            return r.get(0).shape().size();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        z.close();
        session.close();
        graph.close();
    }
}
