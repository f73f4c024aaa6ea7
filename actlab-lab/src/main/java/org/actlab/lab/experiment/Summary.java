package org.actlab.lab.experiment;

import java.util.Arrays;
import java.util.Locale;

/**
 * Mean and spread of one figure over seeds: mean, sample standard deviation (n − 1 in the
 * denominator; 0 for one value), minimum and maximum. NaN values are skipped and counted apart.
 *
 * @param mean the mean of the finite values
 * @param std  the sample standard deviation
 * @param min  the smallest value
 * @param max  the largest value
 * @param n    how many values were finite
 */
public record Summary(double mean, double std, double min, double max, int n) {

    /** Summarises values, skipping NaN; all NaN gives a summary of NaNs with n = 0. */
    public static Summary of(double... values) {
        double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        int n = finite.length;
        if (n == 0) {
            return new Summary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : finite) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : finite) {
            squares += (v - mean) * (v - mean);
        }
        double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        return new Summary(mean, std, min, max, n);
    }

    /** The median of values (NaN skipped), NaN when none. */
    public static double median(double... values) {
        double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        int mid = finite.length / 2;
        return finite.length % 2 == 1 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
    }

    @Override
    public String toString() {
        return n <= 1
                ? Figures.format(mean)
                : String.format(Locale.ROOT, "%s ± %s [%s, %s]", Figures.format(mean), Figures.format(std),
                Figures.format(min), Figures.format(max));
    }
}
