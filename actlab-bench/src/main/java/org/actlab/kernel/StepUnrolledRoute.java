package org.actlab.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.actlab.activation.Activation;

/**
 * Bench-only variants of {@link VectorPiecewise#stepBackward} for issue 11 target 3, to find what
 * keeps the shipped loop behind C2's own vectorised multiply at the same bytes
 * (docs/BENCHMARKS.md, "relu′ in place and from a 1-bit mask"): the same formula with four
 * independent vectors per iteration, and a Vector API multiply dZ = dA · z that has the shipped
 * loop's shape without its compares and blends.
 */
final class StepUnrolledRoute {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = F.length();

    private StepUnrolledRoute() {
    }

    /** {@link VectorPiecewise#stepBackward}'s formula, four vectors per iteration; same floats. */
    static void stepBackward(Activation f, float threshold, float below, float[] z, int zOff, float[] dA, int dAOff,
                             float[] dZ, int dZOff, int n) {
        FloatVector belows = FloatVector.broadcast(F, below);
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector thresholds = FloatVector.broadcast(F, threshold);
        int i = 0;
        for (int bound = n - n % (4 * LANES); i < bound; i += 4 * LANES) {
            FloatVector x0 = FloatVector.fromArray(F, z, zOff + i);
            FloatVector x1 = FloatVector.fromArray(F, z, zOff + i + LANES);
            FloatVector x2 = FloatVector.fromArray(F, z, zOff + i + 2 * LANES);
            FloatVector x3 = FloatVector.fromArray(F, z, zOff + i + 3 * LANES);
            FloatVector s0 = belows.blend(one, x0.compare(VectorOperators.GT, thresholds)).blend(x0, x0.compare(VectorOperators.NE, x0));
            FloatVector s1 = belows.blend(one, x1.compare(VectorOperators.GT, thresholds)).blend(x1, x1.compare(VectorOperators.NE, x1));
            FloatVector s2 = belows.blend(one, x2.compare(VectorOperators.GT, thresholds)).blend(x2, x2.compare(VectorOperators.NE, x2));
            FloatVector s3 = belows.blend(one, x3.compare(VectorOperators.GT, thresholds)).blend(x3, x3.compare(VectorOperators.NE, x3));
            FloatVector.fromArray(F, dA, dAOff + i).mul(s0).intoArray(dZ, dZOff + i);
            FloatVector.fromArray(F, dA, dAOff + i + LANES).mul(s1).intoArray(dZ, dZOff + i + LANES);
            FloatVector.fromArray(F, dA, dAOff + i + 2 * LANES).mul(s2).intoArray(dZ, dZOff + i + 2 * LANES);
            FloatVector.fromArray(F, dA, dAOff + i + 3 * LANES).mul(s3).intoArray(dZ, dZOff + i + 3 * LANES);
        }
        // The last n mod 4·LANES elements: the shipped loop and its scalar tail.
        VectorPiecewise.stepBackward(f, threshold, below, z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
    }

    /** dZ = dA · z with the Vector API, one vector per iteration: the shipped loop's shape, no compares. */
    static void multiply(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, dA, dAOff + i).mul(FloatVector.fromArray(F, z, zOff + i)).intoArray(dZ, dZOff + i);
        }
        for (; i < n; i++) {
            dZ[dZOff + i] = dA[dAOff + i] * z[zOff + i];
        }
    }
}
