package org.actlab.nn;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/** AdaGrad (Duchi et al. 2011): G ← G + g²; w ← w − η·g/(√G + ε). */
public final class Adagrad extends SlotOptimizer {

    /** {@code adagrad(eps=1e-10)}. */
    public static final Schema SCHEMA = Schema.of(KIND, "adagrad", Param.of("eps", 1e-10).positive());

    private final double eps;

    /** @param eps ε, &gt; 0 */
    public Adagrad(double eps) {
        super(1, SCHEMA, eps);
        this.eps = eps;
    }

    @Override
    protected void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        float[] squares = state[0];
        for (int i = 0; i < w.length; i++) {
            double sum = squares[i] + (double) g[i] * g[i];
            squares[i] = (float) sum;
            w[i] = (float) (w[i] - lr * g[i] / (Math.sqrt(sum) + eps));
        }
    }
}
