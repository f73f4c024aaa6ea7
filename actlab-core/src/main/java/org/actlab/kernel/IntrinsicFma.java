package org.actlab.kernel;

/**
 * The JVM's {@link Math#fma(float, float, float)}, one instruction where the JIT intrinsifies it.
 * Loaded by name through {@link JvmProvider}, so that the browser build, whose class library has no
 * float FMA, never reaches it.
 */
final class IntrinsicFma implements FloatFma.Route {

    @Override
    public float fma(float a, float b, float c) {
        return Math.fma(a, b, c);
    }
}
