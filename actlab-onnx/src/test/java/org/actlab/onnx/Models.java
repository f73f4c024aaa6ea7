package org.actlab.onnx;

import static org.actlab.lab.run.RunConfig.DATA;
import static org.actlab.lab.run.RunConfig.FEATURES;
import static org.actlab.lab.run.RunConfig.HIDDEN;
import static org.actlab.lab.run.RunConfig.NOISE;
import static org.actlab.lab.run.RunConfig.OUTPUT;
import static org.actlab.lab.run.RunConfig.SAMPLES;
import static org.actlab.lab.run.RunConfig.STANDARDIZE;
import static org.actlab.nn.TrainConfig.EPOCHS;
import static org.actlab.nn.TrainConfig.SEED;

import java.util.List;
import java.util.SplittableRandom;
import org.actlab.lab.run.RunConfig;
import org.actlab.lab.run.SavedModel;
import org.actlab.lab.run.TrainingRun;

/** Small actlab models for the ONNX tests, built through the same runner as {@code actlab train}. */
final class Models {

    private Models() {
    }

    /**
     * A circle-data model with feature expansion and standardisation: 2 raw inputs → 5 features →
     * hidden layers of {@code f} → sigmoid output; trained for {@code epochs} epochs (0: as initialised).
     */
    static SavedModel circle(String activation, List<Integer> hidden, String output, int epochs) {
        RunConfig config = RunConfig.builder().set(DATA, "circle").set(SAMPLES, 200).set(NOISE, 0.1)
                .set(FEATURES, List.of("x1", "x2", "x1^2", "x1*x2", "sin(x2)")).set(STANDARDIZE, true)
                .set(HIDDEN, hidden).activations(List.of(activation)).set(OUTPUT, output).set(EPOCHS, epochs).set(SEED, 7L).build();
        TrainingRun run = TrainingRun.prepare(config);
        if (epochs > 0) {
            run.run(TrainingRun.Progress.none());
        }
        return SavedModel.of(run);
    }

    /** n raw rows of two values drawn uniformly from [−6, 6], seeded. */
    static float[] rawInputs(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rng.nextDouble() * 12 - 6);
        }
        return x;
    }

    /** What {@code actlab predict} computes for raw rows. */
    static float[] predict(SavedModel model, float[] raw, int n) {
        float[] out = new float[n * model.spec().outputs()];
        model.network().predict(model.inputs(raw, n), n, out);
        return out;
    }

    /**
     * Per output value, the error scale of its last dot product: S = Σ_k |W[j,k] h[k]| + |b[j]| in
     * double, with h the last hidden layer's activations. A dot product computed in another order,
     * or over inputs each a few ULPs off, is off by a few ULPs of S (not of its result, which can
     * cancel to near 0).
     */
    static double[] dotScales(SavedModel model, float[] raw, int n) {
        org.actlab.nn.Network net = model.network();
        java.util.List<org.actlab.nn.Network.LayerTrace> traces = net.trace(model.inputs(raw, n), n);
        org.actlab.nn.DenseLayer out = net.layers().get(net.layers().size() - 1);
        float[] h = traces.size() > 1 ? traces.get(traces.size() - 2).a() : model.inputs(raw, n);
        double[] scales = new double[n * out.units()];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < out.units(); j++) {
                double sum = Math.abs(out.bias()[j]);
                for (int k = 0; k < out.inputs(); k++) {
                    sum += Math.abs((double) out.weights()[j * out.inputs() + k] * h[r * out.inputs() + k]);
                }
                scales[r * out.units() + j] = sum;
            }
        }
        return scales;
    }

    /** The distance in float32 ULPs: how many floats lie between a and b, plus one if they differ. */
    static long ulps(float a, float b) {
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float f) {
        int bits = Float.floatToIntBits(f);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }
}
