package org.actlab.nn;

/**
 * The end of one epoch. Accuracy is NaN for regression.
 *
 * @param epoch         the epoch, from 0
 * @param trainLoss     the mean loss over the training set, with the weights at the end of the epoch
 * @param testLoss      the same over the test set, NaN without one
 * @param trainAccuracy classification accuracy on the training set
 * @param testAccuracy  classification accuracy on the test set, NaN without one
 * @param network       the network, live: read it during the call only
 */
public record EpochSnapshot(int epoch, double trainLoss, double testLoss, double trainAccuracy,
                            double testAccuracy, Network network) {
}
