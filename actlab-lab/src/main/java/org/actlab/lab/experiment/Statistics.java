package org.actlab.lab.experiment;

import java.util.Arrays;

/**
 * The statistics every verdict rests on: the 95% confidence interval of a mean effect over seeds,
 * from Student's t distribution (a one-sample t interval; on per-seed differences of two arms run
 * with the same seed it is the paired t interval). Seeds are the experimental units: each seed is
 * one independent draw of data, initialisation and batch order, so n is the number of seeds with a
 * finite effect.
 *
 * <p>The t quantile is computed, not tabulated: the Student t distribution function through the
 * regularised incomplete beta function (continued fraction, Numerical Recipes §6.4), inverted by
 * bisection. Checked in {@code StatisticsTest} against printed t tables.
 */
public final class Statistics {

    /** The confidence level of every interval. */
    public static final double LEVEL = 0.95;

    private Statistics() {
    }

    /**
     * A mean with its confidence interval.
     *
     * @param mean the mean of the finite values
     * @param low  the lower end of the 95% interval (−∞ when n &lt; 2 and the values are not all equal)
     * @param high the upper end
     * @param n    how many finite values
     */
    public record Interval(double mean, double low, double high, int n) {

        /** "mean [low, high], n = …" for tables and headlines. */
        public String text() {
            return String.format(java.util.Locale.ROOT, "%s [%s, %s], n = %d", Figures.format(mean), Figures.format(low),
                    Figures.format(high), n);
        }
    }

    /** The values that are not NaN or infinite. */
    static double[] finite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).toArray();
    }

    /**
     * The t interval of the mean of the finite values: mean ± t(0.975, n − 1)·s/√n. With one value the
     * interval is unbounded (nothing is known about the spread); with none the mean is NaN.
     */
    public static Interval meanInterval(double... values) {
        double[] x = finite(values);
        int n = x.length;
        if (n == 0) {
            return new Interval(Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0);
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        if (n == 1) {
            return new Interval(mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1);
        }
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        double half = tQuantile((1 + LEVEL) / 2, n - 1) * Math.sqrt(squares / (n - 1) / n);
        return new Interval(mean, mean - half, mean + half, n);
    }

    /**
     * Per-seed differences {@code a[i] − b[i]}; a pair with a non-finite member gives NaN (left out of
     * the interval).
     */
    public static double[] differences(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired arms need the same seeds, got " + a.length + " and " + b.length + " values");
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Double.isFinite(a[i]) && Double.isFinite(b[i]) ? a[i] - b[i] : Double.NaN;
        }
        return d;
    }

    /** The p-quantile of Student's t distribution with {@code df} degrees of freedom, 0 &lt; p &lt; 1. */
    public static double tQuantile(double p, int df) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile level must be in (0, 1), got " + p);
        }
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + df);
        }
        if (p < 0.5) {
            return -tQuantile(1 - p, df);
        }
        double lo = 0;
        double hi = 1;
        while (tCdf(hi, df) < p) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (tCdf(mid, df) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(T ≤ t) for Student's t with {@code df} degrees of freedom: 1 − I_x(df/2, 1/2)/2 for t ≥ 0, x = df/(df+t²). */
    public static double tCdf(double t, int df) {
        double tail = regularizedBeta(df / (df + t * t), df / 2.0, 0.5) / 2;
        return t >= 0 ? 1 - tail : tail;
    }

    /** The regularised incomplete beta function I_x(a, b). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
        return x < (a + 1) / (a + b + 2)
                ? front * betaFraction(x, a, b) / a
                : 1 - front * betaFraction(1 - x, b, a) / b;
    }

    /** Lentz's evaluation of the incomplete beta continued fraction. */
    private static double betaFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 500; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7, nine terms; relative error about 1e-15). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
