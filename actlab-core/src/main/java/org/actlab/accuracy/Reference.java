package org.actlab.accuracy;

import org.actlab.activation.Activation;
import org.actlab.activation.Celu;
import org.actlab.activation.Elu;
import org.actlab.activation.HardShrink;
import org.actlab.activation.HardTanh;
import org.actlab.activation.Isru;
import org.actlab.activation.Kind;
import org.actlab.activation.LeakyRelu;
import org.actlab.activation.PRelu;
import org.actlab.activation.RRelu;
import org.actlab.activation.SoftShrink;
import org.actlab.activation.Softplus;
import org.actlab.activation.Squareplus;
import org.actlab.activation.Standard;
import org.actlab.activation.Threshold;
import org.actlab.activation.ThresholdedRelu;

/**
 * Double-precision reference values of every catalogue activation and its derivative, written
 * independently of the float implementations in {@code org.actlab.activation}: straightforward
 * double formulas, rewritten only where the textbook form would cancel, overflow or underflow
 * (e.g. x - tanh x near 0 as a positive series, log sigma(x) for x &lt; 0 as x - log1p(e^x)), and an
 * erf/erfc of its own (a positive Taylor series and a continued fraction, not Cody's rational
 * approximations used by the scalar code). Checked against the mpmath fixtures in a test, where it
 * stays far below one float ULP.
 *
 * <p>At x = ±∞ both methods return the limit of f or f' (NaN for sin, which has none). The finite
 * formulas give the limit by themselves for most functions; where one would evaluate ∞·0, ∞/∞ or
 * ∞ − ∞ (gelu, silu, softsign, ...) the limit is written out by hand ({@code limitWhereFormulaFails}).
 * NaN gives NaN.
 */
public final class Reference {

    private static final double SQRT_2 = Math.sqrt(2);
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private Reference() {
    }

    /**
     * f(x) in double.
     *
     * @throws IllegalArgumentException for an activation outside the catalogue
     */
    public static double value(Activation a, double x) {
        return evaluate(a, x, false);
    }

    /**
     * f'(x) in double, with the catalogue's convention at kinks.
     *
     * @throws IllegalArgumentException for an activation outside the catalogue
     */
    public static double derivative(Activation a, double x) {
        return evaluate(a, x, true);
    }

