package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Continuously differentiable exponential linear unit.
 * <pre>
 * f(x) = x                     if x > 0
 *        alpha (e^{x/alpha} - 1) if x &lt;= 0
 * f'(x) = 1 if x > 0, else e^{x/alpha}</pre>
 * f' is continuous (both sides give 1 at 0). Range (-alpha, inf); nearly zero-centred; saturates
 * for x to -inf. Default alpha 1. Reference: Barron, "Continuously Differentiable Exponential
 * Linear Units" (2017); PyTorch {@code CELU}.
 *
 * @param alpha the magnitude of the negative saturation value; must be > 0 and finite
 */
public record Celu(float alpha) implements Parametrised {

    /** The usual alpha, 1. */
    public static final float DEFAULT_ALPHA = 1f;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "celu",
            Param.of("alpha", DEFAULT_ALPHA).positive());

    public Celu {
        SCHEMA.check(alpha);
    }

    /** With alpha 1. */
    public Celu() {
        this(DEFAULT_ALPHA);
    }

    @Override
    public float apply(float x) {
        return x > 0 || x != x ? x : (float) (alpha * Math.expm1(x / (double) alpha));
    }

    @Override
    public float derivative(float x) {
        if (x != x) {
            return x;
        }
        return x > 0 ? 1 : (float) Math.exp(x / (double) alpha);
    }

    @Override
    public Traits traits() {
        return new Traits("x if x > 0, else alpha*(exp(x/alpha)-1)", "1 if x > 0, else exp(x/alpha)",
                "(-alpha, inf)", true, true, true, Traits.Cost.TRANSCENDENTAL, "Barron 2017; torch.nn.CELU");
    }
}
