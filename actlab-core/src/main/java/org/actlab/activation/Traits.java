package org.actlab.activation;

import java.util.Objects;

/**
 * What an activation is like, as the lecture and the {@code functions} table describe it.
 *
 * @param formula           f(x) in plain text, for example {@code "max(0, x)"}
 * @param derivativeFormula f'(x) in plain text, including the value chosen at each kink
 * @param range             the range of f, for example {@code "[0, inf)"}
 * @param zeroCentred       whether f takes both signs around 0 so that its outputs can average to 0
 * @param saturating        whether f' tends to 0 as |x| grows on at least one side
 * @param monotonic         whether f is non-decreasing
 * @param cost              what evaluating f takes
 * @param reference         where the function was introduced or is defined
 */
public record Traits(String formula, String derivativeFormula, String range, boolean zeroCentred,
                     boolean saturating, boolean monotonic, Cost cost, String reference) {

    /** The cost class of one evaluation. */
    public enum Cost {
        /** Comparisons, selects and at most one multiply: max-based functions. */
        CHEAP,
        /** Multiplies, divides or square roots, but no transcendental function. */
        ARITHMETIC,
        /** At least one exp, log, erf, tanh or sin. */
        TRANSCENDENTAL
    }

    public Traits {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(derivativeFormula, "derivativeFormula");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(reference, "reference");
    }
}
