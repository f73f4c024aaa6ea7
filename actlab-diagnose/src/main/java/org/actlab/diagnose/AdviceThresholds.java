package org.actlab.diagnose;

/**
 * When {@link Advisor} gives each piece of advice. Every rule compares one measured figure of a
 * {@link HealthReport} with one of these thresholds.
 *
 * @param saturatedFraction a hidden layer whose activation saturates on both sides (logistic, tanh)
 *                          is reported saturated when {@link LayerHealth#saturatedFraction()} ≥ this
 * @param deadFraction      a hidden layer is reported to have dead units when
 *                          {@link LayerHealth#deadFraction()} ≥ this
 * @param centring          the layer feeding layer l is "not zero-centred" when its
 *                          mean / RMS = μ / √(μ² + σ²) ≥ this (1 for a constant positive output,
 *                          0 for a symmetric one, about 0.56 for ReLU of a centred Gaussian)
 * @param signCoherence     ... and layer l's {@link LayerHealth#signCoherence()} ≥ this
 * @param vanishingRatio    gradients vanish when {@link HealthReport#gradientRatio()} &lt; this
 * @param explodingRatio    gradients explode when {@link HealthReport#gradientRatio()} &gt; this
 */
public record AdviceThresholds(double saturatedFraction, double deadFraction, double centring,
                               double signCoherence, double vanishingRatio, double explodingRatio) {

    public AdviceThresholds {
        requireShare("saturatedFraction", saturatedFraction);
        requireShare("deadFraction", deadFraction);
        requireShare("centring", centring);
        requireShare("signCoherence", signCoherence);
        if (!(vanishingRatio > 0) || !(explodingRatio > vanishingRatio) || Double.isInfinite(explodingRatio)) {
            throw new IllegalArgumentException("need 0 < vanishingRatio < explodingRatio < inf, got vanishingRatio="
                    + vanishingRatio + ", explodingRatio=" + explodingRatio);
        }
    }

    /**
     * Saturated at ≥ 50% of (sample, unit) pairs, dead at ≥ 20% of units, not centred at
     * μ/RMS ≥ 0.5 with sign coherence ≥ 0.8, vanishing below a ratio of 0.01, exploding above 100.
     */
    public static AdviceThresholds defaults() {
        return new AdviceThresholds(0.5, 0.2, 0.5, 0.8, 0.01, 100);
    }

    private static void requireShare(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + value);
        }
    }
}
