package org.actlab.diagnose;

import java.util.Objects;

/**
 * What the diagnostics measure and when.
 *
 * <h2>Saturation</h2>
 * A (sample, unit) pair with pre-activation z is <em>saturated</em> when
 * |f′(z)| &lt; {@code saturationThreshold} × s_max, where s_max = max |f′| of the layer's activation,
 * found once per activation by a dense scan of f′ over [−50, 50] (step 10⁻³, plus 0, ±10⁻⁷ and
 * ±the smallest normal float, where the catalogue's maxima and kink limits lie; for a slope that
 * grows without bound, as exponential's, the largest on [−1, 1]). A unit is
 * saturated when its pairs are saturated on at least {@code saturatedUnitShare} of the samples.
 * The product threshold × s_max is rounded to float32, as f′ is, so that leaky_relu's slope 0.01
 * (= 0.01 × 1) does not count as saturated.
 *
 * @param saturationThreshold the share of the largest slope below which f′ counts as saturated, in (0, 1)
 * @param saturatedUnitShare  the share of samples on which a unit must be saturated to count as a saturated unit, in (0, 1]
 * @param histogramBins       bins of the pre-activation histogram, in [1, 10000]
 * @param evaluateEvery       evaluate on the evaluation set every this many epochs (and after the last), ≥ 1
 * @param advice              when each piece of advice is given
 */
public record DiagnosticsConfig(double saturationThreshold, double saturatedUnitShare, int histogramBins,
                                int evaluateEvery, AdviceThresholds advice) {

    public DiagnosticsConfig {
        if (!(saturationThreshold > 0 && saturationThreshold < 1)) {
            throw new IllegalArgumentException("saturationThreshold must be in (0, 1), got " + saturationThreshold);
        }
        if (!(saturatedUnitShare > 0 && saturatedUnitShare <= 1)) {
            throw new IllegalArgumentException("saturatedUnitShare must be in (0, 1], got " + saturatedUnitShare);
        }
        if (histogramBins < 1 || histogramBins > 10_000) {
            throw new IllegalArgumentException("histogramBins must be in [1, 10000], got " + histogramBins);
        }
        if (evaluateEvery < 1) {
            throw new IllegalArgumentException("evaluateEvery must be >= 1, got " + evaluateEvery);
        }
        Objects.requireNonNull(advice, "advice");
    }

    /** The fixed-name four-value form, with {@link AdviceThresholds#defaults()}. */
    public DiagnosticsConfig(double saturationThreshold, double saturatedUnitShare, int histogramBins, int evaluateEvery) {
        this(saturationThreshold, saturatedUnitShare, histogramBins, evaluateEvery, AdviceThresholds.defaults());
    }

    /** (0.01, 0.99, 40, 1) and the default advice thresholds. */
    public static DiagnosticsConfig defaults() {
        return new DiagnosticsConfig(0.01, 0.99, 40, 1);
    }

    /** A copy that evaluates every {@code epochs} epochs. */
    public DiagnosticsConfig withEvaluateEvery(int epochs) {
        return new DiagnosticsConfig(saturationThreshold, saturatedUnitShare, histogramBins, epochs, advice);
    }

    /** A copy with other advice thresholds. */
    public DiagnosticsConfig withAdvice(AdviceThresholds thresholds) {
        return new DiagnosticsConfig(saturationThreshold, saturatedUnitShare, histogramBins, evaluateEvery, thresholds);
    }
}
