package org.actlab.kernel;

import static org.actlab.kernel.FloatLanesRoute.F;
import static org.actlab.kernel.FloatLanesRoute.FOUR;
import static org.actlab.kernel.FloatLanesRoute.LANES;
import static org.actlab.kernel.FloatLanesRoute.MINUS_LOGISTIC_LIMIT;
import static org.actlab.kernel.FloatLanesRoute.MINUS_TANH_LIMIT;
import static org.actlab.kernel.FloatLanesRoute.SIGN;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The float-lane routes with two or four independent vectors per loop iteration (issue 11 target 1,
 * bench only): the same arithmetic per vector as {@link FloatLanesRoute} and {@link FloatChainRoute},
 * so the same bits, written so that each vector's chain of dependent steps can run beside the
 * others' (the out-of-order core then need not find the next iteration's work far ahead in its
 * window). All vectors are loaded before any is stored, so the output may be the input. A group
 * holding a NaN or a large |x| in any lane, and the last n mod (k LANES) elements, go through the
 * one-vector loop of the same route, which gives those elements the same bits.
 */
final class InterleavedRoutes {

    private InterleavedRoutes() {
    }

    // ---- FloatLanesRoute's arithmetic, 2 vectors per iteration ----

    static void lanesSigmoidForwardX2(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            IntVector b0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            IntVector b1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts();
            FloatVector y0 = b0.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = b1.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT)).allTrue()) {
                FloatVector s0 = FloatLanesRoute.sigmoid(b0, y0);
                FloatVector s1 = FloatLanesRoute.sigmoid(b1, y1);
                s0.intoArray(a, aOff + i);
                s1.intoArray(a, aOff + i + LANES);
            } else {
                FloatLanesRoute.sigmoidForward(z, zOff + i, a, aOff + i, 2 * LANES);
            }
        }
        if (i < n) {
            FloatLanesRoute.sigmoidForward(z, zOff + i, a, aOff + i, n - i);
        }
    }

    static void lanesSigmoidBackwardX2(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            FloatVector y0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT)).allTrue()) {
                FloatVector s0 = FloatLanesRoute.slope(y0);
                FloatVector s1 = FloatLanesRoute.slope(y1);
                s0.mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
                s1.mul(FloatVector.fromArray(F, dA, dAOff + i + LANES)).intoArray(dZ, dZOff + i + LANES);
            } else {
                FloatLanesRoute.sigmoidBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, 2 * LANES);
            }
        }
        if (i < n) {
            FloatLanesRoute.sigmoidBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    static void lanesTanhForwardX2(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            IntVector b0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            IntVector b1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts();
            FloatVector y0 = b0.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = b1.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_TANH_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_TANH_LIMIT)).allTrue()) {
                FloatVector s0 = FloatLanesRoute.tanh(b0, y0);
                FloatVector s1 = FloatLanesRoute.tanh(b1, y1);
                s0.intoArray(a, aOff + i);
                s1.intoArray(a, aOff + i + LANES);
            } else {
                FloatLanesRoute.tanhForward(z, zOff + i, a, aOff + i, 2 * LANES);
            }
        }
        if (i < n) {
            FloatLanesRoute.tanhForward(z, zOff + i, a, aOff + i, n - i);
        }
    }

    static void lanesTanhBackwardX2(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            FloatVector y0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_TANH_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_TANH_LIMIT)).allTrue()) {
                FloatVector s0 = FloatLanesRoute.slope(y0.add(y0)).mul(FOUR);
                FloatVector s1 = FloatLanesRoute.slope(y1.add(y1)).mul(FOUR);
                s0.mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
                s1.mul(FloatVector.fromArray(F, dA, dAOff + i + LANES)).intoArray(dZ, dZOff + i + LANES);
            } else {
                FloatLanesRoute.tanhBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, 2 * LANES);
            }
        }
        if (i < n) {
            FloatLanesRoute.tanhBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    // ---- FloatLanesRoute's arithmetic, 4 vectors per iteration ----

    static void lanesSigmoidForwardX4(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - 4 * LANES; i <= bound; i += 4 * LANES) {
            IntVector b0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            IntVector b1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts();
            IntVector b2 = FloatVector.fromArray(F, z, zOff + i + 2 * LANES).reinterpretAsInts();
            IntVector b3 = FloatVector.fromArray(F, z, zOff + i + 3 * LANES).reinterpretAsInts();
            FloatVector y0 = b0.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = b1.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y2 = b2.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y3 = b3.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).and(y2.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).and(y3.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT)))).allTrue()) {
                FloatVector s0 = FloatLanesRoute.sigmoid(b0, y0);
                FloatVector s1 = FloatLanesRoute.sigmoid(b1, y1);
                FloatVector s2 = FloatLanesRoute.sigmoid(b2, y2);
                FloatVector s3 = FloatLanesRoute.sigmoid(b3, y3);
                s0.intoArray(a, aOff + i);
                s1.intoArray(a, aOff + i + LANES);
                s2.intoArray(a, aOff + i + 2 * LANES);
                s3.intoArray(a, aOff + i + 3 * LANES);
            } else {
                FloatLanesRoute.sigmoidForward(z, zOff + i, a, aOff + i, 4 * LANES);
            }
        }
        if (i < n) {
            FloatLanesRoute.sigmoidForward(z, zOff + i, a, aOff + i, n - i);
        }
    }

    static void lanesSigmoidBackwardX4(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - 4 * LANES; i <= bound; i += 4 * LANES) {
            FloatVector y0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y2 = FloatVector.fromArray(F, z, zOff + i + 2 * LANES).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y3 = FloatVector.fromArray(F, z, zOff + i + 3 * LANES).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).and(y2.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).and(y3.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT)))).allTrue()) {
                FloatVector s0 = FloatLanesRoute.slope(y0);
                FloatVector s1 = FloatLanesRoute.slope(y1);
                FloatVector s2 = FloatLanesRoute.slope(y2);
                FloatVector s3 = FloatLanesRoute.slope(y3);
                s0.mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
                s1.mul(FloatVector.fromArray(F, dA, dAOff + i + LANES)).intoArray(dZ, dZOff + i + LANES);
                s2.mul(FloatVector.fromArray(F, dA, dAOff + i + 2 * LANES)).intoArray(dZ, dZOff + i + 2 * LANES);
                s3.mul(FloatVector.fromArray(F, dA, dAOff + i + 3 * LANES)).intoArray(dZ, dZOff + i + 3 * LANES);
            } else {
                FloatLanesRoute.sigmoidBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, 4 * LANES);
            }
        }
        if (i < n) {
            FloatLanesRoute.sigmoidBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    static void lanesTanhForwardX4(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - 4 * LANES; i <= bound; i += 4 * LANES) {
            IntVector b0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            IntVector b1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts();
            IntVector b2 = FloatVector.fromArray(F, z, zOff + i + 2 * LANES).reinterpretAsInts();
            IntVector b3 = FloatVector.fromArray(F, z, zOff + i + 3 * LANES).reinterpretAsInts();
            FloatVector y0 = b0.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = b1.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y2 = b2.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y3 = b3.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_TANH_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_TANH_LIMIT).and(y2.compare(VectorOperators.GE, MINUS_TANH_LIMIT).and(y3.compare(VectorOperators.GE, MINUS_TANH_LIMIT)))).allTrue()) {
                FloatVector s0 = FloatLanesRoute.tanh(b0, y0);
                FloatVector s1 = FloatLanesRoute.tanh(b1, y1);
                FloatVector s2 = FloatLanesRoute.tanh(b2, y2);
                FloatVector s3 = FloatLanesRoute.tanh(b3, y3);
                s0.intoArray(a, aOff + i);
                s1.intoArray(a, aOff + i + LANES);
                s2.intoArray(a, aOff + i + 2 * LANES);
                s3.intoArray(a, aOff + i + 3 * LANES);
            } else {
                FloatLanesRoute.tanhForward(z, zOff + i, a, aOff + i, 4 * LANES);
            }
        }
        if (i < n) {
            FloatLanesRoute.tanhForward(z, zOff + i, a, aOff + i, n - i);
        }
    }

    static void lanesTanhBackwardX4(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - 4 * LANES; i <= bound; i += 4 * LANES) {
            FloatVector y0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y2 = FloatVector.fromArray(F, z, zOff + i + 2 * LANES).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y3 = FloatVector.fromArray(F, z, zOff + i + 3 * LANES).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_TANH_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_TANH_LIMIT).and(y2.compare(VectorOperators.GE, MINUS_TANH_LIMIT).and(y3.compare(VectorOperators.GE, MINUS_TANH_LIMIT)))).allTrue()) {
                FloatVector s0 = FloatLanesRoute.slope(y0.add(y0)).mul(FOUR);
                FloatVector s1 = FloatLanesRoute.slope(y1.add(y1)).mul(FOUR);
                FloatVector s2 = FloatLanesRoute.slope(y2.add(y2)).mul(FOUR);
                FloatVector s3 = FloatLanesRoute.slope(y3.add(y3)).mul(FOUR);
                s0.mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
                s1.mul(FloatVector.fromArray(F, dA, dAOff + i + LANES)).intoArray(dZ, dZOff + i + LANES);
                s2.mul(FloatVector.fromArray(F, dA, dAOff + i + 2 * LANES)).intoArray(dZ, dZOff + i + 2 * LANES);
                s3.mul(FloatVector.fromArray(F, dA, dAOff + i + 3 * LANES)).intoArray(dZ, dZOff + i + 3 * LANES);
            } else {
                FloatLanesRoute.tanhBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, 4 * LANES);
            }
        }
        if (i < n) {
            FloatLanesRoute.tanhBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    // ---- FloatChainRoute's arithmetic, 2 vectors per iteration ----

    static void chainSigmoidForwardX2(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            IntVector b0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            IntVector b1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts();
            FloatVector y0 = b0.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = b1.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT)).allTrue()) {
                FloatVector s0 = FloatChainRoute.sigmoid(b0, y0);
                FloatVector s1 = FloatChainRoute.sigmoid(b1, y1);
                s0.intoArray(a, aOff + i);
                s1.intoArray(a, aOff + i + LANES);
            } else {
                FloatChainRoute.sigmoidForward(z, zOff + i, a, aOff + i, 2 * LANES);
            }
        }
        if (i < n) {
            FloatChainRoute.sigmoidForward(z, zOff + i, a, aOff + i, n - i);
        }
    }

    static void chainSigmoidBackwardX2(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            FloatVector y0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_LOGISTIC_LIMIT)).allTrue()) {
                FloatVector s0 = FloatChainRoute.slope(y0);
                FloatVector s1 = FloatChainRoute.slope(y1);
                s0.mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
                s1.mul(FloatVector.fromArray(F, dA, dAOff + i + LANES)).intoArray(dZ, dZOff + i + LANES);
            } else {
                FloatChainRoute.sigmoidBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, 2 * LANES);
            }
        }
        if (i < n) {
            FloatChainRoute.sigmoidBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }

    static void chainTanhForwardX2(float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            IntVector b0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts();
            IntVector b1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts();
            FloatVector y0 = b0.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = b1.lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_TANH_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_TANH_LIMIT)).allTrue()) {
                FloatVector s0 = FloatChainRoute.tanh(b0, y0);
                FloatVector s1 = FloatChainRoute.tanh(b1, y1);
                s0.intoArray(a, aOff + i);
                s1.intoArray(a, aOff + i + LANES);
            } else {
                FloatChainRoute.tanhForward(z, zOff + i, a, aOff + i, 2 * LANES);
            }
        }
        if (i < n) {
            FloatChainRoute.tanhForward(z, zOff + i, a, aOff + i, n - i);
        }
    }

    static void chainTanhBackwardX2(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            FloatVector y0 = FloatVector.fromArray(F, z, zOff + i).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            FloatVector y1 = FloatVector.fromArray(F, z, zOff + i + LANES).reinterpretAsInts()
                    .lanewise(VectorOperators.OR, SIGN).reinterpretAsFloats();
            if (y0.compare(VectorOperators.GE, MINUS_TANH_LIMIT).and(y1.compare(VectorOperators.GE, MINUS_TANH_LIMIT)).allTrue()) {
                FloatVector s0 = FloatChainRoute.slope(y0.add(y0)).mul(FOUR);
                FloatVector s1 = FloatChainRoute.slope(y1.add(y1)).mul(FOUR);
                s0.mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
                s1.mul(FloatVector.fromArray(F, dA, dAOff + i + LANES)).intoArray(dZ, dZOff + i + LANES);
            } else {
                FloatChainRoute.tanhBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, 2 * LANES);
            }
        }
        if (i < n) {
            FloatChainRoute.tanhBackward(z, zOff + i, dA, dAOff + i, dZ, dZOff + i, n - i);
        }
    }
}
