package org.actlab.activation;

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
public record HardTanh(float min, float max) implements Activation {

    /** The registry name. */
    public static final String ID = "hard_tanh";

    public HardTanh {
        Params.finite(ID, "min", min);
        Params.finite(ID, "max", max);
        if (!(min < max)) {
            throw new IllegalArgumentException(ID + " min must be < max, got min=" + Params.show(min)
                    + ", max=" + Params.show(max));
        }
    }

    /** Clipped to [-1, 1]. */
    public HardTanh() {
        this(-1f, 1f);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String spec() {
        return Params.spec(ID, new String[] {"min", "max"}, min, max);
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
