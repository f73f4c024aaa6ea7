package org.actlab.nn;

/** RMSProp (Tieleman &amp; Hinton 2012): s ← ρ·s + (1−ρ)·g²; w ← w − η·g/(√s + ε). */
public final class RmsProp extends SlotOptimizer {

    private final double rho;
    private final double eps;

    /**
     * @param rho the decay ρ of the mean square, in [0, 1)
     * @param eps ε, &gt; 0
     */
    public RmsProp(double rho, double eps) {
        super(1);
        this.rho = unitInterval("rmsprop", "rho", rho, true);
        this.eps = positive("rmsprop", "eps", eps);
    }

    public double rho() {
        return rho;
    }

    public double eps() {
        return eps;
    }

    @Override
    public String spec() {
        return "rmsprop(rho=" + Specs.show(rho) + ",eps=" + Specs.show(eps) + ")";
    }

    @Override
    protected SlotOptimizer fresh() {
        return new RmsProp(rho, eps);
    }

    @Override
    protected void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        float[] meanSquare = state[0];
        for (int i = 0; i < w.length; i++) {
            double s = rho * meanSquare[i] + (1 - rho) * g[i] * g[i];
            meanSquare[i] = (float) s;
            w[i] = (float) (w[i] - lr * g[i] / (Math.sqrt(s) + eps));
        }
    }
}
