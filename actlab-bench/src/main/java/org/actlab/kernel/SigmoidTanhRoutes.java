package org.actlab.kernel;

import java.util.Locale;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.actlab.activation.Activation;
import org.actlab.activation.Standard;

/**
 * Candidate vector routes for sigmoid and tanh, forward and backward (issue 11), each wrapped as
 * an {@link ActivationKernels} so that {@code AccuracyAudit} scores it exactly as it scores the
 * shipped kernels, and timed by {@code SigmoidTanhRouteBench}. Whole vectors only (lengths must be
 * multiples of 16); only sigmoid and tanh. Nothing here ships: the route chosen went into
 * {@link VectorTranscendentals} (double-div).
 *
 * <ul>
 *   <li>{@code double-div}: the shipped loops of {@link VectorTranscendentals} (double lanes, own
 *       exp, one double division).</li>
 *   <li>{@code double-rcp}: double lanes and the same exp, the division replaced by a reciprocal
 *       from a float division refined by one Newton step in double (error 2^-48).</li>
 *   <li>{@code double-svml}: double lanes with the Vector API's own {@code EXP}/{@code EXPM1}
 *       (Intel SVML on x86) instead of actlab's polynomial, then the double division.</li>
 *   <li>{@code float-lanes}: {@link FloatLanesRoute} (float lanes, own exp carried as hi + lo, one
 *       float division with a Newton correction; lanes with a NaN or a large |x| from
 *       {@code double-div}). It replaced the earlier {@code float-compensated} route (the same
 *       arithmetic with blends, whose out-of-range vectors ran the double loop whole, so results
 *       depended on neighbouring lanes).</li>
 *   <li>{@code float-svml}: float lanes (twice as many per vector) with the Vector API's float
 *       {@code EXP}/{@code EXPM1}, the denominator as a compensated sum (hi + lo) and its
 *       reciprocal corrected by one FMA Newton step.</li>
 *   <li>{@code float-chain}: {@link FloatChainRoute}, float-lanes rewritten for a shorter chain of
 *       dependent steps (Estrin's polynomial, σ over 2^-n + p, remainders side by side).</li>
 * </ul>
 *
 * <p>Routes measured and then removed, because they were slower or never ran as vector code (their
 * figures are in docs/BENCHMARKS.md; the code is in commit 80f94b5): {@code float-table} (a
 * table-driven exp), {@code float-lanes-x2/x4} and {@code float-chain-x2} (several vectors per
 * iteration: over C2's inlining node budget, so always the Vector API fallback) and
 * {@code float-chain-pipe} (software-pipelined: slowest on Temurin 25, in the fallback in some forks).
 */
public final class SigmoidTanhRoutes implements ActivationKernels {

    /** The route names, as {@link #of(String)} takes them. */
    public static final String[] NAMES = {"double-div", "double-rcp", "double-svml", "float-svml", "float-lanes", "float-chain"};

    private static final VectorSpecies<Double> D = VectorTranscendentals.D;
    private static final VectorSpecies<Float> FH = VectorTranscendentals.FH;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = D.length();

    private static final DoubleVector ZERO = DoubleVector.zero(D);
    private static final DoubleVector ONE = DoubleVector.broadcast(D, 1);
    private static final DoubleVector TWO = DoubleVector.broadcast(D, 2);
    private static final DoubleVector FOUR = DoubleVector.broadcast(D, 4);
    private static final DoubleVector LOGISTIC_LOW = DoubleVector.broadcast(D, -120);
    private static final LongVector SIGN = LongVector.broadcast(LongVector.SPECIES_PREFERRED, 0x8000000000000000L);
    private static final LongVector MAGNITUDE = LongVector.broadcast(LongVector.SPECIES_PREFERRED, ~0x8000000000000000L);
    private static final FloatVector ONE_H = FloatVector.broadcast(FH, 1f);

