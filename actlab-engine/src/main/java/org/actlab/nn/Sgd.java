package org.actlab.nn;

import org.actlab.kernel.Kernels;
import org.actlab.spec.Schema;

/** Plain stochastic gradient descent: w ← w − η·g. */
public final class Sgd extends SlotOptimizer {

    /** No hyperparameters. */
    public static final Schema SCHEMA = Schema.of(KIND, "sgd");

    public Sgd() {
        super(0, SCHEMA);
    }

    @Override
    protected void update(int slot, float[] w, float[] g, float[][] state, boolean decayed, long t, double lr) {
        // w[i] = (float) (w[i] - lr * g[i]) in double, on the kernel path (the scalar loop is slow).
        Kernels.updates().sgd(w, g, lr);
    }
}
