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
     * The live picture after an epoch or a step. This is the document that the page draws up to 20 times a second, so
     * its shape is kept small (see docs/PLAYGROUND.md, "The update document"); any other producer of updates (a
     * backend in the browser) must write the same shape.
     *
     * @param epoch    epochs completed
     * @param step     optimiser steps since the start
     * @param points   the history points of the epochs completed by the call that made this update (empty for none)
     * @param heatmap  the network's output over the grid, null once training has diverged
     * @param thumbs   every unit's thumbnail (hidden layers and the output) as bytes on the colour scale, null once
     *                 training has diverged
     * @param layers   per layer, weights, bias and unit flags
     * @param health   the latest diagnostics, or null before the first epoch
     * @param diverged where training diverged, or null
     */
    record Update(String session, int epoch, long step, boolean playing, double trainLoss, double testLoss,
                  double trainAccuracy, double testAccuracy, List<HistoryPoint> points, Heatmap heatmap,
                  Thumbs thumbs, List<LayerState> layers, Health health, Divergence diverged) {
    }

    /**
     * The units' thumbnails, one byte per cell: {@code values} is the base64 of, layer after layer (hidden layers,
     * then the output) and unit after unit, size × size bytes with row 0 at the top (x2 = max). A byte k ≤ 254 stands for
     * t = k / 127 − 1 on the page's colour scale (−1 orange, 0 grey, 1 blue): a hidden unit's activation, the
     * output's 2p − 1 for classification or its value for regression, clipped to [−1, 1]; 255 stands for NaN. The
     * page's colour table has 256 entries, so a byte loses next to nothing that is drawn, at a fifth of the size of
     * the numbers as JSON text.
     *
     * @param units units per layer, in the order of the bytes
     */
    record Thumbs(int size, int[] units, String values) {
    }

    /** Output values over a size × size grid, row 0 at the top; probabilities for classification. */
    record Heatmap(int size, float[] values) {
    }

    /**
     * One layer's parameters and marks.
     *
     * @param flags          per unit: 2 dead, 1 saturated (slope criterion), 0 neither (see {@link UnitFlags})
     * @param nearAsymptote  per unit, the output criterion: its output lies within 5 % of the output range of an
     *                       asymptote on at least 99 % of the training points (all false where f is not bounded on both
     *                       sides; see {@link UnitFlags#nearAsymptote})
     */
    record LayerState(int index, String activation, int inputs, int units, float[] weights, float[] bias, int[] flags,
                      boolean[] nearAsymptote) {
    }

    /** The diagnostics report of one epoch, with f′ at the histogram's bin centres for drawing z over f′. */
    record Health(int epoch, List<LayerHealthView> layers, double gradientRatio, List<AdviceView> advice) {
    }

    /** One layer's health figures (see {@code org.actlab.diagnose.LayerHealth}). */
    record LayerHealthView(int index, String activation, int units, double meanActivation, double stdActivation,
                           double saturatedFraction, double saturatedUnits, double deadFraction, double signCoherence,
                           double gradientNorm, double updateRatio, double histogramMin, double histogramMax,
                           long[] histogram, double[] slopeAtCentres, double nearAsymptoteFraction,
                           double nearAsymptoteUnits) {
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
