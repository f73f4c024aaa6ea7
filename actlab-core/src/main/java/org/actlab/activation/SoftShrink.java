package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Soft shrinkage (soft thresholding).
 * <pre>
 * f(x) = x - lambda   if x > lambda
 *        x + lambda   if x &lt; -lambda
 *        0            otherwise
 * f'(x) = 1 if |x| > lambda, else 0</pre>
 * f' is 0 at ±lambda. Range (-inf, inf); zero-centred; does not saturate (but has a dead zone
 * [-lambda, lambda]). Default lambda 0.5. Reference: Donoho, "De-noising by soft-thresholding"
 * (1995); PyTorch {@code Softshrink}.
 *
 * @param lambda the half-width of the dead zone; must be >= 0 and finite
 */
public record SoftShrink(float lambda) implements Parametrised {

    /** PyTorch's default lambda, 0.5. */
    public static final float DEFAULT_LAMBDA = 0.5f;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "softshrink",
            Param.of("lambda", DEFAULT_LAMBDA).atLeast(0));

    public SoftShrink {
        SCHEMA.check(lambda);
    }

    /** With lambda 0.5. */
    public SoftShrink() {
        this(DEFAULT_LAMBDA);
    }

    @Override
    public float apply(float x) {
        // The difference of two floats in double is exact unless their exponents are far apart,
        // and then x dominates; one rounding to float follows.
        if (x > lambda) {
            return (float) ((double) x - lambda);
        }
        if (x < -lambda) {
            return (float) ((double) x + lambda);
        }
        return x != x ? x : 0;
    }

    @Override
    public float derivative(float x) {
        if (x != x) {
            return x;
        }
        return x > lambda || x < -lambda ? 1 : 0;
    }

    @Override
    public Traits traits() {
        return new Traits("x - lambda if x > lambda; x + lambda if x < -lambda; else 0",
                "1 if |x| > lambda, else 0 (0 at +-lambda)", "(-inf, inf)", true, false, true, Traits.Cost.CHEAP,
                "Donoho 1995; torch.nn.Softshrink");
    }
}
