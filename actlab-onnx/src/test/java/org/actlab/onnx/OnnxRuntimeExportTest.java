package org.actlab.onnx;

import static org.actlab.lab.run.RunConfig.DATA;
import static org.actlab.lab.run.RunConfig.HIDDEN;
import static org.actlab.lab.run.RunConfig.SAMPLES;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.actlab.nn.TrainConfig.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.lab.run.SavedModel;
import org.junit.jupiter.api.Test;

/**
 * Every catalogue activation, exported and run by the real ONNX Runtime (CPU), gives the outputs of
 * {@code actlab predict} on 1,000 raw inputs to within {@link #ULP_BOUND} float ULPs. The bound
 * covers ONNX Runtime's own transcendental functions (its sigmoid, tanh, erf and exp are not
 * correctly rounded, actlab's are to 1 ULP), float compositions where actlab computes in double,
 * and a different summation order in Gemm; the measured maxima are in docs/INTEROP.md.
 */
class OnnxRuntimeExportTest {

    /** The stated bound, in float32 ULPs of the output, over 1,000 rows and every output. */
    static final long ULP_BOUND = 8;
    private static final int ROWS = 1000;

    /** Runs the model in ONNX Runtime on rows × columns floats; its one output, flattened. */
    static float[] runOrt(byte[] model, float[] raw, int rows, int columns) throws Exception {
        // The environment is a process-wide singleton; sessions are closed here.
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(raw), new long[] {rows, columns});
             OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
            float[][] out = (float[][]) result.get(0).getValue();
            float[] flat = new float[rows * out[0].length];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(out[r], 0, flat, r * out[0].length, out[0].length);
            }
            return flat;
        }
    }

    /** The catalogue at its defaults, plus parameter values away from the defaults. */
    static List<Activation> activations() {
        List<Activation> all = new ArrayList<>(Activations.catalogue());
        for (String spec : List.of("leaky_relu(0.2)", "prelu(0.3)", "rrelu(0.1, 0.3)", "elu(0.5)", "celu(2)",
                "softplus(beta=2, threshold=5)", "hardtanh(-2, 0.5)", "softshrink(0.3)", "hardshrink(0.3)",
                "threshold(0.2, -1)", "thresholded_relu(0.5)", "squareplus(1)", "isru(0.5)")) {
            all.add(Activations.parse(spec));
        }
        return all;
    }

    /**
     * The largest error over all rows and outputs, in ULPs of the output's dot-product scale
     * (see {@link Models#dotScales}); also the plain ULP distance, for the record.
     */
    static long[] compare(SavedModel model, float[] raw) throws Exception {
        float[] expected = Models.predict(model, raw, ROWS);
        float[] actual = runOrt(OnnxExport.encode(model), raw, ROWS, 2);
        assertEquals(expected.length, actual.length);
        double[] scales = Models.dotScales(model, raw, ROWS);
        long scaled = 0;
        long plain = 0;
        for (int i = 0; i < expected.length; i++) {
            double ulp = Math.ulp((float) scales[i]);
            scaled = Math.max(scaled, (long) Math.ceil(Math.abs((double) expected[i] - actual[i]) / ulp));
            plain = Math.max(plain, Models.ulps(expected[i], actual[i]));
        }
        return new long[] {scaled, plain};
    }

    @Test
    void everyCatalogueActivationMatchesPredictWithinTheBound() throws Exception {
        float[] raw = Models.rawInputs(ROWS, 11);
        StringBuilder report = new StringBuilder();
        List<String> failed = new ArrayList<>();
        for (Activation f : activations()) {
            long[] error = compare(Models.circle(f.spec(), List.of(8), "identity", 0), raw);
            report.append(f.spec()).append(": ").append(error[0]).append(" (plain ").append(error[1]).append("); ");
            if (error[0] > ULP_BOUND) {
                failed.add(f.spec() + " (" + error[0] + " ulp)");
            }
        }
        System.out.println("ONNX Runtime vs actlab predict, max ULP of the dot-product scale per activation: " + report);
        assertTrue(failed.isEmpty(), "over " + ULP_BOUND + " ulp: " + failed + "; all: " + report);
    }

    @Test
    void trainedWeightsMatchToo() throws Exception {
        long[] error = compare(Models.circle("tanh", List.of(8, 6), "identity", 20), Models.rawInputs(ROWS, 12));
        assertTrue(error[0] <= ULP_BOUND, "max " + error[0] + " ulp");
    }

    @Test
    void softmaxOutputOnMnistMatchesWithinTheBoundInUnitsOfOne() throws Exception {
        org.actlab.lab.run.RunConfig config = org.actlab.lab.run.RunConfig.builder().set(DATA, "mnist").set(SAMPLES, 300)
                .set(HIDDEN, List.of(16)).activations(List.of("relu")).set(EPOCHS, 1).set(SEED, 3L).build();
        org.actlab.lab.run.TrainingRun run = org.actlab.lab.run.TrainingRun.prepare(config);
        run.run(org.actlab.lab.run.TrainingRun.Progress.none());
        SavedModel model = SavedModel.of(run);
        int rows = 200;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        float[] raw = new float[rows * 784];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) rng.nextDouble();
        }
        float[] expected = Models.predict(model, raw, rows);
        float[] actual = runOrt(OnnxExport.encode(model), raw, rows, 784);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        // Probabilities: the error in ULPs of 1 (2^-23 each).
        assertTrue(worst <= ULP_BOUND * Math.ulp(1f), "max |p - p'| = " + worst);
    }
}
