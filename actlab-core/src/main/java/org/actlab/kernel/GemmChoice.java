package org.actlab.kernel;

/** Holds the two matrix-multiply kernels; the Vector API one comes from {@link JvmProvider}, on first use. */
final class GemmChoice {

    static final Gemm SCALAR = new ScalarGemm(1);

    private GemmChoice() {
    }
}
