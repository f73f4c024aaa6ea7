package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Leaky rectified linear unit.
 * <pre>
 * f(x) = x          if x > 0
 *        slope x    if x &lt;= 0
 * f'(x) = 1 if x > 0, else slope</pre>
 * At the kink f'(0) = slope (PyTorch). Range (-inf, inf) for slope > 0; not zero-centred; does not
 * saturate and does not die: the gradient for x &lt; 0 is slope, not 0. Default slope 0.01.
 * Reference: Maas, Hannun and Ng, "Rectifier Nonlinearities Improve Neural Network Acoustic
 * Models" (2013); PyTorch {@code LeakyReLU}.
 *
 * @param slope the gradient for x &lt;= 0; must be finite
 */
public record LeakyRelu(float slope) implements Parametrised {

    /** PyTorch's default negative slope. */
    public static final float DEFAULT_SLOPE = 0.01f;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "leaky_relu",
            Param.of("slope", DEFAULT_SLOPE));

    public LeakyRelu {
        SCHEMA.check(slope);
    }

    /** With the default slope 0.01. */
    public LeakyRelu() {
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
        return Leaky.traits(slope, "Maas, Hannun, Ng 2013; torch.nn.LeakyReLU");
    }
}
