package org.actlab.activation;

/**
 * Double-precision building blocks that keep full relative accuracy over the whole float range,
 * so that one final rounding to float meets the 1 ULP contract of {@link Activation}.
 *
 * <p>Each formula avoids the cancellation, overflow or underflow its textbook form has: the
 * logistic and its relatives are written with {@code exp(-|x|)}, sech² is written as
 * {@code 4t/(1+t)²} with {@code t = exp(-2|x|)} rather than {@code 1 - tanh²}, and the error
 * function follows W. J. Cody's rational Chebyshev approximations (Math. Comp. 23, 1969, 631–638;
 * netlib specfun CALERF), which are accurate to a few double ULPs in relative terms, also for the
 * tiny values of erfc in its tail.
 */
final class ExactMath {

    /** 1/sqrt(pi). */
    private static final double INV_SQRT_PI = 5.6418958354775628695e-1;
    /** 1/sqrt(2). */
    static final double INV_SQRT_2 = 0.70710678118654752440;
    /** 1/sqrt(2 pi). */
    static final double INV_SQRT_2PI = 0.39894228040143267794;

    /* Cody's coefficients (CodyErfc holds them for the vector loops too), copied once into arrays. */
    private static final double[] A = CodyErfc.SMALL_NUMERATOR.toArray();
    private static final double[] B = CodyErfc.SMALL_DENOMINATOR.toArray();
    private static final double[] C = CodyErfc.MIDDLE_NUMERATOR.toArray();
    private static final double[] D = CodyErfc.MIDDLE_DENOMINATOR.toArray();
    private static final double[] P = CodyErfc.TAIL_NUMERATOR.toArray();
    private static final double[] Q = CodyErfc.TAIL_DENOMINATOR.toArray();

    private ExactMath() {
    }

    /** sigma(x) = 1/(1+e^{-x}), written so that neither tail overflows or loses digits. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** sigma'(x) = sigma(x) sigma(-x) = t/(1+t)^2 with t = e^{-|x|}; no 1 - sigma cancellation. */
    static double sigmoidSlope(double x) {
        double t = Math.exp(-Math.abs(x));
        double s = 1 + t;
        return t / (s * s);
    }

    /** softplus(x) = log(1+e^x) = max(x, 0) + log1p(e^{-|x|}). */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** sech²(x) = 1 - tanh²(x) = 4t/(1+t)² with t = e^{-2|x|}; keeps the tiny tail (tanh'(20) != 0). */
    static double sech2(double x) {
        double t = Math.exp(-2 * Math.abs(x));
        double s = 1 + t;
        return 4 * t / (s * s);
    }

    /**
     * x - tanh(x) without cancellation: the Taylor series x³/3 - 2x⁵/15 + 17x⁷/315 - ... for
     * |x| < 0.1 (eight terms reach double precision there), the direct difference beyond, where
     * it loses at most a factor 3/x² = 300 of double precision.
     */
    static double tanhShrink(double x) {
        double ax = Math.abs(x);
        if (ax >= 0.1) {
            return x - Math.tanh(x);
        }
        double x2 = x * x;
        double series = 1.0 / 3 + x2 * (-2.0 / 15 + x2 * (17.0 / 315 + x2 * (-62.0 / 2835
                + x2 * (1382.0 / 155925 + x2 * (-21844.0 / 6081075 + x2 * (929569.0 / 638512875
                + x2 * (-6404582.0 / 10854718875.0)))))));
        // Multiply x*x2 first: for subnormal x the cube underflows to the correctly signed 0.
        return x * x2 * series;
    }

    /** erfc(x) = 1 - erf(x), with full relative accuracy for large positive x (Cody). */
    static double erfc(double x) {
        double y = Math.abs(x);
        double result;
        if (y <= 0.46875) {
            return 1 - erfSmall(x);
        } else if (y <= 4.0) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            result = (num + C[7]) / (den + D[7]) * expMinusSquare(y);
        } else if (y < 27.3) {
            double ysq = 1 / (y * y);
            double num = P[5] * ysq;
            double den = ysq;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * ysq;
                den = (den + Q[i]) * ysq;
            }
            result = ysq * (num + P[4]) / (den + Q[4]);
            result = (INV_SQRT_PI - result) / y * expMinusSquare(y);
        } else {
            // erfc(27.3) < 1e-325: below the smallest double.
            result = 0;
        }
        return x < 0 ? 2 - result : result;
    }

    private static double erfSmall(double x) {
        double ysq = x * x;
        double num = A[4] * ysq;
        double den = ysq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }
        return x * (num + A[3]) / (den + B[3]);
    }

    /**
     * e^{-y²} with y² split as ysq² + del (ysq = y rounded down to a multiple of 1/16), so that
     * the rounding error of y² is not amplified by the exponential (Cody's device).
     */
    private static double expMinusSquare(double y) {
        double ysq = Math.floor(16 * y) / 16;
        double del = (y - ysq) * (y + ysq);
        return Math.exp(-ysq * ysq) * Math.exp(-del);
    }

    /** Phi(x) = erfc(-x/sqrt 2)/2, the standard normal CDF; underflows gracefully for x to -inf. */
    static double normalCdf(double x) {
        return 0.5 * erfc(-x * INV_SQRT_2);
    }

    /** phi(x) = e^{-x²/2}/sqrt(2 pi), the standard normal density. */
    static double normalPdf(double x) {
        return Math.exp(-0.5 * x * x) * INV_SQRT_2PI;
    }
}
