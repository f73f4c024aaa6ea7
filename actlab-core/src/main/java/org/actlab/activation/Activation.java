package org.actlab.activation;

import org.actlab.spec.Specified;

/**
 * An element-wise activation function f and its exact derivative f'.
 *
 * <p>Every implementation is an immutable value (a record or an enum constant) whose
 * {@link #spec()} parses back to an equal value through {@link Activations#parse(String)}.
 * Parameters are validated when the value is made, with a message that names the bad value.
 *
 * <h2>Accuracy contract</h2>
 * For every float input x, {@link #apply(float)} and {@link #derivative(float)} return the
 * correctly rounded float32 value of f(x) and f'(x), or a neighbour within 1 ULP of it; piecewise
 * linear functions are exact. NaN gives NaN, ±Inf gives the limit, and no intermediate step
 * overflows, underflows or cancels where the true result is representable.
 *
 * <h2>Kinks</h2>
 * Where f is not differentiable, {@link #derivative(float)} returns one documented one-sided
 * value (PyTorch's choice unless stated), pinned by tests.
 *
 * <h2>Learnable parameters</h2>
 * An activation with learnable parameters (prelu) exposes their current values through
 * {@link #parameters()}, their partial derivatives through {@link #parameterDerivatives(float, float[])},
 * and makes updated copies through {@link #withParameters(float[])}; the engine owns the values
 * and the optimiser state.
 */
public interface Activation extends Specified {

    /**
     * The canonical registry name, for example {@code "leaky_relu"}. (Not {@code name()}, which
     * the enum of parameterless functions inherits from {@link Enum}.)
     */
    String id();

    /**
     * The canonical spec, for example {@code "leaky_relu(slope=0.01)"}; parameters are printed so
     * that they parse back to the same float bits. Without parameters it is the {@link #id()}.
     */
    @Override
    default String spec() {
        return id();
    }

    /** f(x), within 1 ULP of the correctly rounded float32 result. */
    float apply(float x);

    /** f'(x) = df/dx, within 1 ULP of the correctly rounded float32 result. */
    float derivative(float x);

    /** What the function is like: formula, range, centring, saturation, cost. */
    Traits traits();

    /** The current values of the learnable parameters; empty for most activations. */
    default float[] parameters() {
        return new float[0];
    }

    /**
     * Writes df/dθ_i at x into {@code out[i]} for each learnable parameter θ_i.
     * Does nothing for activations without learnable parameters.
     */
    default void parameterDerivatives(float x, float[] out) {
    }

    /** A copy of this activation with its learnable parameters set to {@code values}. */
    default Activation withParameters(float[] values) {
        if (values.length != 0) {
            throw new IllegalArgumentException(id() + " has no learnable parameters, got " + values.length);
        }
        return this;
    }

    /**
     * True when training draws random values inside the function (rrelu); {@link #apply(float)}
     * is then the deterministic inference form.
     */
    default boolean isStochastic() {
        return false;
    }
}
