package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Hard shrinkage (hard thresholding).
 * <pre>
 * f(x) = x  if |x| > lambda, else 0
 * f'(x) = 1 if |x| > lambda, else 0</pre>
 * f' is 0 at ±lambda. Range {0} ∪ (-inf, -lambda) ∪ (lambda, inf); zero-centred; does not
 * saturate (but has a dead zone). Default lambda 0.5. Reference: Donoho and Johnstone (1994);
 * PyTorch {@code Hardshrink}.
 *
 * @param lambda the half-width of the dead zone; must be >= 0 and finite
 */
public record HardShrink(float lambda) implements Parametrised {

    /** PyTorch's default lambda, 0.5. */
    public static final float DEFAULT_LAMBDA = 0.5f;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "hardshrink",
            Param.of("lambda", DEFAULT_LAMBDA).atLeast(0));

    public HardShrink {
        SCHEMA.check(lambda);
    }

    /** With lambda 0.5. */
    public HardShrink() {
        this(DEFAULT_LAMBDA);
    }

    @Override
    public float apply(float x) {
        if (x > lambda || x < -lambda || x != x) {
            return x;
        }
        return 0;
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
        return new Traits("x if |x| > lambda, else 0", "1 if |x| > lambda, else 0 (0 at +-lambda)",
                "{0} u (-inf, -lambda) u (lambda, inf)", true, false, true, Traits.Cost.CHEAP,
                "Donoho, Johnstone 1994; torch.nn.Hardshrink");
    }
}
