package org.actlab.data;

import java.util.Arrays;

/**
 * A per-feature z-score: x' = (x − mean_j) / std_j, with the population standard deviation
 * std_j = sqrt(mean((x − mean_j)²)); a constant column (std 0) is centred and left unscaled
 * (std recorded as 1) rather than divided by zero. Fit on the training data, apply the same
 * means and stds to test data.
 *
 * @param means one mean per feature
 * @param stds  one standard deviation per feature, each finite and &gt; 0
 */
public record Standardisation(double[] means, double[] stds) {

    public Standardisation {
        if (means.length != stds.length || means.length == 0) {
            throw new IllegalArgumentException("need one mean and one std per feature, got " + means.length
                    + " means and " + stds.length + " stds");
        }
        for (int j = 0; j < stds.length; j++) {
            if (!(stds[j] > 0) || Double.isInfinite(stds[j]) || !Double.isFinite(means[j])) {
                throw new IllegalArgumentException("feature " + j + ": mean " + means[j] + " and std " + stds[j]
                        + " must be finite with std > 0");
            }
        }
        means = means.clone();
        stds = stds.clone();
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] stds() {
        return stds.clone();
    }

    /** The means and stds of {@code data}'s features (in double precision, two passes). */
    public static Standardisation fit(Dataset data) {
        if (data.n() == 0) {
            throw new IllegalArgumentException("cannot standardise an empty data set (" + data.name() + ")");
        }
        int f = data.features();
        double[] means = new double[f];
        double[] stds = new double[f];
        for (int row = 0; row < data.n(); row++) {
            for (int j = 0; j < f; j++) {
                means[j] += data.x()[row * f + j];
            }
        }
        for (int j = 0; j < f; j++) {
            means[j] /= data.n();
        }
        for (int row = 0; row < data.n(); row++) {
            for (int j = 0; j < f; j++) {
                double d = data.x()[row * f + j] - means[j];
                stds[j] += d * d;
            }
        }
        for (int j = 0; j < f; j++) {
            double std = Math.sqrt(stds[j] / data.n());
            stds[j] = std > 0 ? std : 1;
        }
        return new Standardisation(means, stds);
    }

    /** A new data set with standardised features; targets are shared. */
    public Dataset apply(Dataset data) {
        int f = data.features();
        if (f != means.length) {
            throw new IllegalArgumentException("standardisation fitted on " + means.length + " features, data "
                    + data.name() + " has " + f);
        }
        float[] x = new float[data.x().length];
        for (int row = 0; row < data.n(); row++) {
            for (int j = 0; j < f; j++) {
                x[row * f + j] = (float) ((data.x()[row * f + j] - means[j]) / stds[j]);
            }
        }
        return new Dataset(data.name(), x, data.y(), data.n(), f, data.targets(), data.task());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Standardisation s && Arrays.equals(means, s.means) && Arrays.equals(stds, s.stds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(stds);
    }

    @Override
    public String toString() {
        return "Standardisation[means=" + Arrays.toString(means) + ", stds=" + Arrays.toString(stds) + "]";
    }
}
