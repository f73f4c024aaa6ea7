package org.actlab.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.actlab.activation.Activation;

/**
 * Per-unit marks for the network diagram, with the definitions of {@code org.actlab.diagnose}
 * (which reports them only as per-layer shares): a unit is <em>dead</em> when f′(z) = 0 on every
 * evaluation sample, and <em>saturated</em> when |f′(z)| &lt; 0.01 · max|f′| on at least 99 % of them.
 */
final class UnitFlags {

    /** The saturation threshold as a share of the largest slope (DiagnosticsConfig's default). */
    static final double SATURATION_THRESHOLD = 0.01;
    /** The share of samples on which a unit must be saturated (DiagnosticsConfig's default). */
    static final double SATURATED_UNIT_SHARE = 0.99;

    private static final int CACHE_LIMIT = 256;
    private static final Map<String, Double> MAX_SLOPE = new ConcurrentHashMap<>();

    private UnitFlags() {
    }

    /**
     * Marks the units of one layer from its pre-activations z (n × units, row-major).
     *
     * @return per unit: 2 dead, 1 saturated, 0 neither
     */
    static int[] of(Activation f, float[] z, int n, int units) {
        double limit = SATURATION_THRESHOLD * maxSlope(f);
        int[] flags = new int[units];
        for (int j = 0; j < units; j++) {
            boolean dead = n > 0;
            int saturated = 0;
            for (int s = 0; s < n; s++) {
                float slope = f.derivative(z[s * units + j]);
                dead &= slope == 0f;
                if (Math.abs(slope) < limit) {
                    saturated++;
                }
            }
            flags[j] = dead ? 2 : n > 0 && saturated >= SATURATED_UNIT_SHARE * n ? 1 : 0;
        }
        return flags;
    }

    /** max |f′| over [−50, 50] in steps of 0.01, plus 0 and ±1e−7 where kinks put their limits. */
    static double maxSlope(Activation f) {
        Double cached = MAX_SLOPE.get(f.spec());
        if (cached != null) {
            return cached;
        }
        double max = Math.max(Math.abs(f.derivative(0f)), Math.max(Math.abs(f.derivative(1e-7f)), Math.abs(f.derivative(-1e-7f))));
        for (int i = -5000; i <= 5000; i++) {
            float d = Math.abs(f.derivative(i * 0.01f));
            if (d > max) {
                max = d;
            }
        }
        if (MAX_SLOPE.size() >= CACHE_LIMIT) {
            MAX_SLOPE.clear();
        }
        MAX_SLOPE.put(f.spec(), max);
        return max;
    }
}
