package org.actlab.data;

import java.util.Objects;

/**
 * A data set in row-major float arrays: {@code x} is n × features, {@code y} is n × targets.
 *
 * <p>Labels: for {@link Task#BINARY} y holds 0 or 1 (one column); for {@link Task#MULTICLASS} y is
 * one-hot with one column per class; for {@link Task#REGRESSION} y holds the real targets.
 *
 * @param name     a short name, for example {@code "spiral"}
 * @param x        inputs, n × features, row-major
 * @param y        targets, n × targets, row-major
 * @param n        number of samples
 * @param features number of input columns
 * @param targets  number of target columns
 * @param task     what the targets mean
 */
public record Dataset(String name, float[] x, float[] y, int n, int features, int targets, Task task) {

    /** What kind of targets a data set has. */
    public enum Task { BINARY, MULTICLASS, REGRESSION }

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (n < 0 || features <= 0 || targets <= 0) {
            throw new IllegalArgumentException("bad data set shape: n=" + n + ", features=" + features + ", targets=" + targets);
        }
        if (x.length != n * features) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected n*features = " + n * features);
        }
        if (y.length != n * targets) {
            throw new IllegalArgumentException("y has " + y.length + " values, expected n*targets = " + n * targets);
        }
    }

    /**
     * The index of the largest of {@code count} values from {@code offset}, the first on ties: the
     * class of a one-hot target row or of a row of predictions.
     */
    public static int argmax(float[] values, int offset, int count) {
        int best = 0;
        for (int j = 1; j < count; j++) {
            if (values[offset + j] > values[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
