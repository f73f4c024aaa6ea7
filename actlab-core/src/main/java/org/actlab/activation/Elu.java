package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Exponential linear unit.
 * <pre>
 * f(x) = x                 if x > 0
 *        alpha (e^x - 1)   if x &lt;= 0
 * f'(x) = 1 if x > 0, else alpha e^x</pre>
 * At 0 the x &lt;= 0 branch is used: f'(0) = alpha (PyTorch). Range (-alpha, inf) for alpha > 0;
 * nearly zero-centred (negative outputs pull the mean towards 0); saturates for x to -inf.
 * Default alpha 1. Reference: Clevert, Unterthiner and Hochreiter, "Fast and Accurate Deep
 * Network Learning by Exponential Linear Units" (2015); PyTorch {@code ELU}.
 *
 * @param alpha the magnitude of the negative saturation value; must be finite
 */
public record Elu(float alpha) implements Parametrised {

    /** The usual alpha, 1. */
    public static final float DEFAULT_ALPHA = 1f;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "elu",
            Param.of("alpha", DEFAULT_ALPHA));

    public Elu {
        SCHEMA.check(alpha);
    }

    /** With alpha 1. */
    public Elu() {
        this(DEFAULT_ALPHA);
    }

    @Override
    public float apply(float x) {
        // expm1 keeps the digits of e^x - 1 near 0; expm1(-inf) = -1 gives the limit -alpha.
        return x > 0 || x != x ? x : (float) (alpha * Math.expm1(x));
    }

    @Override
    public float derivative(float x) {
        if (x != x) {
            return x;
        }
        return x > 0 ? 1 : (float) (alpha * Math.exp(x));
    }

    @Override
    public Traits traits() {
        return new Traits("x if x > 0, else alpha*(exp(x)-1)", "1 if x > 0, else alpha*exp(x) (alpha at x = 0)",
                "(-alpha, inf)", true, true, true, Traits.Cost.TRANSCENDENTAL, "Clevert et al. 2015; torch.nn.ELU");
    }
}
