package org.actlab.kernel;

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

    private static final VectorSpecies<Double> D = VectorTranscendentals.D;
    private static final VectorSpecies<Float> FH = VectorTranscendentals.FH;
    private static final int LANES = VectorTranscendentals.LANES;
    private static final DoubleVector ZERO = DoubleVector.zero(D);
    private static final DoubleVector ONE = DoubleVector.broadcast(D, 1);
    private static final DoubleVector TWO = DoubleVector.broadcast(D, 2);
    private static final DoubleVector PLUS_INFINITY = DoubleVector.broadcast(D, Double.POSITIVE_INFINITY);
    private static final FloatVector F_PLUS_INFINITY = FloatVector.broadcast(FH, Float.POSITIVE_INFINITY);
    private static final FloatVector F_MINUS_INFINITY = FloatVector.broadcast(FH, Float.NEGATIVE_INFINITY);

    private VectorAlgebraic() {
    }

    private static DoubleVector load(float[] z, int off) {
        return (DoubleVector) FloatVector.fromArray(FH, z, off).convertShape(VectorOperators.F2D, D, 0);
    }

    private static FloatVector round(DoubleVector y) {
        return (FloatVector) y.convertShape(VectorOperators.D2F, FH, 0);
    }

    /** y with f's values at ±∞ in the lanes where x is infinite. */
    private static FloatVector limits(FloatVector y, FloatVector x, FloatVector atPlus, FloatVector atMinus) {
        return y.blend(atPlus, x.compare(VectorOperators.EQ, F_PLUS_INFINITY))
                .blend(atMinus, x.compare(VectorOperators.EQ, F_MINUS_INFINITY));
    }

    /** isru(x) = x/sqrt(1 + α x²). */
    static void isruForward(Activation f, float alpha, float[] z, int zOff, float[] a, int aOff, int n) {
        DoubleVector alphas = DoubleVector.broadcast(D, alpha);
        FloatVector atPlus = FloatVector.broadcast(FH, f.apply(Float.POSITIVE_INFINITY));
        FloatVector atMinus = FloatVector.broadcast(FH, f.apply(Float.NEGATIVE_INFINITY));
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = (DoubleVector) xf.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y = x.div(alphas.mul(x.mul(x)).add(ONE).lanewise(VectorOperators.SQRT));
            limits(round(y), xf, atPlus, atMinus).intoArray(a, aOff + i);
        }
        for (; i < n; i++) {
            a[aOff + i] = f.apply(z[zOff + i]);
        }
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
            round(y).mul(FloatVector.fromArray(FH, dA, dAOff + i)).intoArray(dZ, dZOff + i);
        }
        for (; i < n; i++) {
            dZ[dZOff + i] = dA[dAOff + i] * f.derivative(z[zOff + i]);
        }
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
        for (; i < n; i++) {
            a[aOff + i] = f.apply(z[zOff + i]);
        }
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
            round(y).mul(FloatVector.fromArray(FH, dA, dAOff + i)).intoArray(dZ, dZOff + i);
        }
        for (; i < n; i++) {
            dZ[dZOff + i] = dA[dAOff + i] * f.derivative(z[zOff + i]);
        }
    }

    /** bent_identity(x) = x²/(2(sqrt(x² + 1) + 1)) + x, and x itself at ±0 (keeps −0). */
    static void bentIdentityForward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        FloatVector atPlus = FloatVector.broadcast(FH, f.apply(Float.POSITIVE_INFINITY));
        FloatVector atMinus = FloatVector.broadcast(FH, f.apply(Float.NEGATIVE_INFINITY));
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = (DoubleVector) xf.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector x2 = x.mul(x);
            DoubleVector y = x2.div(TWO.mul(x2.add(ONE).lanewise(VectorOperators.SQRT).add(ONE))).add(x)
                    .blend(x, x.compare(VectorOperators.EQ, ZERO));
            limits(round(y), xf, atPlus, atMinus).intoArray(a, aOff + i);
        }
        for (; i < n; i++) {
            a[aOff + i] = f.apply(z[zOff + i]);
        }
    }

    /** bent_identity'(x) = x/(2 sqrt(x² + 1)) + 1; 3/2 and 1/2 at ±∞. */
    static void bentIdentityBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff,
                                     float[] dZ, int dZOff, int n) {
        FloatVector atPlus = FloatVector.broadcast(FH, f.derivative(Float.POSITIVE_INFINITY));
        FloatVector atMinus = FloatVector.broadcast(FH, f.derivative(Float.NEGATIVE_INFINITY));
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = (DoubleVector) xf.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y = x.div(TWO.mul(x.mul(x).add(ONE).lanewise(VectorOperators.SQRT))).add(ONE);
            limits(round(y), xf, atPlus, atMinus).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        for (; i < n; i++) {
            dZ[dZOff + i] = dA[dAOff + i] * f.derivative(z[zOff + i]);
        }
    }

    private static final DoubleVector RATIONAL_TANH_SCALE = DoubleVector.broadcast(D, 1.7159);
    private static final DoubleVector RATIONAL_TANH_QUARTIC = DoubleVector.broadcast(D, 1.41645);
    private static final DoubleVector RATIONAL_TANH_QUARTIC_4 = DoubleVector.broadcast(D, 4 * 1.41645);
    private static final DoubleVector RATIONAL_TANH_SLOPE_SCALE = DoubleVector.broadcast(D, 1.7159 * (2.0 / 3));
    private static final DoubleVector THREE = DoubleVector.broadcast(D, 3);
    private static final long SIGN = 0x8000000000000000L;

    /** rational_tanh(x) = sign(x) · 1.7159 · r/(1 + r), r = y + y² + 1.41645 y⁴, y = |2x/3|. */
    static void rationalTanhForward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        FloatVector atPlus = FloatVector.broadcast(FH, f.apply(Float.POSITIVE_INFINITY));
        FloatVector atMinus = FloatVector.broadcast(FH, f.apply(Float.NEGATIVE_INFINITY));
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = (DoubleVector) xf.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y = TWO.mul(x).div(THREE).abs();
            DoubleVector y2 = y.mul(y);
            DoubleVector rest = y.add(y2).add(RATIONAL_TANH_QUARTIC.mul(y2.mul(y2)));
            DoubleVector magnitude = RATIONAL_TANH_SCALE.mul(rest.div(ONE.add(rest)));
            // copySign by bits, as Math.copySign (NaN stays NaN: its magnitude is NaN).
            DoubleVector v = magnitude.reinterpretAsLongs().lanewise(VectorOperators.AND, ~SIGN)
                    .lanewise(VectorOperators.OR, x.reinterpretAsLongs().lanewise(VectorOperators.AND, SIGN))
                    .reinterpretAsDoubles();
            limits(round(v), xf, atPlus, atMinus).intoArray(a, aOff + i);
        }
        for (; i < n; i++) {
            a[aOff + i] = f.apply(z[zOff + i]);
        }
    }

    /** rational_tanh'(x) = 1.7159 · (2/3) · (1 + 2y + 4 · 1.41645 y³)/a/a, a = 1 + r. */
    static void rationalTanhBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff,
                                     float[] dZ, int dZOff, int n) {
        FloatVector atPlus = FloatVector.broadcast(FH, f.derivative(Float.POSITIVE_INFINITY));
        FloatVector atMinus = FloatVector.broadcast(FH, f.derivative(Float.NEGATIVE_INFINITY));
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector xf = FloatVector.fromArray(FH, z, zOff + i);
            DoubleVector x = (DoubleVector) xf.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y = TWO.mul(x).div(THREE).abs();
            DoubleVector y2 = y.mul(y);
            DoubleVector a = ONE.add(y).add(y2).add(RATIONAL_TANH_QUARTIC.mul(y2.mul(y2)));
            DoubleVector num = ONE.add(TWO.mul(y)).add(RATIONAL_TANH_QUARTIC_4.mul(y2.mul(y)));
            DoubleVector v = RATIONAL_TANH_SLOPE_SCALE.mul(num.div(a).div(a));
            limits(round(v), xf, atPlus, atMinus).mul(FloatVector.fromArray(FH, dA, dAOff + i))
                    .intoArray(dZ, dZOff + i);
        }
        for (; i < n; i++) {
            dZ[dZOff + i] = dA[dAOff + i] * f.derivative(z[zOff + i]);
        }
    }

    /** arctan(x) by the Vector API's ATAN in double, rounded once. */
    static void arctanForward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            round(load(z, zOff + i).lanewise(VectorOperators.ATAN)).intoArray(a, aOff + i);
        }
        for (; i < n; i++) {
            a[aOff + i] = f.apply(z[zOff + i]);
        }
    }

    /** arctan'(x) = 1/(1 + x²) (0 at ±∞ by itself). */
    static void arctanBackward(Activation f, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            round(ONE.div(ONE.add(x.mul(x)))).mul(FloatVector.fromArray(FH, dA, dAOff + i)).intoArray(dZ, dZOff + i);
        }
        for (; i < n; i++) {
            dZ[dZOff + i] = dA[dAOff + i] * f.derivative(z[zOff + i]);
        }
    }
}
