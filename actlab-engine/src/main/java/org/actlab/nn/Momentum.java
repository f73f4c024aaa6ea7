package org.actlab.nn;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Momentum in PyTorch's form, heavy-ball or Nesterov (as Tribuo's {@code SGD} with its
 * {@code Momentum} choice): v ← μ·v + g, then w ← w − η·v (heavy ball, {@code momentum}) or
 * w ← w − η·(g + μ·v) ({@code nesterov}). One velocity array per slot.
 */
public final class Momentum extends SlotOptimizer {

    /** μ, default 0.9, in [0, 1). */
    private static final Param MU = Param.of("mu", 0.9).atLeast(0).below(1);
    /** {@code momentum(mu=0.9)}. */
    public static final Schema SCHEMA = Schema.of(KIND, "momentum", MU);
    /** {@code nesterov(mu=0.9)}. */
    public static final Schema NESTEROV = Schema.of(KIND, "nesterov", MU);

    private final boolean nesterov;

    /**
     * @param mu       the momentum μ, in [0, 1)
     * @param nesterov whether the step looks ahead along the velocity (w ← w − η·(g + μ·v))
     */
    public Momentum(double mu, boolean nesterov) {
        super(1, nesterov ? NESTEROV : SCHEMA, mu);
        this.nesterov = nesterov;
    }

    @Override
    protected void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        double mu = hyperparameter(0);
        float[] velocity = state[0];
        for (int i = 0; i < w.length; i++) {
            double v = mu * velocity[i] + g[i];
            velocity[i] = (float) v;
            w[i] = (float) (w[i] - lr * (nesterov ? g[i] + mu * v : v));
        }
    }
}
