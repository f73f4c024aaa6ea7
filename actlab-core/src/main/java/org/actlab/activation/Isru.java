package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Inverse square root unit, a cheap algebraic sigmoid-shaped function.
 * <pre>f(x) = x/sqrt(1 + alpha x²)        f'(x) = (1 + alpha x²)^{-3/2}</pre>
 * Range (-1/sqrt(alpha), 1/sqrt(alpha)); zero-centred; saturates (polynomially) on both sides.
 * Default alpha 1. Reference: Carlile et al., "Improving Deep Learning by Inverse Square Root
 * Linear Units (ISRLUs)" (2017).
 *
 * @param alpha the squeeze; must be > 0 and finite
 */
public record Isru(float alpha) implements Parametrised {

    /** The usual alpha, 1. */
    public static final float DEFAULT_ALPHA = 1f;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "isru",
            Param.of("alpha", DEFAULT_ALPHA).positive());

    public Isru {
        SCHEMA.check(alpha);
    }

    /** With alpha 1. */
    public Isru() {
        this(DEFAULT_ALPHA);
    }

    @Override
    public float apply(float x) {
        if (Float.isInfinite(x)) {
            return (float) Math.copySign(1 / Math.sqrt(alpha), x);
        }
        // alpha x² is at most 3.4e38 * 1.2e77 in double: no overflow for any float x and alpha.
        return (float) (x / Math.sqrt(1 + alpha * ((double) x * x)));
    }

    @Override
    public float derivative(float x) {
        if (x != x) {
            return x;
        }
        if (Float.isInfinite(x)) {
            return 0;
        }
        double s = Math.sqrt(1 + alpha * ((double) x * x));
        return (float) (1 / (s * s * s));
    }

    @Override
    public Traits traits() {
        return new Traits("x/sqrt(1 + alpha*x^2)", "(1 + alpha*x^2)^(-3/2)", "(-1/sqrt(alpha), 1/sqrt(alpha))", true,
                true, true, Traits.Cost.ARITHMETIC, "Carlile et al. 2017 (ISRLU paper)");
    }
}
