package org.actlab.diagnose;

import java.util.Arrays;
import org.actlab.activation.Activation;

/**
 * A histogram of pre-activations z over [min, max] in {@code counts.length} equal bins; bin i
 * covers [min + i·w, min + (i+1)·w) with w = (max − min) / bins, the last bin also holds max.
 *
 * <p>Built from the finite values; +∞ is counted in the last bin and −∞ in the first, NaN is left
 * out (so the counts sum to samples × units unless some z is NaN). When every finite value is the
 * same v, the range is [v − 0.5, v + 0.5]. With no finite value at all, the range is [−1, 1].
 *
 * @param min    the lower edge of the first bin
 * @param max    the upper edge of the last bin, &gt; min
 * @param counts values per bin
 */
public record Histogram(double min, double max, long[] counts) {

    public Histogram {
        if (!(min < max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("histogram range must be finite with min < max, got [" + min + ", " + max + "]");
        }
        if (counts.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least 1 bin, got 0");
        }
        counts = counts.clone();
    }

    /** Bins {@code n} values of {@code z} from {@code offset} into {@code bins} bins, as described above. */
    public static Histogram of(float[] z, int offset, int n, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a histogram needs at least 1 bin, got " + bins);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + n; i++) {
            float v = z[i];
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = -1;
            hi = 1;
        } else if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        long[] counts = new long[bins];
        double scale = bins / (hi - lo);
        for (int i = offset; i < offset + n; i++) {
            float v = z[i];
            if (Float.isNaN(v)) {
                continue;
            }
            // (v - lo) * scale is in [0, bins] for finite v; clamping also places ±Inf and max itself.
            int bin = (int) Math.floor((v - lo) * scale);
            counts[Math.max(0, Math.min(bins - 1, bin))]++;
        }
        return new Histogram(lo, hi, counts);
    }

    /** The number of bins. */
    public int bins() {
        return counts.length;
    }

    /** The bin width w = (max − min) / bins. */
    public double binWidth() {
        return (max - min) / counts.length;
    }

    /** The centre of bin i: min + (i + ½)·w. */
    public double centre(int bin) {
        return min + (bin + 0.5) * binWidth();
    }

    /** All bin centres. */
    public double[] centres() {
        double[] c = new double[counts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = centre(i);
        }
        return c;
    }

    /** The sum of the counts. */
    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** f′ at each bin centre, for plotting the histogram of z under the curve of f′. */
    public double[] derivativeAtCentres(Activation f) {
        double[] d = new double[counts.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.derivative((float) centre(i));
        }
        return d;
    }

    /** The counts; a copy. */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Double.compare(min, h.min) == 0 && Double.compare(max, h.max) == 0
                && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(min) + Double.hashCode(max)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[min=" + min + ", max=" + max + ", counts=" + Arrays.toString(counts) + "]";
    }
}
