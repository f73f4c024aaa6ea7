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

    private final double mu;
    private final boolean nesterov;

    /**
     * @param mu       the momentum μ, in [0, 1)
     * @param nesterov whether the step looks ahead along the velocity (w ← w − η·(g + μ·v))
     */
    public Momentum(double mu, boolean nesterov) {
        super(1, nesterov ? NESTEROV : SCHEMA, mu);
        this.mu = mu;
        this.nesterov = nesterov;
    }

    @Override
    protected void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        float[] velocity = state[0];
        // One loop per form, so that the choice is not made per element.
        if (nesterov) {
            for (int i = 0; i < w.length; i++) {
                double v = mu * velocity[i] + g[i];
                velocity[i] = (float) v;
                w[i] = (float) (w[i] - lr * (g[i] + mu * v));
            }
        } else {
            for (int i = 0; i < w.length; i++) {
                double v = mu * velocity[i] + g[i];
                velocity[i] = (float) v;
                w[i] = (float) (w[i] - lr * v);
            }
        }
    }
}
