package org.actlab.nn;

import org.actlab.spec.Registry;

/**
 * The registry of optimisers: parses a spec into one of the classes behind {@link Optimizer}
 * ({@link Sgd}, {@link Momentum} (heavy-ball and Nesterov), {@link Adagrad}, {@link RmsProp}, {@link Adam},
 * {@link AdamW}), each of which declares its hyperparameters' schema. With g the gradient, η the learning rate and t the step (from 1),
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

    private static final Registry<Optimizer> REGISTRY = new Registry<Optimizer>(SlotOptimizer.KIND)
            .register(Sgd.SCHEMA, v -> new Sgd())
            .register(Momentum.SCHEMA, v -> new Momentum(v.get(0), false))
            .register(Momentum.NESTEROV, v -> new Momentum(v.get(0), true))
            .register(Adagrad.SCHEMA, v -> new Adagrad(v.get(0)))
            .register(RmsProp.SCHEMA, v -> new RmsProp(v.get(0), v.get(1)))
            .register(Adam.SCHEMA, v -> new Adam(v.get(0), v.get(1), v.get(2)))
            .register(AdamW.SCHEMA, v -> new AdamW(v.get(0), v.get(1), v.get(2), v.get(3)));

    private Optimizers() {
    }

    /** The registry: names, schemas and aliases, as for every kind of spec. */
    public static Registry<Optimizer> registry() {
        return REGISTRY;
    }

    /**
     * Parses an optimiser spec such as {@code "sgd"}, {@code "momentum(0.9)"} or {@code "adam(beta1=0.8)"}.
     *
     * @throws IllegalArgumentException naming the unknown name or the bad parameter
     */
    public static Optimizer parse(String spec) {
        return REGISTRY.parse(spec);
    }
}