    private static final FloatVector F_ZERO = FloatVector.zero(F);
    private static final FloatVector F_ONE = FloatVector.broadcast(F, 1f);
    private static final FloatVector F_TWO = FloatVector.broadcast(F, 2f);
    private static final FloatVector F_FOUR = FloatVector.broadcast(F, 4f);
    private static final FloatVector F_LOW = FloatVector.broadcast(F, -120f);

    private final String route;

    private SigmoidTanhRoutes(String route) {
        this.route = route;
    }

    /** The route of that name. */
    public static SigmoidTanhRoutes of(String route) {
        for (String name : NAMES) {
            if (name.equals(route)) {
                return new SigmoidTanhRoutes(route);
            }
        }
        throw new IllegalArgumentException("unknown route '" + route + "'; expected one of " + String.join(", ", NAMES));
    }

    @Override
    public String name() {
        return route;
    }

    @Override
    public void forward(Activation f, float[] z, int zOff, float[] a, int aOff, int n) {
        forward(route, check(f, n), z, zOff, a, aOff, n);
    }

    /**
     * The route's forward loop over any length; the double-lane routes take whole vectors only, the
     * float-lane routes (float-lanes, float-chain)
     * any length (their tests run odd offsets and lengths through here).
     */
    static void forward(String route, boolean sigmoid, float[] z, int zOff, float[] a, int aOff, int n) {
        switch (route) {
            case "float-lanes":
                if (sigmoid) {
                    FloatLanesRoute.sigmoidForward(z, zOff, a, aOff, n);
                } else {
                    FloatLanesRoute.tanhForward(z, zOff, a, aOff, n);
                }
                return;
            case "float-chain":
                if (sigmoid) {
                    FloatChainRoute.sigmoidForward(z, zOff, a, aOff, n);
                } else {
                    FloatChainRoute.tanhForward(z, zOff, a, aOff, n);
                }
                return;
            case "double-div":
                if (sigmoid) {
                    VectorTranscendentals.sigmoidForward(z, zOff, a, aOff, n);
                } else {
                    VectorTranscendentals.tanhForward(z, zOff, a, aOff, n);
                }
                return;
            case "double-rcp":
                if (sigmoid) {
                    rcpSigmoidForward(z, zOff, a, aOff, n);
                } else {
                    rcpTanhForward(z, zOff, a, aOff, n);
                }
                return;
            case "double-svml":
                if (sigmoid) {
                    svmlSigmoidForward(z, zOff, a, aOff, n);
                } else {
                    svmlTanhForward(z, zOff, a, aOff, n);
                }
                return;
            default:
                if (sigmoid) {
                    floatSigmoidForward(z, zOff, a, aOff, n);
                } else {
                    floatTanhForward(z, zOff, a, aOff, n);
                }
        }
    }

    @Override
    public void backward(Activation f, float[] z, int zOff, float[] a, int aOff, float[] dA, int dAOff,
                         float[] dZ, int dZOff, int n, float[] dParams) {
        backward(route, check(f, n), z, zOff, dA, dAOff, dZ, dZOff, n);
    }

    /** The route's backward loop, as {@link #forward(String, boolean, float[], int, float[], int, int)}. */
    static void backward(String route, boolean sigmoid, float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff,
                         int n) {
        switch (route) {
            case "float-lanes":
                if (sigmoid) {
                    FloatLanesRoute.sigmoidBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                } else {
                    FloatLanesRoute.tanhBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                }
                return;
            case "float-chain":
                if (sigmoid) {
                    FloatChainRoute.sigmoidBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                } else {
                    FloatChainRoute.tanhBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                }
                return;
            case "double-div":
                if (sigmoid) {
                    VectorTranscendentals.sigmoidBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                } else {
                    VectorTranscendentals.tanhBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                }
                return;
            case "double-rcp":
                if (sigmoid) {
                    rcpSigmoidBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                } else {
                    rcpTanhBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                }
                return;
            case "double-svml":
                if (sigmoid) {
                    svmlSigmoidBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                } else {
                    svmlTanhBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                }
                return;
            default:
                if (sigmoid) {
                    floatSigmoidBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                } else {
                    floatTanhBackward(z, zOff, dA, dAOff, dZ, dZOff, n);
                }
        }
    }

