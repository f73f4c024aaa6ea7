package org.actlab.nn;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * What momentum and Nesterov share: the momentum μ in [0, 1), one velocity array per slot, and the
 * spec {@code name(mu=μ)}. They differ only in the step, v ← μ·v + g followed by w ← w − η·v or
 * w ← w − η·(g + μ·v).
 */
abstract class VelocityOptimizer extends SlotOptimizer {

    /** μ, default 0.9, in [0, 1). */
    static final Param MU = Param.of("mu", 0.9).atLeast(0).below(1);

    final double mu;

    VelocityOptimizer(Schema schema, double mu) {
        super(1, schema, mu);
        this.mu = mu;
    }

    /** The momentum μ. */
    public final double mu() {
        return mu;
    }

    /** The step direction d in w ← w − η·d, from the gradient g and the updated velocity v. */
    abstract double direction(double g, double v);

    @Override
    protected final void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        float[] velocity = state[0];
        for (int i = 0; i < w.length; i++) {
            double v = mu * velocity[i] + g[i];
            velocity[i] = (float) v;
            w[i] = (float) (w[i] - lr * direction(g[i], v));
        }
    }
}
