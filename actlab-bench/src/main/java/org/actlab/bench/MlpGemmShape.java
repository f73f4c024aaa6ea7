package org.actlab.bench;

/**
 * The matrix multiplies of one training step of a 784-256-256-10 MLP at batch B = 128, with
 * weights stored units × inputs as the engine stores them: forward Z = X·Wᵀ (B × units × inputs),
 * weight gradient dW = dZᵀ·X (units × inputs × B), input gradient dX = dZ·W (B × inputs × units;
 * not needed for the first layer).
 */
enum MlpGemmShape {
    L1_FORWARD(128, 256, 784, false, true),
    L1_WEIGHT_GRAD(256, 784, 128, true, false),
    L2_FORWARD(128, 256, 256, false, true),
    L2_WEIGHT_GRAD(256, 256, 128, true, false),
    L2_INPUT_GRAD(128, 256, 256, false, false),
    L3_FORWARD(128, 10, 256, false, true),
    L3_WEIGHT_GRAD(10, 256, 128, true, false),
    L3_INPUT_GRAD(128, 256, 10, false, false);

    final int m;
    final int n;
    final int k;
    final boolean transA;
    final boolean transB;

    MlpGemmShape(int m, int n, int k, boolean transA, boolean transB) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.transA = transA;
        this.transB = transB;
    }

    /** 2·m·n·k: one multiply and one add per term. */
    long flops() {
        return 2L * m * n * k;
    }
}
