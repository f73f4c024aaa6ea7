package org.actlab.nn;

/** Heavy-ball momentum in PyTorch's form: v ← μ·v + g; w ← w − η·v. */
public final class Momentum extends SlotOptimizer {

    private final double mu;

    /** @param mu the momentum μ, in [0, 1) */
    public Momentum(double mu) {
        super(1);
        this.mu = unitInterval("momentum", "mu", mu, true);
    }

    public double mu() {
        return mu;
    }

    @Override
    public String spec() {
        return "momentum(mu=" + Specs.show(mu) + ")";
    }

    @Override
    protected SlotOptimizer fresh() {
        return new Momentum(mu);
    }

    @Override
    protected void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        float[] velocity = state[0];
        for (int i = 0; i < w.length; i++) {
            double v = mu * velocity[i] + g[i];
            velocity[i] = (float) v;
            w[i] = (float) (w[i] - lr * v);
        }
    }
}
