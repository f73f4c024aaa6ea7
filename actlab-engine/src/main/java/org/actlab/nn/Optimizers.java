package org.actlab.nn;

import java.util.List;

/**
 * The registry of optimisers: parses a spec into one of the classes behind {@link Optimizer}
 * ({@link Sgd}, {@link Momentum}, {@link Nesterov}, {@link Adagrad}, {@link RmsProp}, {@link Adam},
 * {@link AdamW}), each of which validates its own hyperparameters. With g the gradient, η the learning rate and t the step (from 1),
 * each slot is updated element-wise (arithmetic in double, state stored as float):
 * <ul>
 * <li>{@code sgd}: w ← w − η·g</li>
 * <li>{@code momentum(mu=0.9)}: v ← μ·v + g; w ← w − η·v (PyTorch's form)</li>
 * <li>{@code nesterov(mu=0.9)}: v ← μ·v + g; w ← w − η·(g + μ·v) (PyTorch's form)</li>
 * <li>{@code adagrad(eps=1e-10)}: G ← G + g²; w ← w − η·g/(√G + ε)</li>
 * <li>{@code rmsprop(rho=0.9, eps=1e-8)}: s ← ρ·s + (1−ρ)·g²; w ← w − η·g/(√s + ε)</li>
 * <li>{@code adam(beta1=0.9, beta2=0.999, eps=1e-8)}: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 *     w ← w − η·m̂/(√v̂ + ε) with m̂ = m/(1−β1^t), v̂ = v/(1−β2^t) (Kingma &amp; Ba 2015)</li>
 * <li>{@code adamw(weight_decay=0.01, beta1=0.9, beta2=0.999, eps=1e-8)}: first w ← w − η·λ·w on
 *     decayed slots (decoupled decay, Loshchilov &amp; Hutter 2019), then the Adam step</li>
 * </ul>
 */
public final class Optimizers {

    private static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");

    private Optimizers() {
    }

    /** The registered names. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Parses an optimiser spec such as {@code "sgd"}, {@code "momentum(0.9)"} or {@code "adam(beta1=0.8)"}.
     *
     * @throws IllegalArgumentException naming the unknown name or the bad parameter
     */
    public static Optimizer parse(String spec) {
        Specs.Parsed parsed = Specs.parse("optimiser", spec);
        switch (parsed.name()) {
            case "sgd":
                Specs.bind(parsed, new String[0], new double[0]);
                return new Sgd();
            case "momentum":
                return new Momentum(Specs.bind(parsed, new String[] {"mu"}, new double[] {0.9})[0]);
            case "nesterov":
                return new Nesterov(Specs.bind(parsed, new String[] {"mu"}, new double[] {0.9})[0]);
            case "adagrad":
                return new Adagrad(Specs.bind(parsed, new String[] {"eps"}, new double[] {1e-10})[0]);
            case "rmsprop": {
                double[] p = Specs.bind(parsed, new String[] {"rho", "eps"}, new double[] {0.9, 1e-8});
                return new RmsProp(p[0], p[1]);
            }
            case "adam": {
                double[] p = Specs.bind(parsed, new String[] {"beta1", "beta2", "eps"}, new double[] {0.9, 0.999, 1e-8});
                return new Adam(p[0], p[1], p[2]);
            }
            case "adamw": {
                double[] p = Specs.bind(parsed, new String[] {"weight_decay", "beta1", "beta2", "eps"},
                        new double[] {0.01, 0.9, 0.999, 1e-8});
                return new AdamW(p[0], p[1], p[2], p[3]);
            }
            default:
                throw new IllegalArgumentException(Specs.unknown("optimiser", parsed.name(), NAMES));
        }
    }
}
