package org.actlab.diagnose;

import java.util.List;

/**
 * The health of every layer at one evaluation, and the advice it leads to.
 *
 * @param epoch         the epoch just completed, from 0 as in {@code EpochSnapshot}; −1 for a network
 *                      inspected before training ({@link Diagnostics#inspect})
 * @param layers        hidden layers first, the output layer last
 * @param gradientRatio ‖dL/dW‖ of the first layer / ‖dL/dW‖ of the last layer (the means over the
 *                      epoch's steps): ≪ 1 means gradients vanish on their way back, ≫ 1 that they
 *                      explode; 1 for a single layer, NaN without gradients, +∞ when the last is 0
 * @param advice        the rules that fired, in the order saturation, dead units, centring, gradient flow
 */
public record HealthReport(int epoch, List<LayerHealth> layers, double gradientRatio, List<Advice> advice) {

    public HealthReport {
        layers = List.copyOf(layers);
        // Advice worked out when first read (Advisor.whenRead) is already an immutable list of its own.
        advice = advice instanceof Advisor.WhenRead ? advice : List.copyOf(advice);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a health report needs at least 1 layer, got 0");
        }
    }

    /** The ratio defined for {@link #gradientRatio()}, from the layers' gradient norms. */
    public static double gradientRatio(List<LayerHealth> layers) {
        if (layers.isEmpty()) {
            return Double.NaN;
        }
        double first = layers.get(0).gradientNorm();
        double last = layers.get(layers.size() - 1).gradientNorm();
        if (layers.size() == 1) {
            return Double.isNaN(first) ? Double.NaN : 1.0;
        }
        if (last == 0) {
            return first == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        return first / last;
    }
}
