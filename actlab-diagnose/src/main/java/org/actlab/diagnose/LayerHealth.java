package org.actlab.diagnose;

import java.util.Objects;

/**
 * The health of one dense layer at one evaluation. Shares are in [0, 1]. Figures from the
 * evaluation set (mean, std, saturation, dead units, histogram) use {@code Network.trace} over all
 * of it; gradient figures are means over the optimiser steps of the epoch being reported, and are
 * NaN when no step was seen (a report from {@link Diagnostics#inspect} has gradients from one
 * full-batch step but no update ratio; see there).
 *
 * @param index             the layer index: 0 is the first hidden layer, the last is the output layer
 * @param activation        the activation's spec; for a softmax output layer this is
 *                          {@code "identity"} because the softmax belongs to the loss
 * @param units             the number of units
 * @param meanActivation    μ = mean of a = f(z) over all (sample, unit) pairs
 * @param stdActivation     σ = population standard deviation of a over the same pairs
 * @param saturatedFraction share of (sample, unit) pairs with |f′(z)| &lt; threshold × max|f′|
 *                          (see {@link DiagnosticsConfig})
 * @param saturatedUnits    share of units saturated on at least {@code saturatedUnitShare} of the samples
 * @param deadFraction      share of units with f′(z) = 0 on every sample of the evaluation set
 * @param signCoherence     share of units whose weight-gradient row dL/dW[j,:] has all its non-zero
 *                          entries of one sign, averaged over steps; an all-zero row does not count as
 *                          coherent (a dead unit receives no gradient, and that is no zig-zag)
 * @param gradientNorm      ‖dL/dW‖₂ (Frobenius) of the layer, mean over steps
 * @param biasGradientNorm  ‖dL/db‖₂, mean over steps
 * @param updateRatio       ‖ΔW‖₂ / ‖W‖₂ with W after the update, mean over steps
 * @param preActivations    histogram of z over the evaluation set
 * @param saturating        whether f′ falls below the saturation threshold at both z = −50 and
 *                          z = +50, as logistic and tanh do (ReLU does on one side only)
 * @param zeroCentred       whether the activation is zero-centred according to its catalogue traits
 * @param nearAsymptoteFraction share of (sample, unit) pairs whose output a lies within 5% of the output
 *                          range of f(−∞) or f(+∞): the second saturation criterion, Glorot and Bengio's
 *                          (2010, Figure 2); NaN when f is not bounded on both sides
 * @param nearAsymptoteUnits share of units near an asymptote on at least {@code saturatedUnitShare} of
 *                          the samples; NaN when f is not bounded on both sides
 */
public record LayerHealth(int index, String activation, int units, double meanActivation, double stdActivation,
                          double saturatedFraction, double saturatedUnits, double deadFraction,
                          double signCoherence, double gradientNorm, double biasGradientNorm,
                          double updateRatio, Histogram preActivations, boolean saturating,
                          boolean zeroCentred, double nearAsymptoteFraction, double nearAsymptoteUnits) {

    public LayerHealth {
        if (index < 0) {
            throw new IllegalArgumentException("layer index must be >= 0, got " + index);
        }
        Objects.requireNonNull(activation, "activation");
        if (units < 1) {
            throw new IllegalArgumentException("a layer has at least 1 unit, got " + units);
        }
        Objects.requireNonNull(preActivations, "preActivations");
    }

    /** A layer without the output-near-asymptote figures (NaN): the form from before that criterion. */
    public LayerHealth(int index, String activation, int units, double meanActivation, double stdActivation,
                       double saturatedFraction, double saturatedUnits, double deadFraction,
                       double signCoherence, double gradientNorm, double biasGradientNorm,
                       double updateRatio, Histogram preActivations, boolean saturating, boolean zeroCentred) {
        this(index, activation, units, meanActivation, stdActivation, saturatedFraction, saturatedUnits, deadFraction,
                signCoherence, gradientNorm, biasGradientNorm, updateRatio, preActivations, saturating, zeroCentred,
                Double.NaN, Double.NaN);
    }

    /** The root mean square of the activations, √(μ² + σ²). */
    public double rmsActivation() {
        return Math.sqrt(meanActivation * meanActivation + stdActivation * stdActivation);
    }
}
