package org.actlab.nn;

import java.util.List;

/**
 * One optimiser step.
 *
 * @param epoch      the epoch, from 0
 * @param step       the step within the epoch, from 0
 * @param globalStep the step since training began, from 0
 * @param batchSize  the rows in this batch (the last batch of an epoch may be short)
 * @param loss       the batch loss before the update (including no regularisation term)
 * @param layers     per layer, hidden layers then the output layer, when {@link TrainingListener.Capture#LAYERS}
 *                   was asked for; else empty
 */
public record StepSnapshot(int epoch, int step, long globalStep, int batchSize, double loss, List<LayerSnapshot> layers) {
}
