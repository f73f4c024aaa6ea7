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

    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02,
            3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02,
            1.28261652607737228e03, 2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00,
            6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
            1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
            2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02,
            5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03,
            4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1,
            1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
            1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00,
            5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3};

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
