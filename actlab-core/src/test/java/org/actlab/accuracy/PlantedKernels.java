package org.actlab.accuracy;

import org.actlab.activation.Activation;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;

/**
 * The scalar kernels with a fault planted in their outputs element by element, for tests that an
 * audit finds what it must: each output a (forward) or dZ (backward) is replaced by
 * {@code edit(z, output)}.
 */
final class PlantedKernels implements ActivationKernels {

    /** A planted fault: the output to report for input z and the correct output. */
    @FunctionalInterface
    interface Edit {
        float apply(float z, float output);
    }

    /** No fault. */
    static final Edit NONE = (z, output) -> output;

    private final String name;
    private final Edit value;
    private final Edit slope;

    PlantedKernels(String name, Edit value, Edit slope) {
        this.name = name;
        this.value = value;
        this.slope = slope;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void forward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        Kernels.scalar().forward(f, z, zOff, a, aOff, n);
        for (int i = 0; i < n; i++) {
            a[aOff + i] = value.apply(z[zOff + i], a[aOff + i]);
        }
    }

    @Override
    public void backward(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                         float[] dZ, int dZOff, int n, float[] dParams) {
        Kernels.scalar().backward(f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n, dParams);
        for (int i = 0; i < n; i++) {
            dZ[dZOff + i] = slope.apply(z[zOff + i], dZ[dZOff + i]);
        }
    }
}