    /** NaN and the limits at ±∞ the formulas cannot give, once for f and f'; then the formula. */
    private static double evaluate(Activation a, double x, boolean derivative) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (Double.isInfinite(x)) {
            double limit = limitWhereFormulaFails(a, x, derivative);
            if (!Double.isNaN(limit)) {
                return limit;
            }
        }
        return derivative ? derivativeFormula(a, x) : valueFormula(a, x);
    }

    private static double valueFormula(Activation a, double x) {
        switch (Kind.of(a)) {
            case STANDARD:
                return standardValue((Standard) a, x);
            case LEAKY_RELU:
                return x > 0 ? x : ((LeakyRelu) a).slope() * x;
            case PRELU:
                return x > 0 ? x : ((PRelu) a).slope() * x;
            case RRELU: {
                RRelu r = (RRelu) a;
                return x > 0 ? x : r.inferenceSlope() * x;
            }
            case ELU: {
                Elu e = (Elu) a;
                return x > 0 ? x : e.alpha() * Math.expm1(x);
            }
            case CELU: {
                Celu c = (Celu) a;
                return x > 0 ? x : c.alpha() * Math.expm1(x / c.alpha());
            }
            case SOFTPLUS: {
                Softplus sp = (Softplus) a;
                double bx = (double) sp.beta() * x;
                if (bx > sp.threshold()) {
                    return x;
                }
                return (bx > 0 ? bx + Math.log1p(Math.exp(-bx)) : Math.log1p(Math.exp(bx))) / sp.beta();
            }
            case HARD_TANH: {
                HardTanh h = (HardTanh) a;
                return Math.max(h.min(), Math.min(h.max(), x));
            }
            case SOFT_SHRINK: {
                SoftShrink s = (SoftShrink) a;
                return x > s.lambda() ? x - s.lambda() : x < -s.lambda() ? x + s.lambda() : 0;
            }
            case HARD_SHRINK: {
                HardShrink h = (HardShrink) a;
                return Math.abs(x) > h.lambda() ? x : 0;
            }
            case THRESHOLD: {
                Threshold t = (Threshold) a;
                return x > t.threshold() ? x : t.value();
            }
            case THRESHOLDED_RELU: {
                ThresholdedRelu t = (ThresholdedRelu) a;
                return x > t.theta() ? x : 0;
            }
            case SQUAREPLUS: {
                Squareplus q = (Squareplus) a;
                double s = Math.sqrt(x * x + q.b());
                return x >= 0 ? (x + s) / 2 : q.b() / (2 * (s - x));
            }
            case ISRU: {
                Isru i = (Isru) a;
                return x / Math.sqrt(1 + i.alpha() * x * x);
            }
            default:
                throw new IllegalArgumentException("no reference for activation " + a.spec());
        }
    }

    private static double derivativeFormula(Activation a, double x) {
        switch (Kind.of(a)) {
            case STANDARD:
                return standardDerivative((Standard) a, x);
            case LEAKY_RELU:
                return x > 0 ? 1 : ((LeakyRelu) a).slope();
            case PRELU:
                return x > 0 ? 1 : ((PRelu) a).slope();
            case RRELU: {
                RRelu r = (RRelu) a;
                return x > 0 ? 1 : r.inferenceSlope();
            }
            case ELU: {
                Elu e = (Elu) a;
                return x > 0 ? 1 : e.alpha() * Math.exp(x);
            }
            case CELU: {
                Celu c = (Celu) a;
                return x > 0 ? 1 : Math.exp(x / c.alpha());
            }
            case SOFTPLUS: {
                Softplus sp = (Softplus) a;
                double bx = (double) sp.beta() * x;
                return bx > sp.threshold() ? 1 : logistic(bx);
            }
            case HARD_TANH: {
                HardTanh h = (HardTanh) a;
                return x > h.min() && x < h.max() ? 1 : 0;
            }
            case SOFT_SHRINK: {
                SoftShrink s = (SoftShrink) a;
                return Math.abs(x) > s.lambda() ? 1 : 0;
            }
            case HARD_SHRINK: {
                HardShrink h = (HardShrink) a;
                return Math.abs(x) > h.lambda() ? 1 : 0;
            }
            case THRESHOLD: {
                Threshold t = (Threshold) a;
                return x > t.threshold() ? 1 : 0;
            }
            case THRESHOLDED_RELU: {
                ThresholdedRelu t = (ThresholdedRelu) a;
                return x > t.theta() ? 1 : 0;
            }
            case SQUAREPLUS: {
                Squareplus q = (Squareplus) a;
                double s = Math.sqrt(x * x + q.b());
                return x >= 0 ? (1 + x / s) / 2 : q.b() / (2 * s * (s - x));
            }
            case ISRU: {
                Isru i = (Isru) a;
                return Math.pow(1 + i.alpha() * x * x, -1.5);
            }
            default:
                throw new IllegalArgumentException("no reference for activation " + a.spec());
        }
    }

    /**
     * The limit of f (or f') at x = ±∞ for the functions whose finite formula yields NaN there,
     * worked out by hand; NaN for every other case, meaning "the formula gives the limit":
     * gelu, gelu_tanh, silu, mish: f(−∞) = 0, f'(+∞) = 1, f'(−∞) = 0 (x·Φ(x) ~ x·e^{−x²/2} → 0);
     * softsign: f(±∞) = ±1; hard_swish: f(−∞) = 0; rational_tanh: f(±∞) = ±1.7159, f'(±∞) = 0;
     * gaussian: f'(±∞) = 0; bent_identity: f(±∞) = ±∞, f'(+∞) = 3/2, f'(−∞) = 1/2;
     * squareplus: f'(+∞) = 1; isru: f(±∞) = ±1/√α.
     */
    private static double limitWhereFormulaFails(Activation a, double x, boolean derivative) {
        boolean up = x > 0;
        switch (Kind.of(a)) {
            case SQUAREPLUS:
                return derivative && up ? 1 : Double.NaN;
            case ISRU:
                return derivative ? Double.NaN : Math.copySign(1 / Math.sqrt(((Isru) a).alpha()), x);
            case STANDARD:
                break;
            default:
                return Double.NaN;
        }
        Standard s = (Standard) a;
        switch (s) {
            case GELU:
            case GELU_TANH:
            case SILU:
            case MISH:
                return derivative ? (up ? 1 : 0) : (up ? Double.NaN : 0);
            case SOFTSIGN:
                return derivative ? Double.NaN : Math.copySign(1, x);
            case HARD_SWISH:
                return !derivative && !up ? 0 : Double.NaN;
            case RATIONAL_TANH:
                return derivative ? 0 : Math.copySign(1.7159, x);
            case GAUSSIAN:
                return derivative ? 0 : Double.NaN;
            case BENT_IDENTITY:
                return derivative ? (up ? 1.5 : 0.5) : x;
            default:
                return Double.NaN;
        }
    }

    private static double standardValue(Standard s, double x) {
        switch (s) {
            case IDENTITY:
                return x;
            case SIGMOID:
                return logistic(x);
            case TANH:
                return Math.tanh(x);
            case RELU:
                return x > 0 ? x : 0;
            case RELU6:
                return Math.max(0, Math.min(6, x));
            case SELU:
                return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x);
            case GELU:
                return x * normalCdf(x);
            case GELU_TANH:
                // (1 + tanh u)/2 = 1/(1 + e^{-2u}).
                return x * logistic(2 * geluTanhU(x));
            case SILU:
                return x * logistic(x);
            case MISH:
                return x * Math.tanh(softplus(x));
            case SOFTSIGN:
                return x / (1 + Math.abs(x));
            case LOG_SIGMOID:
                return x < 0 ? x - Math.log1p(Math.exp(x)) : -Math.log1p(Math.exp(-x));
            case EXPONENTIAL:
                return Math.exp(x);
            case HARD_SIGMOID:
                return Math.max(0, Math.min(1, x / 6 + 0.5));
            case HARD_SWISH:
                return x * Math.max(0, Math.min(6, x + 3)) / 6;
            case TANHSHRINK:
                return Math.abs(x) < 1 ? xCoshMinusSinh(x) / Math.cosh(x) : x - Math.tanh(x);
            case SPARSE_PLUS:
                return x <= -1 ? 0 : x >= 1 ? x : (x + 1) * (x + 1) / 4;
            case RATIONAL_TANH: {
                double y = 2 * x / 3;
                double ay = Math.abs(y);
                double p = ay + y * y + 1.41645 * Math.pow(y, 4);
                return Math.signum(y) * 1.7159 * (p / (1 + p));
            }
            case RECTIFIED_TANH:
                return Math.max(0, Math.tanh(x));
            case CUBE:
                return x * x * x;
            case SIN:
                return Math.sin(x);
            case GAUSSIAN:
                return Math.exp(-x * x);
            case BENT_IDENTITY: {
                double h = Math.hypot(x, 1);
                return x + x * x / (2 * (h + 1));
            }
            case ARCTAN:
                return Math.atan(x);
            default:
                throw new IllegalArgumentException("no reference for activation " + s.spec());
        }
    }

    private static double standardDerivative(Standard s, double x) {
        switch (s) {
            case IDENTITY:
                return 1;
            case SIGMOID:
                return logistic(x) * logistic(-x);
            case TANH:
                return sech2(x);
            case RELU:
                return x > 0 ? 1 : 0;
            case RELU6:
                return x > 0 && x < 6 ? 1 : 0;
            case SELU:
                return x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(x);
            case GELU:
                return normalCdf(x) + x * Math.exp(-x * x / 2) / SQRT_2PI;
            case GELU_TANH: {
                double twoU = 2 * geluTanhU(x);
                double uSlope = Math.sqrt(2 / Math.PI) * (1 + 3 * 0.044715 * x * x);
                return logistic(twoU) + 2 * x * uSlope * logistic(twoU) * logistic(-twoU);
            }
            case SILU:
                return logistic(x) * (1 + x * logistic(-x));
            case MISH: {
                double sp = softplus(x);
                return Math.tanh(sp) + x * logistic(x) * sech2(sp);
            }
            case SOFTSIGN:
                return 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x)));
            case LOG_SIGMOID:
                return logistic(-x);
            case EXPONENTIAL:
                return Math.exp(x);
            case HARD_SIGMOID:
                return x > -3 && x < 3 ? 1.0 / 6 : 0;
            case HARD_SWISH:
                return x < -3 ? 0 : x <= 3 ? (2 * x + 3) / 6 : 1;
            case TANHSHRINK: {
                double t = Math.tanh(x);
                return t * t;
            }
            case SPARSE_PLUS:
                return x <= -1 ? 0 : x >= 1 ? 1 : (x + 1) / 2;
            case RATIONAL_TANH: {
                double y = Math.abs(2 * x / 3);
                double a = 1 + y + y * y + 1.41645 * Math.pow(y, 4);
                return 1.7159 * 2 / 3 * (1 + 2 * y + 4 * 1.41645 * Math.pow(y, 3)) / a / a;
            }
            case RECTIFIED_TANH:
                return x > 0 ? sech2(x) : 0;
            case CUBE:
                return 3 * x * x;
            case SIN:
                return Math.cos(x);
            case GAUSSIAN:
                return -2 * x * Math.exp(-x * x);
            case BENT_IDENTITY:
                return 1 + x / (2 * Math.hypot(x, 1));
            case ARCTAN:
                return 1 / (1 + x * x);
            default:
                throw new IllegalArgumentException("no reference for activation " + s.spec());
        }
    }

    /** 1/(1 + e^{-x}); for x &lt; -709 the exponential overflows and the quotient is the right 0. */
    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** 1/cosh²(x); cosh overflows to +inf beyond |x| = 710, where the true value is below double range. */
    private static double sech2(double x) {
        double c = Math.cosh(x);
        return 1 / (c * c);
    }

    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static double geluTanhU(double x) {
        return Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);
    }

    /** x cosh x - sinh x = sum_{n>=1} 2n x^{2n+1}/(2n+1)!, a series of terms of one sign. */
    private static double xCoshMinusSinh(double x) {
        double x2 = x * x;
        double power = x;
        double sum = 0;
        for (int n = 1; n < 40; n++) {
            power *= x2 / ((2 * n) * (2 * n + 1));
            double term = 2 * n * power;
            sum += term;
            if (Math.abs(term) <= 1e-18 * Math.abs(sum)) {
                break;
            }
        }
        return sum;
    }

    /** Phi(x) = erfc(-x/sqrt 2)/2. */
    static double normalCdf(double x) {
        return erfc(-x / SQRT_2) / 2;
    }

    /**
     * erfc(z): 1 - erf(z) below z = 2 from the series erf(z) = 2/sqrt(pi) e^{-z²} sum 2^n z^{2n+1}/(2n+1)!!
     * (positive terms), and the continued fraction e^{-z²}/sqrt(pi) · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + ...))))
     * from z = 2, evaluated bottom-up from depth 300; 2 - erfc(-z) for z &lt; 0. Relative error below
     * 1e-13 (1 - erf loses two digits just below z = 2).
     */
    static double erfc(double z) {
        if (z < 0) {
            return 2 - erfc(-z);
        }
        if (z < 2) {
            return 1 - erfSeries(z);
        }
        if (z > 27.5) {
            return 0;
        }
        double tail = z;
        for (int k = 300; k >= 1; k--) {
            tail = z + (k / 2.0) / tail;
        }
        return Math.exp(-z * z) / (SQRT_PI * tail);
    }

    /** erf(z) for 0 &lt;= z &lt; 2 by the series of positive terms. */
    static double erfSeries(double z) {
        double z2 = z * z;
        double term = z;
        double sum = z;
        for (int n = 1; n < 200; n++) {
            term *= 2 * z2 / (2 * n + 1);
            sum += term;
            if (term <= 1e-18 * sum) {
                break;
            }
        }
        return 2 / SQRT_PI * Math.exp(-z2) * sum;
    }
}
