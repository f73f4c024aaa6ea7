package org.actlab.diagnose;

import java.util.Objects;
import org.actlab.activation.Activation;

/**
 * The output-near-asymptote criterion per unit, for per-unit marks (a network diagram, the
 * playground), with exactly the definitions behind {@link LayerHealth#nearAsymptoteUnits()}: a unit is
 * flagged when its output lies within 5% of the output range of f(−∞) or f(+∞) on at least
 * {@code saturatedUnitShare} of the samples. Defined only for activations bounded on both sides.
 */
public final class OutputSaturation {

    private OutputSaturation() {
    }

    /** Whether the criterion applies to f: f(−∞) and f(+∞) finite and different. */
    public static boolean applies(Activation f) {
        return Asymptotes.of(f).applies();
    }

    /**
     * Each unit's flag from its activations a (n × units, row-major) over n ≥ 1 samples; all false
     * when the criterion does not apply to f.
     */
    public static boolean[] unitFlags(Activation f, float[] a, int n, int units, DiagnosticsConfig config) {
        Objects.requireNonNull(config, "config");
        if (n < 1 || units < 1 || a.length < (long) n * units) {
            throw new IllegalArgumentException("need n >= 1, units >= 1 and n*units <= a.length, got n=" + n
                    + ", units=" + units + ", a.length=" + a.length);
        }
        Asymptotes limits = Asymptotes.of(f);
        boolean[] flags = new boolean[units];
        if (!limits.applies()) {
            return flags;
        }
        for (int j = 0; j < units; j++) {
            flags[j] = limits.count(a, n, units, j) >= config.saturatedUnitShare() * n;
        }
        return flags;
    }
}
