package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Parametric ReLU: a leaky ReLU whose slope is learned.
 * <pre>
 * f(x) = x          if x > 0
 *        slope x    if x &lt;= 0
 * f'(x) = 1 if x > 0, else slope
 * df/dslope = 0 if x > 0, else x</pre>
 * At the kink f'(0) = slope. Range (-inf, inf); not zero-centred; does not saturate or die.
 * Default initial slope 0.25 (spec {@code prelu(init=0.25)}, {@code prelu(slope=0.25)} or
 * {@code prelu(0.25)}). Reference: He et al., "Delving Deep into Rectifiers" (2015); PyTorch
 * {@code PReLU}.
 *
 * @param slope the current (learnable) gradient for x &lt;= 0; must be finite
 */
public record PRelu(float slope) implements Parametrised {

    /** PyTorch's default initial slope. */
    public static final float DEFAULT_SLOPE = 0.25f;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "prelu",
            Param.of("slope", DEFAULT_SLOPE).alias("init"));

    public PRelu {
        SCHEMA.check(slope);
    }

    /** With the default initial slope 0.25. */
    public PRelu() {
        this(DEFAULT_SLOPE);
    }

    @Override
    public float apply(float x) {
        return Leaky.value(x, slope);
    }

    @Override
    public float derivative(float x) {
        return Leaky.slope(x, slope);
    }

    @Override
    public Traits traits() {
        return Leaky.traits(slope, "He et al. 2015; torch.nn.PReLU");
    }

    /** {slope}. */
    @Override
    public float[] parameters() {
        return new float[] {slope};
    }

    /** out[0] = df/dslope = 0 for x > 0, else x (NaN for NaN). */
    @Override
    public void parameterDerivatives(float x, float[] out) {
        out[0] = x > 0 ? 0 : x;
    }

    /** A PRelu with slope {@code values[0]}. */
    @Override
    public PRelu withParameters(float[] values) {
        if (values.length != 1) {
            throw new IllegalArgumentException(id() + " has 1 learnable parameter (slope), got " + values.length);
        }
        return new PRelu(values[0]);
    }
}
