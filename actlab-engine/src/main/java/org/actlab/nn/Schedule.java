package org.actlab.nn;

import org.actlab.spec.Named;
import org.actlab.spec.Registry;
import org.actlab.spec.Specified;

/**
 * A learning-rate schedule, parsed from {@code "constant"}, {@code "step(every=50, gamma=0.5)"} or
 * {@code "cosine(min=0)"}. With η₀ the base rate:
 * <ul>
 * <li>constant: η = η₀</li>
 * <li>step(every, gamma): η = η₀·γ^⌊epoch/every⌋</li>
 * <li>cosine(min=0): η = η_min + (η₀ − η_min)·½·(1 + cos(π·s/S)) with η_min = min·η₀, s the global
 *     step and S the total steps of the run (Loshchilov &amp; Hutter's SGDR without restarts)</li>
 * </ul>
 */
public interface Schedule extends Specified {

    /** The canonical spec. */
    String spec();

    /**
     * The rate for one step.
     *
     * @param base       the base rate η₀
     * @param epoch      the epoch, from 0
     * @param globalStep the step since training began, from 0
     * @param totalSteps the steps the whole run will take (at least 1)
     */
    double rate(double base, int epoch, long globalStep, long totalSteps);

    /**
     * Parses a schedule spec.
     *
     * @throws IllegalArgumentException naming the unknown name or the bad parameter
     */
    static Schedule parse(String spec) {
        return Schedules.REGISTRY.parse(spec);
    }

    /** The registry: schemas, names and aliases. */
    static Registry<Schedule> registry() {
        return Schedules.REGISTRY;
    }

    /** A named rate function. */
    final class Of extends Named implements Schedule {
        private final Rate function;

        public Of(String spec, Rate function) {
            super(spec);
            this.function = java.util.Objects.requireNonNull(function, "function");
        }

        @Override
        public double rate(double base, int epoch, long globalStep, long totalSteps) {
            return function.rate(base, epoch, globalStep, totalSteps);
        }
    }

    /** The rate as a function of the base rate and the position in training. */
    @FunctionalInterface
    interface Rate {
        double rate(double base, int epoch, long globalStep, long totalSteps);
    }
}
