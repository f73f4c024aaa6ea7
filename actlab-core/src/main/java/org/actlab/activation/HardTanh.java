package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Hard tanh: the identity clipped to [min, max].
 * <pre>
 * f(x) = min   if x &lt; min
 *        x     if min &lt;= x &lt;= max
 *        max   if x > max
 * f'(x) = 1 if min &lt; x &lt; max, else 0</pre>
 * f' is 0 at both corners (PyTorch). Range [min, max]; zero-centred for the default [-1, 1];
 * saturates on both sides. Reference: Collobert, "Large Scale Machine Learning" (2004); PyTorch
 * {@code Hardtanh}.
 *
 * @param min the lower clip; finite, &lt; max
 * @param max the upper clip; finite
 */
public record HardTanh(float min, float max) implements Parametrised {

    /** The usual lower end, -1. */
    public static final float DEFAULT_MIN = -1f;
    /** The usual upper end, 1. */
    public static final float DEFAULT_MAX = 1f;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "hard_tanh",
            Param.of("min", DEFAULT_MIN),
            Param.of("max", DEFAULT_MAX));

    public HardTanh {
        SCHEMA.check(min, max);
        if (!(min < max)) {
            throw SCHEMA.error("min must be < max, got min=" + SCHEMA.show(min)
                    + ", max=" + SCHEMA.show(max));
        }
    }

    /** Clipped to [-1, 1]. */
    public HardTanh() {
        this(DEFAULT_MIN, DEFAULT_MAX);
    }

    @Override
    public float apply(float x) {
        if (x < min) {
            return min;
        }
        return x > max ? max : x;
    }

    @Override
    public float derivative(float x) {
        if (x != x) {
            return x;
        }
        return x > min && x < max ? 1 : 0;
    }

    @Override
    public Traits traits() {
        return new Traits("min(max(x, min), max)", "1 if min < x < max, else 0 (0 at both corners)",
                "[min, max]", min == -max, true, true, Traits.Cost.CHEAP, "Collobert 2004; torch.nn.Hardtanh");
    }
}
