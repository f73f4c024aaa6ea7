package org.actlab.nn;

import org.actlab.spec.Schema;

/** Heavy-ball momentum in PyTorch's form: v ← μ·v + g; w ← w − η·v. */
public final class Momentum extends VelocityOptimizer {

    /** {@code momentum(mu=0.9)}. */
    public static final Schema SCHEMA = Schema.of(KIND, "momentum", MU);

    /** @param mu the momentum μ, in [0, 1) */
    public Momentum(double mu) {
        super(SCHEMA, mu);
    }

    @Override
    double direction(double g, double v) {
        return v;
    }
}
