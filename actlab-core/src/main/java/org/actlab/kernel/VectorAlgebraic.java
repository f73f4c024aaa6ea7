package org.actlab.kernel;

import static org.actlab.kernel.VectorPiecewise.scalarBackwardTail;
import static org.actlab.kernel.VectorPiecewise.scalarForwardTail;
import static org.actlab.kernel.VectorTranscendentals.D;
import static org.actlab.kernel.VectorTranscendentals.FH;
import static org.actlab.kernel.VectorTranscendentals.LANES;
import static org.actlab.kernel.VectorTranscendentals.limits;
import static org.actlab.kernel.VectorTranscendentals.load;
import static org.actlab.kernel.VectorTranscendentals.ONE;
import static org.actlab.kernel.VectorTranscendentals.round;
import static org.actlab.kernel.VectorTranscendentals.storeScaled;
import static org.actlab.kernel.VectorTranscendentals.THREE;
import static org.actlab.kernel.VectorTranscendentals.TWO;
import static org.actlab.kernel.VectorTranscendentals.widen;
import static org.actlab.kernel.VectorTranscendentals.ZERO;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.actlab.activation.Activation;

/**
 * The algebraic activations in double lanes: isru, squareplus, bent_identity and rational_tanh,
 * forward and backward, and arctan. Each lane performs the scalar twin's double operations in the
 * same order (square roots and divisions are correctly rounded in both), so the results are the
 * scalar's floats bit for bit; the lanes at ±∞, where a formula gives ∞/∞, take the catalogue's
 * limits. Tails run the scalar activation. The one exception is arctan's value: the Vector API's
 * {@code ATAN} (Intel SVML on x86, else {@code Math.atan} per lane) instead of {@code Math.atan},
 * both within a double ULP or so, so the float may differ from the scalar's in the last bit where
 * the double lands next to a float rounding midpoint (arctan' = 1/(1 + x²) is bit-identical).
 */
final class VectorAlgebraic {

    private static final DoubleVector PLUS_INFINITY = DoubleVector.broadcast(D, Double.POSITIVE_INFINITY);

    private VectorAlgebraic() {
    }

    /** f's values (or its derivative's) at ±∞, for the lanes where a formula gives ∞/∞. */
    private record Limits(FloatVector atPlus, FloatVector atMinus) {

        static Limits of(Activation f, boolean derivative) {
            return derivative
                    ? new Limits(FloatVector.broadcast(FH, f.derivative(Float.POSITIVE_INFINITY)),
                    FloatVector.broadcast(FH, f.derivative(Float.NEGATIVE_INFINITY)))
                    : new Limits(FloatVector.broadcast(FH, f.apply(Float.POSITIVE_INFINITY)),
                    FloatVector.broadcast(FH, f.apply(Float.NEGATIVE_INFINITY)));
        }

        /** a[off..] = y rounded, the limits in the lanes where xf is infinite. */
        void store(DoubleVector y, FloatVector xf, float[] a, int off) {
            limits(round(y), xf, atPlus, atMinus).intoArray(a, off);
        }

        /** dZ = dA · y rounded, the limits in the lanes where xf is infinite. */
        void storeScaled(DoubleVector y, FloatVector xf, float[] dA, int dAOff, float[] dZ, int dZOff) {
            limits(round(y), xf, atPlus, atMinus).mul(FloatVector.fromArray(FH, dA, dAOff)).intoArray(dZ, dZOff);
        }
    }

    // Each function keeps its own loop (see VectorTranscendentals): the skeletons below repeat on purpose.

