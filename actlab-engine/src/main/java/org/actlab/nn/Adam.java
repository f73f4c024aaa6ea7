package org.actlab.nn;

/**
 * Adam (Kingma &amp; Ba 2015): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 * w ← w − η·m̂/(√v̂ + ε) with m̂ = m/(1−β1^t), v̂ = v/(1−β2^t).
 */
public final class Adam extends SlotOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;

    /**
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in (0, 1)
     * @param eps   ε, &gt; 0
     */
    public Adam(double beta1, double beta2, double eps) {
        this("adam", beta1, beta2, eps);
    }

    Adam(String name, double beta1, double beta2, double eps) {
        super(2);
        this.beta1 = unitInterval(name, "beta1", beta1, true);
        this.beta2 = unitInterval(name, "beta2", beta2, false);
        this.eps = positive(name, "eps", eps);
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    @Override
    public String spec() {
        return "adam(" + moments() + ")";
    }

    /** The hyperparameters Adam and AdamW share, as spec arguments. */
    String moments() {
        return "beta1=" + Specs.show(beta1) + ",beta2=" + Specs.show(beta2) + ",eps=" + Specs.show(eps);
    }

    @Override
    protected SlotOptimizer fresh() {
        return new Adam(beta1, beta2, eps);
    }

    @Override
    protected void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        update(w, g, state, t, lr, 0);
    }

    /** The Adam step; with {@code decay} &gt; 0, first w ← w − η·decay·w (decoupled weight decay). */
    void update(float[] w, float[] g, float[][] state, long t, double lr, double decay) {
        float[] first = state[0];
        float[] second = state[1];
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        boolean decays = decay > 0;
        for (int i = 0; i < w.length; i++) {
            double wi = decays ? w[i] - lr * decay * w[i] : w[i];
            double m = beta1 * first[i] + (1 - beta1) * g[i];
            double v = beta2 * second[i] + (1 - beta2) * g[i] * g[i];
            first[i] = (float) m;
            second[i] = (float) v;
            w[i] = (float) (wi - lr * (m / correction1) / (Math.sqrt(v / correction2) + eps));
        }
    }
}
