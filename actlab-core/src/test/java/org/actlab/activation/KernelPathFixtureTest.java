package org.actlab.activation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.actlab.accuracy.Ulps;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared check that both kernel paths meet the accuracy contract: the mpmath fixtures run
 * through {@link Kernels#scalar()} and, when the Vector API is present, {@link Kernels#vector()},
 * forward and backward with dA = 1, at an odd offset and length so that loop tails are exercised.
 */
class KernelPathFixtureTest {

    static Stream<Arguments> pathsAndSpecs() {
        List<ActivationKernels> paths = new ArrayList<>();
        paths.add(Kernels.scalar());
        if (Kernels.vector() != null) {
            paths.add(Kernels.vector());
        }
        List<Arguments> all = new ArrayList<>();
        for (ActivationKernels path : paths) {
            for (String spec : Fixtures.specs()) {
                all.add(Arguments.of(path.name(), spec));
            }
        }
        return all.stream();
    }

    private static ActivationKernels path(String name) {
        return Kernels.scalar().name().equals(name) ? Kernels.scalar() : Kernels.vector();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pathsAndSpecs")
    void forwardAndBackwardWithinTolerance(String pathName, String spec) {
        ActivationKernels kernels = path(pathName);
        Activation a = Activations.parse(spec);
        List<Fixtures.Point> points = Fixtures.bySpec().get(spec);
        int offset = 3;
        int n = points.size();
        float[] z = new float[offset + n];
        Arrays.fill(z, Float.NaN);
        for (int i = 0; i < n; i++) {
            z[offset + i] = points.get(i).x();
        }
        float[] out = new float[offset + n + 1];
        kernels.forward(a, z, offset, out, offset, n);
        float[] ones = new float[offset + n];
        Arrays.fill(ones, 1f);
        float[] dZ = new float[offset + n];
        float[] dParams = a.parameters().length == 0 ? null : new float[a.parameters().length];
        kernels.backward(a, z, offset, out, offset, ones, offset, dZ, offset, n, dParams);

        double worstValue = 0;
        double worstSlope = 0;
        float worstValueX = Float.NaN;
        float worstSlopeX = Float.NaN;
        for (int i = 0; i < n; i++) {
            Fixtures.Point p = points.get(i);
            double ev = Ulps.error(out[offset + i], p.value());
            double ed = Ulps.error(dZ[offset + i], p.derivative());
            if (!(ev <= worstValue)) {
                worstValue = ev;
                worstValueX = p.x();
            }
            if (!(ed <= worstSlope)) {
                worstSlope = ed;
                worstSlopeX = p.x();
            }
        }
        assertTrue(worstValue <= Fixtures.valueTolerance(a), pathName + " forward " + spec + ": " + worstValue
                + " ULP at x = " + worstValueX);
        assertTrue(worstSlope <= Fixtures.derivativeTolerance(a), pathName + " backward " + spec + ": " + worstSlope
                + " ULP at x = " + worstSlopeX);
        assertTrue(out[offset - 1] == 0 && out[offset + n] == 0, pathName + " wrote outside its slice");
    }
}
