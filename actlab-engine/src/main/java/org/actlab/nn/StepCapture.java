package org.actlab.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-layer snapshots for listeners that ask for {@link TrainingListener.Capture#LAYERS}: keeps a
 * copy of the weights before each update to report ‖W_after − W_before‖₂, and exposes the batch's
 * tensors as views.
 */
final class StepCapture {

    private final float[][] previousWeights;

    StepCapture(int layers) {
        previousWeights = new float[layers][];
    }

    /** Copies the weights before the update. */
    void before(List<DenseLayer> layers) {
        for (int l = 0; l < previousWeights.length; l++) {
            float[] weights = layers.get(l).weights();
            if (previousWeights[l] == null) {
                previousWeights[l] = new float[weights.length];
            }
            System.arraycopy(weights, 0, previousWeights[l], 0, weights.length);
        }
    }

    /** The layers after the update, with the batch's z, a, dZ, dW and dB. */
    List<LayerSnapshot> after(List<DenseLayer> layers, Workspace workspace, int rows) {
        List<LayerSnapshot> snapshots = new ArrayList<>(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            float[] weights = layer.weights();
            float[] before = previousWeights[l];
            double squares = 0;
            for (int i = 0; i < weights.length; i++) {
                double d = (double) weights[i] - before[i];
                squares += d * d;
            }
            snapshots.add(new LayerSnapshot(l, layer.activation(), layer.inputs(), layer.units(), rows,
                    workspace.z[l], workspace.a[l], workspace.dZ[l], workspace.dW[l], workspace.dB[l],
                    weights, layer.bias(), Math.sqrt(squares)));
        }
        return List.copyOf(snapshots);
    }
}
