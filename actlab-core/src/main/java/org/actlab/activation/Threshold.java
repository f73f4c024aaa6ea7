package org.actlab.activation;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Threshold: x above a threshold, a constant below.
 * <pre>
 * f(x) = x      if x > threshold
 *        value  otherwise
 * f'(x) = 1 if x > threshold, else 0</pre>
 * f'(threshold) = 0. Range {value} ∪ (threshold, inf); not zero-centred; not saturating for
 * large x. Both parameters are required, as in PyTorch. Reference: PyTorch {@code Threshold}.
 *
 * @param threshold where the function switches; finite
 * @param value     the output at and below the threshold; finite
 */
public record Threshold(float threshold, float value) implements Parametrised {

    /** The parameters as the spec language declares them. */
    public static final Schema SCHEMA = Schema.ofFloats("activation", "threshold",
            Param.required("threshold"),
            Param.required("value"));

    public Threshold {
        SCHEMA.check(threshold, value);
    }

    @Override
    public float apply(float x) {
        return Step.value(x, threshold, value);
    }

    @Override
    public float derivative(float x) {
        return Step.slope(x, threshold);
    }

    @Override
    public Traits traits() {
        return new Traits("x if x > threshold, else value", "1 if x > threshold, else 0 (0 at the threshold)",
                "{value} u (threshold, inf)", false, true, value <= threshold, Traits.Cost.CHEAP,
                "torch.nn.Threshold");
    }
}