    /** isru(x) = x/sqrt(1 + α x²). */
    static void isruForward(Activation f, float alpha, float[] z, int zOff, float[] a, int aOff, int n) {
        DoubleVector alphas = DoubleVector.broadcast(D, alpha);
        Limits limits = Limits.of(f, false);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = widen(xf);
            DoubleVector y = x.div(alphas.mul(x.mul(x)).add(ONE).lanewise(VectorOperators.SQRT));
            limits.store(y, xf, a, aOff + i);
        }
        scalarForwardTail(f, z, zOff, a, aOff, i, n);
    }

    /** isru'(x) = 1/s³, s = sqrt(1 + α x²) (0 at ±∞ by itself). */
    static void isruBackward(Activation f, float alpha, float[] z, int zOff, float[] dA, int dAOff,
                             float[] dZ, int dZOff, int n) {
        DoubleVector alphas = DoubleVector.broadcast(D, alpha);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector s = alphas.mul(x.mul(x)).add(ONE).lanewise(VectorOperators.SQRT);
            DoubleVector y = ONE.div(s.mul(s).mul(s));
            storeScaled(y, dA, dAOff + i, dZ, dZOff + i);
        }
        scalarBackwardTail(f, z, zOff, dA, dAOff, dZ, dZOff, i, n);
    }

    /** squareplus(x) = (x + s)/2 for x >= 0, b/(2(s − x)) below, s = sqrt(x² + b). */
    static void squareplusForward(Activation f, float b, float[] z, int zOff, float[] a, int aOff, int n) {
        DoubleVector bs = DoubleVector.broadcast(D, b);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector s = x.mul(x).add(bs).lanewise(VectorOperators.SQRT);
            DoubleVector y = bs.div(TWO.mul(s.sub(x))).blend(x.add(s).div(TWO), x.compare(VectorOperators.GE, ZERO));
            round(y).intoArray(a, aOff + i);
        }
        scalarForwardTail(f, z, zOff, a, aOff, i, n);
    }

    /** squareplus'(x) = (1 + x/s)/2 for x >= 0, b/(2s(s − x)) below; 1 at +∞. */
    static void squareplusBackward(Activation f, float b, float[] z, int zOff, float[] dA, int dAOff,
                                   float[] dZ, int dZOff, int n) {
        DoubleVector bs = DoubleVector.broadcast(D, b);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector s = x.mul(x).add(bs).lanewise(VectorOperators.SQRT);
            VectorMask<Double> nonNegative = x.compare(VectorOperators.GE, ZERO);
            DoubleVector y = bs.div(TWO.mul(s).mul(s.sub(x))).blend(x.div(s).add(ONE).div(TWO), nonNegative)
                    .blend(ONE, x.compare(VectorOperators.EQ, PLUS_INFINITY));
            storeScaled(y, dA, dAOff + i, dZ, dZOff + i);
        }
        scalarBackwardTail(f, z, zOff, dA, dAOff, dZ, dZOff, i, n);
    }

    /** bent_identity(x) = x²/(2(sqrt(x² + 1) + 1)) + x, and x itself at ±0 (keeps −0). */
    static void bentIdentityForward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        Limits limits = Limits.of(f, false);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = widen(xf);
            DoubleVector x2 = x.mul(x);
            DoubleVector y = x2.div(TWO.mul(x2.add(ONE).lanewise(VectorOperators.SQRT).add(ONE))).add(x)
                    .blend(x, x.compare(VectorOperators.EQ, ZERO));
            limits.store(y, xf, a, aOff + i);
        }
        scalarForwardTail(f, z, zOff, a, aOff, i, n);
    }

    /** bent_identity'(x) = x/(2 sqrt(x² + 1)) + 1; 3/2 and 1/2 at ±∞. */
    static void bentIdentityBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff,
                                     float[] dZ, int dZOff, int n) {
        Limits limits = Limits.of(f, true);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = widen(xf);
            DoubleVector y = x.div(TWO.mul(x.mul(x).add(ONE).lanewise(VectorOperators.SQRT))).add(ONE);
            limits.storeScaled(y, xf, dA, dAOff + i, dZ, dZOff + i);
        }
        scalarBackwardTail(f, z, zOff, dA, dAOff, dZ, dZOff, i, n);
    }

    private static final DoubleVector RATIONAL_TANH_SCALE = DoubleVector.broadcast(D, 1.7159);
    private static final DoubleVector RATIONAL_TANH_QUARTIC = DoubleVector.broadcast(D, 1.41645);
    private static final DoubleVector RATIONAL_TANH_QUARTIC_4 = DoubleVector.broadcast(D, 4 * 1.41645);
    private static final DoubleVector RATIONAL_TANH_SLOPE_SCALE = DoubleVector.broadcast(D, 1.7159 * (2.0 / 3));
    private static final long SIGN = 0x8000000000000000L;

    /** rational_tanh(x) = sign(x) · 1.7159 · r/(1 + r), r = y + y² + 1.41645 y⁴, y = |2x/3|. */
    static void rationalTanhForward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        Limits limits = Limits.of(f, false);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = widen(xf);
            DoubleVector y = TWO.mul(x).div(THREE).abs();
            DoubleVector y2 = y.mul(y);
            DoubleVector rest = y.add(y2).add(RATIONAL_TANH_QUARTIC.mul(y2.mul(y2)));
            DoubleVector magnitude = RATIONAL_TANH_SCALE.mul(rest.div(ONE.add(rest)));
            // copySign by bits, as Math.copySign (NaN stays NaN: its magnitude is NaN).
            DoubleVector v = magnitude.reinterpretAsLongs().lanewise(VectorOperators.AND, ~SIGN)
                    .lanewise(VectorOperators.OR, x.reinterpretAsLongs().lanewise(VectorOperators.AND, SIGN))
                    .reinterpretAsDoubles();
            limits.store(v, xf, a, aOff + i);
        }
        scalarForwardTail(f, z, zOff, a, aOff, i, n);
    }

    /** rational_tanh'(x) = 1.7159 · (2/3) · (1 + 2y + 4 · 1.41645 y³)/a/a, a = 1 + r. */
    static void rationalTanhBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff,
                                     float[] dZ, int dZOff, int n) {
        Limits limits = Limits.of(f, true);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = widen(xf);
            DoubleVector y = TWO.mul(x).div(THREE).abs();
            DoubleVector y2 = y.mul(y);
            DoubleVector a = ONE.add(y).add(y2).add(RATIONAL_TANH_QUARTIC.mul(y2.mul(y2)));
            DoubleVector num = ONE.add(TWO.mul(y)).add(RATIONAL_TANH_QUARTIC_4.mul(y2.mul(y)));
            DoubleVector v = RATIONAL_TANH_SLOPE_SCALE.mul(num.div(a).div(a));
            limits.storeScaled(v, xf, dA, dAOff + i, dZ, dZOff + i);
        }
        scalarBackwardTail(f, z, zOff, dA, dAOff, dZ, dZOff, i, n);
    }

    /** arctan(x) by the Vector API's ATAN in double, rounded once. */
    static void arctanForward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            round(load(z, zOff + i).lanewise(VectorOperators.ATAN)).intoArray(a, aOff + i);
        }
        scalarForwardTail(f, z, zOff, a, aOff, i, n);
    }

    /** arctan'(x) = 1/(1 + x²) (0 at ±∞ by itself). */
    static void arctanBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            storeScaled(ONE.div(ONE.add(x.mul(x))), dA, dAOff + i, dZ, dZOff + i);
        }
        scalarBackwardTail(f, z, zOff, dA, dAOff, dZ, dZOff, i, n);
    }
}
