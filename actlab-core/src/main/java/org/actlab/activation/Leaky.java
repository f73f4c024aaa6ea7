package org.actlab.activation;

/** The arithmetic shared by leaky_relu, prelu and rrelu: x for x > 0, slope x otherwise. */
final class Leaky {

    private Leaky() {
    }

    static float value(float x, float slope) {
        if (x > 0 || x != x) {
            return x;
        }
        if (x == Float.NEGATIVE_INFINITY) {
            // slope * -inf is NaN for slope 0, whose limit is 0.
            return slope == 0 ? 0 : slope * x;
        }
        // The float product is the correctly rounded exact product.
        return slope * x;
    }

    static float slope(float x, float slope) {
        if (x != x) {
            return x;
        }
        return x > 0 ? 1 : slope;
    }

    /** Saturating only for slope 0 (then f' = 0 for x &lt; 0); monotonic for slope >= 0. */
    static Traits traits(float slope, String reference) {
        return new Traits("x if x > 0, else slope*x", "1 if x > 0, else slope (slope at x = 0)",
                slope > 0 ? "(-inf, inf)" : "[0, inf)",
                false, slope == 0, slope >= 0, Traits.Cost.CHEAP, reference);
    }
}
