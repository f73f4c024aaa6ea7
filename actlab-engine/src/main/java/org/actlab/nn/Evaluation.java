package org.actlab.nn;

/**
 * A network's figures over a data set, in one pass.
 *
 * @param loss     the mean loss without penalties; NaN for an empty set
 * @param accuracy for binary tasks the share of outputs on the right side of 0.5 (element by element),
 *                 for multi-class tasks the share of rows whose arg-max output is the target class;
 *                 NaN for regression and for an empty set
 * @param n        the rows evaluated
 */
public record Evaluation(double loss, double accuracy, int n) {

    /** The figures of an absent or empty set: NaN loss and accuracy over 0 rows. */
    public static final Evaluation NONE = new Evaluation(Double.NaN, Double.NaN, 0);

    public Evaluation {
        if (n < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + n);
        }
    }
}
