package org.actlab.kernel;

/** Holds the two matrix-multiply kernels; the Vector API one is loaded reflectively, as in {@link Kernels}. */
final class GemmChoice {

    static final Gemm SCALAR = new ScalarGemm(1);
    static final Gemm VECTOR = loadVector();

    private GemmChoice() {
    }

    private static Gemm loadVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return (Gemm) Class.forName("org.actlab.kernel.VectorGemm").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
