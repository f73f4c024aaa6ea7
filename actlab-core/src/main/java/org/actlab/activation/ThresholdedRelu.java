package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Thresholded ReLU.
 * <pre>
 * f(x) = x if x > theta, else 0
 * f'(x) = 1 if x > theta, else 0</pre>
 * f'(theta) = 0. Range {0} ∪ (theta, inf); not zero-centred; does not saturate for x > theta.
 * Default theta 1. Reference: Konda, Memisevic and Krueger, "Zero-bias autoencoders and the
 * benefits of co-adapting features" (2014); Keras {@code ThresholdedReLU}.
 *
 * @param theta the threshold; must be >= 0 and finite
 */
public record ThresholdedRelu(float theta) implements Parametrised {

    /** Keras' default theta, 1. */
    public static final float DEFAULT_THETA = 1f;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "thresholded_relu",
            Param.of("theta", DEFAULT_THETA).atLeast(0));

    public ThresholdedRelu {
        SCHEMA.check(theta);
    }

    /** With theta 1. */
    public ThresholdedRelu() {
        this(DEFAULT_THETA);
    }

    @Override
    public float apply(float x) {
        return Step.value(x, theta, 0);
    }

    @Override
    public float derivative(float x) {
        return Step.slope(x, theta);
    }

    @Override
    public Traits traits() {
        return new Traits("x if x > theta, else 0", "1 if x > theta, else 0 (0 at theta)", "{0} u (theta, inf)",
                false, true, true, Traits.Cost.CHEAP, "Konda, Memisevic, Krueger 2014; Keras ThresholdedReLU");
    }
}
