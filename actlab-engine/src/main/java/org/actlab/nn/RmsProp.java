package org.actlab.nn;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/** RMSProp (Tieleman &amp; Hinton 2012): s ← ρ·s + (1−ρ)·g²; w ← w − η·g/(√s + ε). */
public final class RmsProp extends SlotOptimizer {

    /** {@code rmsprop(rho=0.9, eps=1e-8)}. */
    public static final Schema SCHEMA = Schema.of(KIND, "rmsprop", Param.of("rho", 0.9).atLeast(0).below(1), EPS);

    private final double rho;
    private final double eps;

    /**
     * @param rho the decay ρ of the mean square, in [0, 1)
     * @param eps ε, &gt; 0
     */
    public RmsProp(double rho, double eps) {
        super(1, SCHEMA, rho, eps);
        this.rho = rho;
        this.eps = eps;
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
