package org.actlab.lab.experiment;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.actlab.activation.Activation;
import org.actlab.data.Dataset;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.DiagnosticsConfig;
import org.actlab.diagnose.HealthReport;
import org.actlab.diagnose.LayerHealth;
import org.actlab.nn.Network;

/**
 * The experiments' figures on layer health, all taken from the diagnostics ({@code org.actlab.diagnose})
 * with the configuration {@code train --diagnose} uses, so that "saturated share", "dead share",
 * "sign coherence", "mean output" and "gradient norm" mean the same in the report as on the command line.
 * This class only selects and pools; the definitions live in {@link DiagnosticsConfig} and
 * {@link LayerHealth}.
 *
 * <p>Pooled figures over the hidden layers (every layer but the output layer) weight each layer by its
 * units: for a per-layer share or mean x_l over the same n samples,
 * x = Σ_l units_l · x_l / Σ_l units_l, which is the figure over all (sample, hidden unit) pairs.
 */
final class HealthFigures {

    /**
     * The diagnostics' defaults, as in {@code train --diagnose}: a pair is saturated when
     * |f′(z)| &lt; 0.01 × max |f′|, a unit is dead when f′(z) = 0 on every sample.
     */
    static final DiagnosticsConfig CONFIG = DiagnosticsConfig.defaults();

    private HealthFigures() {
    }

    /** The health of a network before (or without) training: {@link Diagnostics#inspect}. */
    static HealthReport inspect(Network network, Dataset evaluation) {
        return Diagnostics.inspect(network, evaluation, CONFIG);
    }

    /**
     * A listener that reports once, after the last of {@code epochs} epochs (or where training stopped),
     * on {@code evaluation}; its gradient figures are means over that epoch's steps.
     */
    static Diagnostics listener(Dataset evaluation, int epochs) {
        return new Diagnostics(evaluation, CONFIG.withEvaluateEvery(epochs));
    }

    /** The listener's last report; training must have run at least one step. */
    static HealthReport last(Diagnostics diagnostics) {
        return diagnostics.latest().orElseThrow(() -> new IllegalStateException("the diagnostics have no report: no training step ran"));
    }

    /** Share of (sample, hidden unit) pairs that are saturated: the units-weighted mean of the hidden layers' sat%. */
    static double hiddenSaturatedShare(HealthReport report) {
        return pooled(report, LayerHealth::saturatedFraction);
    }

    /** Share of hidden units that are saturated on at least 99% of the samples (satU%). */
    static double hiddenSaturatedUnits(HealthReport report) {
        return pooled(report, LayerHealth::saturatedUnits);
    }

    /** Share of hidden units that are dead: f′(z) = 0 on every evaluation sample (dead%). */
    static double hiddenDeadShare(HealthReport report) {
        return pooled(report, LayerHealth::deadFraction);
    }

    /** The mean hidden output μ over all (sample, hidden unit) pairs. */
    static double hiddenMeanActivation(HealthReport report) {
        return pooled(report, LayerHealth::meanActivation);
    }

    /** ‖dL/dW_l‖₂ of every layer, hidden layers first and the output layer last. */
    static double[] gradientNorms(HealthReport report) {
        return report.layers().stream().mapToDouble(LayerHealth::gradientNorm).toArray();
    }

    /**
     * How many of the first {@code count} values z are saturated pairs by the diagnostics' definition,
     * |f′(z)| below {@link Diagnostics#saturationLimit} (f′ = 0 included).
     */
    static long saturatedCount(Activation f, float[] z, int count) {
        float limit = Diagnostics.saturationLimit(f, CONFIG.saturationThreshold());
        long saturated = 0;
        for (int i = 0; i < count; i++) {
            saturated += Math.abs(f.derivative(z[i])) < limit ? 1 : 0;
        }
        return saturated;
    }

    private static double pooled(HealthReport report, ToDoubleFunction<LayerHealth> figure) {
        List<LayerHealth> layers = report.layers();
        if (layers.size() < 2) {
            throw new IllegalArgumentException("a network with hidden layers is needed, got " + layers.size() + " layer(s)");
        }
        double sum = 0;
        long units = 0;
        for (LayerHealth layer : layers.subList(0, layers.size() - 1)) {
            sum += layer.units() * figure.applyAsDouble(layer);
            units += layer.units();
        }
        return sum / units;
    }
}
