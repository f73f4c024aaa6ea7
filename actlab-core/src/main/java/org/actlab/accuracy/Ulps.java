package org.actlab.accuracy;

/** The distance of a float result from a higher-precision value, in units in the last place of float. */
public final class Ulps {

    private Ulps() {
    }

    /**
     * |got - exact| / ulp(fl(exact)), where fl(exact) is the float nearest to {@code exact}: 0 for
     * the correctly rounded result, at most 0.5 for it when {@code exact} is not itself a float,
     * and for example 1.3 for a result one step away from the correctly rounded one.
     *
     * <p>Where fl(exact) is infinite (the exact value overflows float), only that infinity scores 0.
     * A NaN on exactly one side, or an infinity where fl(exact) is finite, scores +inf.
     *
     * @param got   the float computed by the code under test
     * @param exact a reference value accurate to well below one float ULP (double or better)
     */
    public static double error(float got, double exact) {
        if (Double.isNaN(exact) || Float.isNaN(got)) {
            return Double.isNaN(exact) && Float.isNaN(got) ? 0 : Double.POSITIVE_INFINITY;
        }
        float nearest = (float) exact;
        if (Float.isInfinite(nearest) || Float.isInfinite(got)) {
            return got == nearest ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(got - exact) / Math.ulp(nearest);
    }
}
