package org.actlab.nn;

/** Nesterov momentum in PyTorch's form: v ← μ·v + g; w ← w − η·(g + μ·v). */
public final class Nesterov extends VelocityOptimizer {

    /** @param mu the momentum μ, in [0, 1) */
    public Nesterov(double mu) {
        super("nesterov", mu);
    }

    @Override
    protected SlotOptimizer fresh() {
        return new Nesterov(mu);
    }

    @Override
    double direction(double g, double v) {
        return g + mu * v;
    }
}
