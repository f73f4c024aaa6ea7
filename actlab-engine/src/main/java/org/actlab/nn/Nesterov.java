package org.actlab.nn;

/** Nesterov momentum in PyTorch's form: v ← μ·v + g; w ← w − η·(g + μ·v). */
public final class Nesterov extends SlotOptimizer {

    private final double mu;

    /** @param mu the momentum μ, in [0, 1) */
    public Nesterov(double mu) {
        super(1);
        this.mu = unitInterval("nesterov", "mu", mu, true);
    }

    public double mu() {
        return mu;
    }

    @Override
    public String spec() {
        return "nesterov(mu=" + Specs.show(mu) + ")";
    }

    @Override
    protected SlotOptimizer fresh() {
        return new Nesterov(mu);
    }

    @Override
    protected void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        float[] velocity = state[0];
        for (int i = 0; i < w.length; i++) {
            double v = mu * velocity[i] + g[i];
            velocity[i] = (float) v;
            w[i] = (float) (w[i] - lr * (g[i] + mu * v));
        }
    }
}
