package org.actlab.web;

import org.actlab.activation.Activation;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.DiagnosticsConfig;
import org.actlab.diagnose.OutputSaturation;
import org.actlab.diagnose.UnitState;

/**
 * Per-unit marks for the network diagram, with the diagnostics' own definitions
 * ({@link Diagnostics#unitStates}): a unit is <em>dead</em> when f′(z) = 0 on every evaluation
 * sample, and <em>saturated</em> when |f′(z)| is below 1 % of the largest slope on at least 99 % of them.
 * The diagnostics' second criterion, the output near an asymptote ({@link OutputSaturation}), is marked
 * beside it, as {@code train --diagnose} reports both.
 */
final class UnitFlags {

    /** The diagnostics' defaults: the playground marks units as {@code train --diagnose} counts them. */
    static final DiagnosticsConfig CONFIG = DiagnosticsConfig.defaults();

    private UnitFlags() {
    }

    /**
     * Marks the units of one layer from its pre-activations z (n × units, row-major).
     *
     * @return per unit: 2 dead, 1 saturated, 0 neither
     */
    static int[] of(Activation f, float[] z, int n, int units) {
        int[] flags = new int[units];
        if (n == 0) {
            return flags;
        }
        UnitState[] states = Diagnostics.unitStates(f, z, n, units, CONFIG);
        for (int j = 0; j < units; j++) {
            flags[j] = states[j] == UnitState.DEAD ? 2 : states[j] == UnitState.SATURATED ? 1 : 0;
        }
        return flags;
    }

    /**
     * The output criterion per unit of one layer, from its activations a (n × units, row-major): the output lies within
     * 5 % of the output range of f(−∞) or f(+∞) on at least 99 % of the samples. All false when f is not bounded on
     * both sides (ReLU) or there are no samples.
     */
    static boolean[] nearAsymptote(Activation f, float[] a, int n, int units) {
        if (n == 0) {
            return new boolean[units];
        }
        return OutputSaturation.unitFlags(f, a, n, units, CONFIG);
    }

    /** The limit below which |f′| counts as saturated, for the f/f′ explorer's shading. */
    static float saturationLimit(Activation f) {
        return Diagnostics.saturationLimit(f, CONFIG.saturationThreshold());
    }
}
