package org.actlab.nn;

import org.actlab.spec.Schema;

/**
 * Adam (Kingma &amp; Ba 2015): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 * w ← w − η·m̂/(√v̂ + ε) with m̂ = m/(1−β1^t), v̂ = v/(1−β2^t).
 */
public final class Adam extends SlotOptimizer {

    /** {@code adam(beta1=0.9, beta2=0.999, eps=1e-8)}. */
    public static final Schema SCHEMA = Schema.of(KIND, "adam", BETA1, BETA2, EPS);

    private final Moments moments;

    /**
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in (0, 1)
     * @param eps   ε, &gt; 0
     */
    public Adam(double beta1, double beta2, double eps) {
        super(2, SCHEMA, beta1, beta2, eps);
        this.moments = new Moments(beta1, beta2, eps);
    }

    @Override
    protected void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        moments.update(w, g, state, t, lr, 0);
    }

    /**
     * The Adam step, shared with {@link AdamW}; hyperparameters checked by the owner's schema.
     *
     * @param beta1 decay of the first moment
     * @param beta2 decay of the second moment
     * @param eps   ε
     */
    record Moments(double beta1, double beta2, double eps) {

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
}