    private static boolean check(Activation f, int n) {
        if (n % F.length() != 0) {
            throw new IllegalArgumentException("route kernels take whole vectors: " + n);
        }
        if (f == Standard.SIGMOID || f == Standard.TANH) {
            return f == Standard.SIGMOID;
        }
        throw new IllegalArgumentException("routes exist for sigmoid and tanh only, not " + f.spec().toLowerCase(Locale.ROOT));
    }

    // ---- double lanes: one loop per route and function, no flags inside a loop ----

    /** −|x| clamped to −120 (NaN passes). */
    private static DoubleVector negMag(DoubleVector x) {
        DoubleVector m = x.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN).reinterpretAsDoubles();
        return m.blend(LOGISTIC_LOW, m.compare(VectorOperators.LT, LOGISTIC_LOW));
    }

    private static DoubleVector load(float[] z, int off) {
        return (DoubleVector) FloatVector.fromArray(FH, z, off).convertShape(VectorOperators.F2D, D, 0);
    }

    private static FloatVector round(DoubleVector y) {
        return (FloatVector) y.convertShape(VectorOperators.D2F, FH, 0);
    }

    private static DoubleVector withSignOf(DoubleVector magnitude, DoubleVector x) {
        return magnitude.reinterpretAsLongs().lanewise(VectorOperators.AND, MAGNITUDE)
                .lanewise(VectorOperators.OR, x.reinterpretAsLongs().lanewise(VectorOperators.AND, SIGN))
                .reinterpretAsDoubles();
    }

    /** 1/d for d in [1, 2]: a float division (2^-24), then one Newton step in double (2^-48). */
    static DoubleVector reciprocal(DoubleVector d) {
        FloatVector df = (FloatVector) d.convertShape(VectorOperators.D2F, FH, 0);
        DoubleVector r = (DoubleVector) ONE_H.div(df).convertShape(VectorOperators.F2D, D, 0);
        return r.fma(d.neg().fma(r, ONE), r);
    }

    static void rcpSigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector t = VectorTranscendentals.exp(negMag(x));
            DoubleVector y = ONE.blend(t, x.compare(VectorOperators.LT, ZERO)).mul(reciprocal(t.add(ONE)));
            round(y).intoArray(a, aOff + i);
        }
    }

    static void rcpSigmoidBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector t = VectorTranscendentals.exp(negMag(load(z, zOff + i)));
            DoubleVector r = reciprocal(t.add(ONE));
            round(t.mul(r).mul(r)).mul(FloatVector.fromArray(FH, dA, dAOff + i)).intoArray(dZ, dZOff + i);
        }
    }

    static void rcpTanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector y2 = negMag(x);
            DoubleVector m = VectorTranscendentals.expm1(y2.add(y2));
            round(withSignOf(m.neg().mul(reciprocal(m.add(TWO))), x)).intoArray(a, aOff + i);
        }
    }

    static void rcpTanhBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector y2 = negMag(load(z, zOff + i));
            DoubleVector t = VectorTranscendentals.exp(y2.add(y2));
            DoubleVector r = reciprocal(t.add(ONE));
            round(t.mul(FOUR).mul(r).mul(r)).mul(FloatVector.fromArray(FH, dA, dAOff + i)).intoArray(dZ, dZOff + i);
        }
    }

    static void svmlSigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector t = negMag(x).lanewise(VectorOperators.EXP);
            DoubleVector y = ONE.blend(t, x.compare(VectorOperators.LT, ZERO)).div(t.add(ONE));
            round(y).intoArray(a, aOff + i);
        }
    }

    static void svmlSigmoidBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector t = negMag(load(z, zOff + i)).lanewise(VectorOperators.EXP);
            DoubleVector d = t.add(ONE);
            round(t.div(d.mul(d))).mul(FloatVector.fromArray(FH, dA, dAOff + i)).intoArray(dZ, dZOff + i);
        }
    }

    static void svmlTanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector x = load(z, zOff + i);
            DoubleVector y2 = negMag(x);
            DoubleVector m = y2.add(y2).lanewise(VectorOperators.EXPM1);
            round(withSignOf(m.neg().div(m.add(TWO)), x)).intoArray(a, aOff + i);
        }
    }

    static void svmlTanhBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector y2 = negMag(load(z, zOff + i));
            DoubleVector t = y2.add(y2).lanewise(VectorOperators.EXP);
            DoubleVector d = t.add(ONE);
            round(t.mul(FOUR).div(d.mul(d))).mul(FloatVector.fromArray(FH, dA, dAOff + i)).intoArray(dZ, dZOff + i);
        }
    }

    // ---- float lanes ----

    private static FloatVector floatNegMag(FloatVector x) {
        FloatVector m = x.abs().neg();
        return m.blend(F_LOW, m.compare(VectorOperators.LT, F_LOW));
    }

    /** 1/(hi + lo) for hi in [1, 2], |lo| <= ulp(hi): float division, then one FMA Newton step with lo. */
    private static FloatVector reciprocal(FloatVector hi, FloatVector lo) {
        FloatVector r = F_ONE.div(hi);
        FloatVector e = hi.neg().fma(r, F_ONE).sub(lo.mul(r));
        return r.fma(e, r);
    }

    static void floatSigmoidForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i < n; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            FloatVector t = floatNegMag(x).lanewise(VectorOperators.EXP);
            FloatVector hi = t.add(F_ONE);
            FloatVector r = reciprocal(hi, t.sub(hi.sub(F_ONE)));
            r.blend(t.mul(r), x.compare(VectorOperators.LT, F_ZERO)).intoArray(a, aOff + i);
        }
    }

    static void floatSigmoidBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i < n; i += F.length()) {
            FloatVector t = floatNegMag(FloatVector.fromArray(F, z, zOff + i)).lanewise(VectorOperators.EXP);
            FloatVector hi = t.add(F_ONE);
            FloatVector r = reciprocal(hi, t.sub(hi.sub(F_ONE)));
            t.mul(r).mul(r).mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
        }
    }

    static void floatTanhForward(float[] z, int zOff, float[] a, int aOff, int n) {
        for (int i = 0; i < n; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, z, zOff + i);
            FloatVector y2 = floatNegMag(x);
            FloatVector m = y2.add(y2).lanewise(VectorOperators.EXPM1);
            FloatVector hi = m.add(F_TWO);
            FloatVector mag = m.neg().mul(reciprocal(hi, m.sub(hi.sub(F_TWO))));
            mag.abs().reinterpretAsInts().lanewise(VectorOperators.OR,
                    x.reinterpretAsInts().lanewise(VectorOperators.AND, 0x80000000)).reinterpretAsFloats()
                    .intoArray(a, aOff + i);
        }
    }

    static void floatTanhBackward(float[] z, int zOff, float[] dA, int dAOff, float[] dZ, int dZOff, int n) {
        for (int i = 0; i < n; i += F.length()) {
            FloatVector y2 = floatNegMag(FloatVector.fromArray(F, z, zOff + i));
            FloatVector t = y2.add(y2).lanewise(VectorOperators.EXP);
            FloatVector hi = t.add(F_ONE);
            FloatVector r = reciprocal(hi, t.sub(hi.sub(F_ONE)));
            t.mul(F_FOUR).mul(r).mul(r).mul(FloatVector.fromArray(F, dA, dAOff + i)).intoArray(dZ, dZOff + i);
        }
    }
}
