package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Squareplus, an algebraic smooth ReLU.
 * <pre>
 * f(x) = (x + sqrt(x² + b))/2        f'(x) = (1 + x/sqrt(x² + b))/2</pre>
 * For x &lt; 0 both are evaluated as b/(2(s - x)) and b/(2s(s - x)) with s = sqrt(x² + b), which
 * is what they equal, so that the tail does not cancel. Range (0, inf); not zero-centred;
 * saturates for x to -inf. Default b 4. Reference: Barron, "Squareplus: A Softplus-Like Algebraic
 * Rectifier" (2021); JAX {@code squareplus}.
 *
 * @param b the smoothing; must be > 0 and finite
 */
public record Squareplus(float b) implements Parametrised {

    /** The paper's default b, 4. */
    public static final float DEFAULT_B = 4f;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "squareplus",
            Param.of("b", DEFAULT_B).positive());

    public Squareplus {
        SCHEMA.check(b);
    }

    /** With b 4. */
    public Squareplus() {
        this(DEFAULT_B);
    }

    @Override
    public float apply(float x) {
        if (x != x) {
            return x;
        }
        double s = Math.sqrt((double) x * x + b);
        return (float) (x >= 0 ? (x + s) / 2 : b / (2 * (s - x)));
    }

    @Override
    public float derivative(float x) {
        if (x != x) {
            return x;
        }
        if (x == Float.POSITIVE_INFINITY) {
            return 1;
        }
        double s = Math.sqrt((double) x * x + b);
        return (float) (x >= 0 ? (1 + x / s) / 2 : b / (2 * s * (s - x)));
    }

    @Override
    public Traits traits() {
        return new Traits("(x + sqrt(x^2 + b))/2", "(1 + x/sqrt(x^2 + b))/2", "(0, inf)", false, true, true,
                Traits.Cost.ARITHMETIC, "Barron 2021; jax.nn.squareplus");
    }
}
