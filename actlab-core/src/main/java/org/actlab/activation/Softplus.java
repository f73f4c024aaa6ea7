package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Softplus with PyTorch's sharpness and linear threshold.
 * <pre>
 * f(x) = x                        if beta x > threshold
 *        log(1 + e^{beta x})/beta otherwise
 * f'(x) = 1 if beta x > threshold, else sigma(beta x)</pre>
 * The switch to x (as PyTorch, for speed and to avoid overflow) leaves a jump of about
 * e^{-threshold}/beta. Range (0, inf); not zero-centred; saturates for x to -inf.
 * Defaults beta 1, threshold 20. Reference: Dugas et al., "Incorporating Second-Order Functional
 * Knowledge for Better Option Pricing" (2001); PyTorch {@code Softplus}.
 *
 * @param beta      the sharpness; must be > 0 and finite
 * @param threshold above which beta x the function is x; must be finite
 */
public record Softplus(float beta, float threshold) implements Parametrised {

    /** PyTorch's default beta, 1. */
    public static final float DEFAULT_BETA = 1f;
    /** PyTorch's default threshold, 20. */
    public static final float DEFAULT_THRESHOLD = 20f;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "softplus",
            Param.of("beta", DEFAULT_BETA).positive(),
            Param.of("threshold", DEFAULT_THRESHOLD));

    public Softplus {
        SCHEMA.check(beta, threshold);
    }

    /** With beta 1 and threshold 20. */
    public Softplus() {
        this(DEFAULT_BETA, DEFAULT_THRESHOLD);
    }

    @Override
    public float apply(float x) {
        // The product of two floats is exact in double, so the branch is decided exactly.
        double bx = (double) beta * x;
        if (bx > threshold || x != x) {
            return x;
        }
        return (float) (ExactMath.softplus(bx) / beta);
    }

    @Override
    public float derivative(float x) {
        if (x != x) {
            return x;
        }
        double bx = (double) beta * x;
        return bx > threshold ? 1 : (float) ExactMath.sigmoid(bx);
    }

    @Override
    public Traits traits() {
        return new Traits("x if beta*x > threshold, else log(1+exp(beta*x))/beta",
                "1 if beta*x > threshold, else sigma(beta*x)", "(0, inf)", false, true, true,
                Traits.Cost.TRANSCENDENTAL, "Dugas et al. 2001; torch.nn.Softplus");
    }
}
