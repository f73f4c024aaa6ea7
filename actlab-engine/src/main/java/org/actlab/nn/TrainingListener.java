package org.actlab.nn;

/**
 * Receives snapshots during training. The diagnostics, the lab's experiments and the web
 * playground are all listeners.
 *
 * <p>Snapshot arrays are views of the trainer's buffers, valid only during the call: copy what
 * you keep. Capturing per-layer tensors costs time, so a listener asks for them through
 * {@link #capture()}; the trainer asks each listener once, at the start of training.
 */
public interface TrainingListener {

    /** What a listener wants in its step snapshots. */
    enum Capture {
        /** Loss and step counters only. */
        NONE,
        /** Also each layer's z, a, dL/dz, dL/dW, dL/db, weights and bias for the batch. */
        LAYERS
    }

    /** What this listener wants in {@link StepSnapshot#layers()}; {@link Capture#NONE} by default. */
    default Capture capture() {
        return Capture.NONE;
    }

    /** Called once before the first step. */
    default void onStart(Network network, TrainConfig config) {
    }

    /** Called after each optimiser step, after the weights have been updated. */
    default void onStep(StepSnapshot step) {
    }

    /** Called at the end of each epoch. */
    default void onEpoch(EpochSnapshot epoch) {
    }

    /** Called once after the last epoch, or when training stops early. */
    default void onEnd(TrainingResult result) {
    }

    /**
     * A listener that asks for the layers and hands every step to {@code onStep}: the usual way to
     * look inside training (its snapshot is valid only during the call, as always).
     */
    static TrainingListener layerSteps(java.util.function.Consumer<StepSnapshot> onStep) {
        java.util.Objects.requireNonNull(onStep, "onStep");
        return new TrainingListener() {
            @Override
            public Capture capture() {
                return Capture.LAYERS;
            }

            @Override
            public void onStep(StepSnapshot step) {
                onStep.accept(step);
            }
        };
    }
}
