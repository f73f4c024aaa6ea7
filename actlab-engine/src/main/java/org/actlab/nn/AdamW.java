package org.actlab.nn;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019): first w ← w − η·λ·w on the
 * decayed slots (weights, not biases or activation parameters), then the {@link Adam} step.
 */
public final class AdamW extends SlotOptimizer {

    private final double weightDecay;
    private final Adam adam;

    /**
     * @param weightDecay λ, ≥ 0
     * @param beta1       decay of the first moment, in [0, 1)
     * @param beta2       decay of the second moment, in (0, 1)
     * @param eps         ε, &gt; 0
     */
    public AdamW(double weightDecay, double beta1, double beta2, double eps) {
        super(2);
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("optimiser 'adamw': weight_decay must be >= 0, got " + Specs.show(weightDecay));
        }
        this.weightDecay = weightDecay;
        this.adam = new Adam("adamw", beta1, beta2, eps);
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public String spec() {
        return "adamw(weight_decay=" + Specs.show(weightDecay) + "," + adam.moments() + ")";
    }

    @Override
    protected SlotOptimizer fresh() {
        return new AdamW(weightDecay, adam.beta1(), adam.beta2(), adam.eps());
    }

    @Override
    protected void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        adam.update(w, g, state, t, lr, decayed ? weightDecay : 0);
    }
}
