package org.actlab.activation;

import java.util.Arrays;

/**
 * W. J. Cody's rational Chebyshev approximations of erf and erfc (Math. Comp. 23, 1969, 631–638;
 * netlib specfun CALERF): the coefficients, in one place for the scalar {@code ExactMath.erfc} and
 * the vector gelu loops of {@code org.actlab.kernel}, so that both evaluate the same rational
 * functions. Each polynomial's coefficients are listed in Cody's order; how they are combined is
 * up to the evaluator (and documented there).
 */
public final class CodyErfc {

    /** erf on |y| &lt;= 0.46875, numerator in y² (Cody's A). */
    public static final Coefficients SMALL_NUMERATOR = new Coefficients(3.16112374387056560e00,
            1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1);
    /** erf on |y| &lt;= 0.46875, denominator in y² (Cody's B). */
    public static final Coefficients SMALL_DENOMINATOR = new Coefficients(2.36012909523441209e01,
            2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03);
    /** erfc on (0.46875, 4], numerator in |y| (Cody's C). */
    public static final Coefficients MIDDLE_NUMERATOR = new Coefficients(5.64188496988670089e-1,
            8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
            1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8);
    /** erfc on (0.46875, 4], denominator in |y| (Cody's D). */
    public static final Coefficients MIDDLE_DENOMINATOR = new Coefficients(1.57449261107098347e01,
            1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03,
            4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03);
    /** erfc beyond 4, the asymptotic tail's numerator in 1/y² (Cody's P). */
    public static final Coefficients TAIL_NUMERATOR = new Coefficients(3.05326634961232344e-1,
            3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
            1.63153871373020978e-2);
    /** erfc beyond 4, the asymptotic tail's denominator in 1/y² (Cody's Q). */
    public static final Coefficients TAIL_DENOMINATOR = new Coefficients(2.56852019228982242e00,
            1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3);

    private CodyErfc() {
    }

    /** An immutable list of doubles: read one by {@link #get}, or take a copy with {@link #toArray}. */
    public static final class Coefficients {

        private final double[] values;

        private Coefficients(double... values) {
            this.values = values.clone();
        }

        /** The i-th coefficient, in Cody's order. */
        public double get(int i) {
            return values[i];
        }

        public int size() {
            return values.length;
        }

        /** A fresh copy of all of them. */
        public double[] toArray() {
            return values.clone();
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }
}
