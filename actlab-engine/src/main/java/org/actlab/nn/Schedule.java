package org.actlab.nn;

import java.util.List;

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
public interface Schedule {

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
        Specs.Parsed parsed = Specs.parse("schedule", spec);
        switch (parsed.name()) {
            case "constant": {
                Specs.bind(parsed, new String[0], new double[0]);
                return new Of("constant", (base, epoch, step, total) -> base);
            }
            case "step": {
                double[] p = Specs.bind(parsed, new String[] {"every", "gamma"}, new double[] {Double.NaN, 0.5});
                if (!(p[0] >= 1) || p[0] != Math.rint(p[0])) {
                    throw new IllegalArgumentException("schedule 'step': every must be a whole number of epochs >= 1, got " + Specs.show(p[0]));
                }
                if (!(p[1] > 0)) {
                    throw new IllegalArgumentException("schedule 'step': gamma must be > 0, got " + Specs.show(p[1]));
                }
                int every = (int) p[0];
                double gamma = p[1];
                return new Of("step(every=" + every + ",gamma=" + Specs.show(gamma) + ")",
                        (base, epoch, step, total) -> base * Math.pow(gamma, Math.floorDiv(epoch, every)));
            }
            case "cosine": {
                double min = Specs.bind(parsed, new String[] {"min"}, new double[] {0})[0];
                if (!(min >= 0 && min <= 1)) {
                    throw new IllegalArgumentException("schedule 'cosine': min is a fraction of the base rate in [0, 1], got " + Specs.show(min));
                }
                return new Of("cosine(min=" + Specs.show(min) + ")", (base, epoch, step, total) -> {
                    double progress = Math.min(1, (double) step / Math.max(1, total));
                    return base * (min + (1 - min) * 0.5 * (1 + Math.cos(Math.PI * progress)));
                });
            }
            default:
                throw new IllegalArgumentException(Specs.unknown("schedule", parsed.name(), List.of("constant", "step", "cosine")));
        }
    }

    /** A named rate function. */
    record Of(String spec, Rate function) implements Schedule {
        @Override
        public double rate(double base, int epoch, long globalStep, long totalSteps) {
            return function.rate(base, epoch, globalStep, totalSteps);
        }

        @Override
        public String toString() {
            return spec;
        }
    }

    /** The rate as a function of the base rate and the position in training. */
    @FunctionalInterface
    interface Rate {
        double rate(double base, int epoch, long globalStep, long totalSteps);
    }
}
