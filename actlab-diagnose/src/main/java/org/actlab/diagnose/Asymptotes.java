package org.actlab.diagnose;

import java.util.Objects;
import org.actlab.activation.Activation;

/**
 * The horizontal asymptotes of a bounded activation, for the output-near-asymptote criterion of
 * saturation (Glorot and Bengio 2010, Figure 2): a pair is near an asymptote when its output a lies
 * within {@code share} × (upper − lower) of the lower limit f(−∞) or the upper limit f(+∞).
 *
 * <p>The limits are f(±∞) as the activation computes them (its accuracy contract says ±∞ gives the
 * limit). The criterion applies only when both are finite and differ: logistic, tanh, softsign,
 * hard_sigmoid, hardtanh, relu6, arctan and the like. A one-sided function (relu, elu, softplus) has
 * no width to measure "near" against, and gaussian's two limits coincide; for them the figure is NaN
 * and the slope criterion alone speaks.
 *
 * @param lower f(−∞)
 * @param upper f(+∞)
 */
record Asymptotes(double lower, double upper) {

    /** The default share of the output range: outputs within 5% of it count as near an asymptote. */
    static final double DEFAULT_SHARE = 0.05;

    static Asymptotes of(Activation f) {
        Objects.requireNonNull(f, "f");
        return new Asymptotes(f.apply(Float.NEGATIVE_INFINITY), f.apply(Float.POSITIVE_INFINITY));
    }

    /** Whether the criterion is defined for this function: both limits finite and distinct. */
    boolean applies() {
        return Double.isFinite(lower) && Double.isFinite(upper) && lower != upper;
    }

    /** On how many of n samples unit j's output (a is n × units, row-major) is near, at {@link #DEFAULT_SHARE}. */
    int count(float[] a, int n, int units, int j) {
        int near = 0;
        for (int s = 0; s < n; s++) {
            if (near(a[s * units + j], DEFAULT_SHARE)) {
                near++;
            }
        }
        return near;
    }

    /** Whether output a lies strictly within share × |upper − lower| of either limit. */
    boolean near(float a, double share) {
        double band = share * Math.abs(upper - lower);
        return Math.abs(a - lower) < band || Math.abs(a - upper) < band;
    }
}
