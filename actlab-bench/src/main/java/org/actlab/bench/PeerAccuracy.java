package org.actlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.accuracy.AccuracyAudit;
import org.actlab.accuracy.Reference;
import org.actlab.accuracy.Ulps;
import org.actlab.activation.Activation;
import org.actlab.kernel.ActivationKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The peers' accuracy beside actlab's: the largest error in ULP of sigmoid and tanh forward, over
 * exactly the inputs {@code ./actlab audit} draws for those functions ({@link AccuracyAudit#inputs},
 * default seed and sample count), against the same double-precision {@link Reference}, scored by
 * the same {@link Ulps#error}. Each peer runs with one intra-op thread.
 *
 * <p>Usage: {@code PeerAccuracy LIBRARY...} with LIBRARY one of {@code actlab}, {@code libtorch},
 * {@code onnxruntime}, {@code tensorflow}, {@code nd4j}; prints one Markdown table row per library
 * and function (columns: library, function, samples, max ULP, worst x, max ULP for x in [−20, 20],
 * non-finite outputs). Run one peer per JVM: the native libraries bring their own OpenMP runtimes.
 */
public final class PeerAccuracy {

    /** One library's implementation of sigmoid or tanh over a whole array. */
    interface Peer {
        float[] apply(PeerFunction function, float[] z) throws Exception;
    }

    private PeerAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: PeerAccuracy actlab|libtorch|onnxruntime|tensorflow|nd4j...");
            System.exit(2);
        }
        AccuracyAudit.Config config = AccuracyAudit.Config.defaults();
        List<String> lines = new ArrayList<>();
        for (String library : args) {
            for (PeerFunction function : List.of(PeerFunction.SIGMOID, PeerFunction.TANH)) {
                int index = indexOf(config, function);
                Activation activation = config.activations().get(index);
                float[] z = AccuracyAudit.inputs(config, index);
                if (library.equals("actlab")) {
                    for (ActivationKernels path : config.paths()) {
                        float[] a = new float[z.length];
                        path.forward(activation, z, 0, a, 0, z.length);
                        lines.add(row("actlab " + path.name(), activation, z, a));
                    }
                } else {
                    lines.add(row(library, activation, z, peer(library).apply(function, z)));
                }
            }
        }
        lines.forEach(System.out::println);
    }

    private static int indexOf(AccuracyAudit.Config config, PeerFunction function) {
        for (int i = 0; i < config.activations().size(); i++) {
            if (config.activations().get(i).spec().equalsIgnoreCase(function.name())) {
                return i;
            }
        }
        throw new IllegalStateException("the audit's catalogue has no " + function);
    }

    /**
     * A Markdown row: library, function, samples, max ULP over all of them and the input where it
     * occurs, then max ULP over the audit's uniform half alone (odd indices: x uniform in [−20, 20],
     * where the results are normal floats and no library flushes to zero), and the count of
     * non-finite outputs.
     */
    static String row(String library, Activation activation, float[] z, float[] a) {
        double worst = -1;
        double worstUniform = -1;
        float worstX = Float.NaN;
        long nonFinite = 0;
        for (int i = 0; i < z.length; i++) {
            if (!Float.isFinite(a[i])) {
                nonFinite++;
            }
            double e = Ulps.error(a[i], Reference.value(activation, z[i]));
            if (!(e <= worst)) {
                worst = e;
                worstX = z[i];
            }
            if ((i & 1) == 1 && !(e <= worstUniform)) {
                worstUniform = e;
            }
        }
        return String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %d |", library, activation.spec(), z.length,
                ulps(worst), Float.toString(worstX), ulps(worstUniform), nonFinite);
    }

    private static String ulps(double u) {
        return u >= 100 ? String.format(Locale.ROOT, "%.3g", u) : String.format(Locale.ROOT, "%.3f", u);
    }

    private static Peer peer(String library) {
        switch (library) {
            case "libtorch":
                return PeerAccuracy::libtorch;
            case "onnxruntime":
                return PeerAccuracy::onnxRuntime;
            case "tensorflow":
                return PeerAccuracy::tensorFlow;
            case "nd4j":
                return PeerAccuracy::nd4j;
            default:
                throw new IllegalArgumentException("unknown library '" + library
                        + "'; expected actlab, libtorch, onnxruntime, tensorflow or nd4j");
        }
    }

    private static float[] libtorch(PeerFunction function, float[] z) {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
        try (NDManager manager = engine.newBaseManager()) {
            NDArray x = manager.create(z);
            NDArray a = function == PeerFunction.SIGMOID ? x.getNDArrayInternal().sigmoid() : x.tanh();
            return a.toFloatArray();
        }
    }

    private static float[] onnxRuntime(PeerFunction function, float[] z) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        try (OrtSession session = environment.createSession(OnnxModels.elementwise(function, z.length), options);
             OnnxTensor x = OnnxTensor.createTensor(environment, FloatBuffer.wrap(z), new long[] {z.length});
             OrtSession.Result result = session.run(Map.of(OnnxModels.INPUT, x))) {
            float[] a = new float[z.length];
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(a);
            return a;
        }
    }

    private static float[] tensorFlow(PeerFunction function, float[] z) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(z.length)));
            Operand<TFloat32> output = function == PeerFunction.SIGMOID ? tf.math.sigmoid(input) : tf.math.tanh(input);
            org.tensorflow.proto.ConfigProto config = org.tensorflow.proto.ConfigProto.newBuilder()
                    .setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).build();
            try (Session session = new Session(graph, config); TFloat32 x = TFloat32.tensorOf(Shape.of(z.length))) {
                x.copyFrom(DataBuffers.of(z, true, false));
                float[] a = new float[z.length];
                try (Result r = session.runner().feed(input, x).fetch(output).run()) {
                    ((TFloat32) r.get(0)).copyTo(DataBuffers.of(a, false, false));
                }
                return a;
            }
        }
    }

    private static float[] nd4j(PeerFunction function, float[] z) {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        INDArray x = Nd4j.createFromArray(z);
        INDArray a = Nd4j.create(DataType.FLOAT, z.length);
        Nd4j.exec(function == PeerFunction.SIGMOID ? new Sigmoid(x, a) : new Tanh(x, a));
        return a.toFloatVector();
    }
}
