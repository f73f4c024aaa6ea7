package org.actlab.diagnose;

import java.util.concurrent.ConcurrentHashMap;
import org.actlab.activation.Activation;

/**
 * The largest |f′| of an activation, found by a dense scan, and |f′| at the ends of the scan.
 *
 * <p>The scan covers x in [−50, 50] in steps of 10⁻³, plus 0, ±10⁻⁷ and ±the smallest normal float
 * (the catalogue's smooth maxima are at 0 or found by the grid to ~10⁻⁶ relative, and its kink limits
 * are approached from the points next to 0); non-finite slopes are skipped. When |f′| is still growing
 * at the ends (|f′(±50)| &gt; 1.01 × the largest |f′| on [−40, 40], as for exponential and cube) the
 * slope is unbounded and a largest slope over [−50, 50] would call nearly every input saturated; the
 * reference is then the largest |f′| on [−1, 1], the range of a well-scaled pre-activation.
 *
 * @param maxSlope   the reference slope s_max described above
 * @param leftSlope  |f′(−50)|
 * @param rightSlope |f′(50)|
 * @param unbounded  whether |f′| grows without bound, so that s_max comes from [−1, 1]
 */
record SlopeScan(double maxSlope, double leftSlope, double rightSlope, boolean unbounded) {

    static final float RANGE = 50f;
    private static final float INNER = 40f;
    private static final int STEPS = 100_000;
    private static final int CACHE_SIZE = 64;

    // Keyed by value: records and enum constants compare by parameters. Bounded because prelu's
    // learnt slope makes a new value at every evaluation: when full it is emptied, and the functions
    // in use are scanned again once. A concurrent map, because every diagnostics report looks its
    // layers' functions up here: the access-ordered LinkedHashMap behind one monitor it replaces
    // was written by every look-up (the monitor and the access order), so two sweep threads passed
    // its cache lines back and forth; a look-up took 4-5 times as long on two threads as on one
    // (docs/SWEEPS.md, "Throughput").
    private static final ConcurrentHashMap<Activation, SlopeScan> CACHE = new ConcurrentHashMap<>();

    static SlopeScan of(Activation f) {
        SlopeScan cached = CACHE.get(f);
        if (cached != null) {
            return cached;
        }
        SlopeScan scan = scan(f);
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        CACHE.putIfAbsent(f, scan);
        return scan;
    }

    static SlopeScan scan(Activation f) {
        double all = 0;
        double inner = 0;
        double central = 0;
        for (int i = 0; i <= STEPS; i++) {
            float x = -RANGE + (2 * RANGE * i) / STEPS;
            double slope = magnitude(f.derivative(x));
            all = Math.max(all, slope);
            if (Math.abs(x) <= INNER) {
                inner = Math.max(inner, slope);
            }
            if (Math.abs(x) <= 1) {
                central = Math.max(central, slope);
            }
        }
        for (float x : new float[] {0f, -0f, 1e-7f, -1e-7f, Float.MIN_NORMAL, -Float.MIN_NORMAL}) {
            central = Math.max(central, magnitude(f.derivative(x)));
        }
        all = Math.max(all, central);
        double left = Math.abs((double) f.derivative(-RANGE));
        double right = Math.abs((double) f.derivative(RANGE));
        // An infinite slope at an end also counts as growing; NaN does not.
        boolean unbounded = Math.max(left, right) > 1.01 * Math.max(inner, central);
        return new SlopeScan(unbounded ? central : all, left, right, unbounded);
    }

    /**
     * The saturation limit threshold × maxSlope, rounded to float32 like the slopes it is compared
     * with: leaky_relu's slope 0.01f then equals 0.01 × 1 and is not below it.
     */
    float limit(double threshold) {
        return (float) (threshold * maxSlope);
    }

    /** Whether |f′| is below {@link #limit} at both ends of the scan, as for logistic and tanh. */
    boolean saturatesBothSides(double threshold) {
        float limit = limit(threshold);
        return leftSlope < limit && rightSlope < limit;
    }

    /** |slope| in double, 0 for NaN and infinities so that they never become the maximum. */
    private static double magnitude(float slope) {
        return Float.isFinite(slope) ? Math.abs((double) slope) : 0;
    }
}
