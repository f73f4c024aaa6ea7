package org.actlab.web;

import java.util.List;

/**
 * The JSON documents of the API, as records that Jackson writes with actlab's one configuration
 * ({@code lab.run.RunJson}): non-finite numbers are written as {@code null}, which the page reads as
 * "no value".
 */
final class Payloads {

    private Payloads() {
    }

    /** Everything the page needs after (re)connecting: the config, the data, the history and the latest update. */
    record State(String session, PlaygroundConfig config, double[] domain, Points train, Points test,
                 List<HistoryPoint> history, Update update) {
    }

    /** 2-D points with their targets: x1, x2, y interleaved. */
    record Points(int n, float[] xy) {
    }

    /** One epoch of the loss history, with each layer's mean ‖dL/dW‖₂ over the epoch's steps. */
    record HistoryPoint(int epoch, double trainLoss, double testLoss, double trainAccuracy, double testAccuracy,
                        double[] gradientNorms) {
    }

    /**
     * The live picture after an epoch or a step.
     *
     * @param epoch    epochs completed
     * @param step     optimiser steps since the start
     * @param points   the history points of the epochs completed by the call that made this update (empty for none)
     * @param heatmap  the network's output over the grid, null once training has diverged
     * @param neurons  per layer, per unit, the unit's activation over the thumbnail grid (hidden layers and the output)
     * @param layers   per layer, weights, bias and unit flags
     * @param health   the latest diagnostics, or null before the first epoch
     * @param diverged where training diverged, or null
     */
    record Update(String session, int epoch, long step, boolean playing, double trainLoss, double testLoss,
                  double trainAccuracy, double testAccuracy, List<HistoryPoint> points, Heatmap heatmap,
                  List<List<float[]>> neurons, int thumbSize, List<LayerState> layers, Health health, Divergence diverged) {
    }

    /** Output values over a size × size grid, row 0 at the top; probabilities for classification. */
    record Heatmap(int size, float[] values) {
    }

    /**
     * One layer's parameters and marks.
     *
     * @param flags per unit: 2 dead, 1 saturated, 0 neither (see {@link UnitFlags})
     */
    record LayerState(int index, String activation, int inputs, int units, float[] weights, float[] bias, int[] flags) {
    }

    /** The diagnostics report of one epoch, with f′ at the histogram's bin centres for drawing z over f′. */
    record Health(int epoch, List<LayerHealthView> layers, double gradientRatio, List<AdviceView> advice) {
    }

    /** One layer's health figures (see {@code org.actlab.diagnose.LayerHealth}). */
    record LayerHealthView(int index, String activation, int units, double meanActivation, double stdActivation,
                           double saturatedFraction, double saturatedUnits, double deadFraction, double signCoherence,
                           double gradientNorm, double updateRatio, double histogramMin, double histogramMax,
                           long[] histogram, double[] slopeAtCentres) {
    }

    /** One piece of advice with its evidence. */
    record AdviceView(String rule, String recommendation, String evidence) {
    }

    /** Where training produced a non-finite value. */
    /** One layer's exact parameters (the update's {@link LayerState} rounds them for drawing). */
    record LayerWeights(int index, String activation, int inputs, int units, float[] weights, float[] bias) {
    }

    record Divergence(int epoch, int step, String message) {
    }

    /** An error answer. */
    record ErrorBody(String error) {
    }
}
