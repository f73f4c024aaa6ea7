package org.actlab.nn;

import java.util.List;

/**
 * The outcome of training.
 *
 * @param history  one entry per completed epoch
 * @param stopped  null when training ran all epochs, else why it stopped (for example divergence)
 */
public record TrainingResult(List<EpochMetrics> history, String stopped) {

    /** The figures of one epoch, as in {@link EpochSnapshot} without the network. */
    public record EpochMetrics(int epoch, double trainLoss, double testLoss, double trainAccuracy, double testAccuracy) {
    }

    public TrainingResult {
        history = List.copyOf(history);
    }

    /** The last epoch's figures. */
    public EpochMetrics last() {
        if (history.isEmpty()) {
            throw new IllegalStateException("no epoch completed");
        }
        return history.get(history.size() - 1);
    }
}
