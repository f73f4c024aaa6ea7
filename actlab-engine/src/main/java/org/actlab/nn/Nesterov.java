package org.actlab.nn;

import org.actlab.spec.Schema;

/** Nesterov momentum in PyTorch's form: v ← μ·v + g; w ← w − η·(g + μ·v). */
public final class Nesterov extends VelocityOptimizer {

    /** {@code nesterov(mu=0.9)}. */
    public static final Schema SCHEMA = Schema.of(KIND, "nesterov", MU);

    /** @param mu the momentum μ, in [0, 1) */
    public Nesterov(double mu) {
        super(SCHEMA, mu);
    }

    @Override
    double direction(double g, double v) {
        return g + mu * v;
    }
}
