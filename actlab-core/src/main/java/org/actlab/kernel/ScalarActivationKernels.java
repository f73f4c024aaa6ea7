package org.actlab.kernel;

import org.actlab.activation.Activation;

/** The scalar twin: one element at a time through {@link Activation#apply} and {@link Activation#derivative}. */
final class ScalarActivationKernels implements ActivationKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void forward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        ActivationKernels.checkSlice("z", z, zOff, n);
        ActivationKernels.checkSlice("a", a, aOff, n);
        for (int i = 0; i < n; i++) {
            a[aOff + i] = f.apply(z[zOff + i]);
        }
    }

    @Override
    public void backward(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                         float[] dZ, int dZOff, int n, float[] dParams) {
        ActivationKernels.checkSlice("z", z, zOff, n);
        ActivationKernels.checkSlice("dA", dA, dAOff, n);
        ActivationKernels.checkSlice("dZ", dZ, dZOff, n);
        for (int i = 0; i < n; i++) {
            dZ[dZOff + i] = dA[dAOff + i] * f.derivative(z[zOff + i]);
        }
        if (dParams != null && dParams.length > 0) {
            float[] partial = new float[dParams.length];
            for (int i = 0; i < n; i++) {
                f.parameterDerivatives(z[zOff + i], partial);
                for (int j = 0; j < partial.length; j++) {
                    dParams[j] += dA[dAOff + i] * partial[j];
                }
            }
        }
    }
}
