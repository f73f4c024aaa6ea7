package org.actlab.nn;

import org.actlab.spec.Param;
import org.actlab.spec.Schema;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019): first w ← w − η·λ·w on the
 * decayed slots (weights, not biases or activation parameters), then the {@link Adam} step.
 */
public final class AdamW extends SlotOptimizer {

    /** {@code adamw(weight_decay=0.01, beta1=0.9, beta2=0.999, eps=1e-8)}. */
    public static final Schema SCHEMA = Schema.of(KIND, "adamw", Param.of("weight_decay", 0.01).atLeast(0),
            BETA1, BETA2, EPS);

    private final double weightDecay;
    private final Adam.Moments moments;

    /**
     * @param weightDecay λ, ≥ 0
     * @param beta1       decay of the first moment, in [0, 1)
     * @param beta2       decay of the second moment, in (0, 1)
     * @param eps         ε, &gt; 0
     */
    public AdamW(double weightDecay, double beta1, double beta2, double eps) {
        super(2, SCHEMA, weightDecay, beta1, beta2, eps);
        this.weightDecay = weightDecay;
        this.moments = new Adam.Moments(beta1, beta2, eps);
    }

    @Override
    protected void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        moments.update(w, g, state, t, lr, decayed ? weightDecay : 0);
    }
}
