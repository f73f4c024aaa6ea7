package org.actlab.nn;

import org.actlab.data.Dataset;

/**
 * Seeded mini-batch training of one network. It can run all epochs at once ({@link #run()}) or
 * be driven a step or an epoch at a time (the web playground's play, pause and step).
 *
 * <p>A NaN or infinite loss stops training with a {@link DivergenceException} that says at which
 * epoch and step, and in which layer the first non-finite value appeared.
 */
public final class Trainer {

    // API contract for the engine; the implementation replaces these bodies.

    /**
     * @param network the network to train, in place
     * @param config  how to train
     * @param train   the training set
     * @param test    the test set, or null
     */
    public Trainer(Network network, TrainConfig config, Dataset train, Dataset test) {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** Adds a listener; call before the first step. */
    public Trainer addListener(TrainingListener listener) {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** One optimiser step on the next mini-batch; ends the epoch (and calls onEpoch) when the batch was its last. */
    public StepSnapshot step() {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** The rest of the current epoch. */
    public EpochSnapshot runEpoch() {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /**
     * Runs the configured number of epochs. Divergence does not throw here: the result's
     * {@code stopped} says what happened, and the history holds the epochs before it.
     */
    public TrainingResult run() {
        throw new UnsupportedOperationException("engine not written yet");
    }

    /** Epochs completed so far. */
    public int epoch() {
        throw new UnsupportedOperationException("engine not written yet");
    }
}
