package org.actlab.data;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.actlab.random.PortableRandom;

/**
 * One-dimensional regression targets for the universal-approximation experiment. Each set draws x
 * uniformly from [−π, π] and gives y = g(x) + noise·N(0, 1), where g is
 * <ul>
 *   <li>{@code sin}: g(x) = sin x, one full period;</li>
 *   <li>{@code abs}: g(x) = |x|, one kink at 0;</li>
 *   <li>{@code step}: g(x) = 0 for x &lt; 0, 1 for x ≥ 0, one jump at 0;</li>
 *   <li>{@code poly}: g(x) = (x³ − 6x)/6, a cubic with turning points at ±√2 and g(±π) ≈ ±2.03.</li>
 * </ul>
 */
final class Targets1D {

    /** The interval x is drawn from: [−{@value}, {@value}] with the value π. */
    static final double HALF_WIDTH = Math.PI;

    private Targets1D() {
    }

    /**
     * One target: its name, its formula as the catalogue describes it, and g.
     *
     * @param name    the data set's name
     * @param formula g, for the catalogue
     * @param g       the function
     */
    record Target(String name, String formula, DoubleUnaryOperator g) {
    }

    /** The targets, in catalogue order: each is named and defined here only. */
    static final List<Target> TARGETS = List.of(
            new Target("sin", "sin x", Math::sin),
            new Target("abs", "|x|", Math::abs),
            new Target("step", "step 0 for x<0, 1 for x>=0", x -> x < 0 ? 0 : 1),
            new Target("poly", "(x^3 - 6x)/6", x -> (x * x * x - 6 * x) / 6));

    static DoubleUnaryOperator target(String name) {
        for (Target t : TARGETS) {
            if (t.name().equals(name)) {
                return t.g();
            }
        }
        throw new IllegalArgumentException("no 1-D target named '" + name + "'");
    }

    static Dataset generate(String name, int n, double noise, PortableRandom rng) {
        DoubleUnaryOperator g = target(name);
        Playground.Builder out = new Playground.Builder(name, n, 1, Dataset.Task.REGRESSION);
        for (int i = 0; i < n; i++) {
            double x = Playground.uniform(rng, -HALF_WIDTH, HALF_WIDTH);
            double y = g.applyAsDouble(x);
            if (noise > 0) {
                y += noise * Playground.gaussian(rng);
            }
            out.add(x, y);
        }
        return out.build();
    }
}
