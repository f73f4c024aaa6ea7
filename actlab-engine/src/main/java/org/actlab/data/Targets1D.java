package org.actlab.data;

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

    static DoubleUnaryOperator target(String name) {
        switch (name) {
            case "sin":
                return Math::sin;
            case "abs":
                return Math::abs;
            case "step":
                return x -> x < 0 ? 0 : 1;
            case "poly":
                return x -> (x * x * x - 6 * x) / 6;
            default:
                throw new IllegalArgumentException("no 1-D target named '" + name + "'");
        }
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
