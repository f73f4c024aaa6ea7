package org.actlab.nn;

/** Heavy-ball momentum in PyTorch's form: v ← μ·v + g; w ← w − η·v. */
public final class Momentum extends VelocityOptimizer {

    /** @param mu the momentum μ, in [0, 1) */
    public Momentum(double mu) {
        super("momentum", mu);
    }

    @Override
    protected SlotOptimizer fresh() {
        return new Momentum(mu);
    }

    @Override
    double direction(double g, double v) {
        return v;
    }
}
