package org.actlab.activation;

import java.util.random.RandomGenerator;
import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Randomised leaky ReLU: in training each element draws its slope uniformly from [lower, upper];
 * at inference ({@link #apply}) the slope is their mean.
 * <pre>
 * f(x) = x        if x > 0
 *        s x      if x &lt;= 0,   s = (lower + upper)/2 rounded to float
 * f'(x) = 1 if x > 0, else s</pre>
 * At the kink f'(0) = s. Range (-inf, inf); not zero-centred; does not saturate or die.
 * Defaults lower = 1/8, upper = 1/3. Reference: Xu et al., "Empirical Evaluation of Rectified
 * Activations in Convolutional Network" (2015); PyTorch {@code RReLU}.
 *
 * @param lower the smallest slope; finite, &lt;= upper
 * @param upper the largest slope; finite
 */
public record RRelu(float lower, float upper) implements Parametrised {

    /** PyTorch's default lower bound, 1/8. */
    public static final float DEFAULT_LOWER = 1f / 8;
    /** PyTorch's default upper bound, 1/3. */
    public static final float DEFAULT_UPPER = 1f / 3;
    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "rrelu",
            Param.of("lower", DEFAULT_LOWER),
            Param.of("upper", DEFAULT_UPPER));

    public RRelu {
        SCHEMA.check(lower, upper);
        if (lower > upper) {
            throw SCHEMA.error("lower must be <= upper, got lower=" + SCHEMA.show(lower)
                    + ", upper=" + SCHEMA.show(upper));
        }
    }

    /** With the defaults 1/8 and 1/3. */
    public RRelu() {
        this(DEFAULT_LOWER, DEFAULT_UPPER);
    }

    /** The inference slope s = (lower + upper)/2, rounded to float. */
    public float inferenceSlope() {
        return (float) (((double) lower + upper) / 2);
    }

    /** A training-time slope drawn uniformly from [lower, upper]. */
    public float drawSlope(RandomGenerator rng) {
        return (float) (lower + ((double) upper - lower) * rng.nextDouble());
    }

    @Override
    public float apply(float x) {
        return Leaky.value(x, inferenceSlope());
    }

    @Override
    public float derivative(float x) {
        return Leaky.slope(x, inferenceSlope());
    }

    @Override
    public Traits traits() {
        return new Traits("x if x > 0, else s*x; s ~ U[lower, upper] in training, (lower+upper)/2 at inference",
                "1 if x > 0, else s (s at x = 0)", "(-inf, inf)", false, upper == 0 && lower == 0, lower >= 0,
                Traits.Cost.CHEAP,
                "Xu et al. 2015; torch.nn.RReLU");
    }

    @Override
    public boolean isStochastic() {
        return true;
    }
}
