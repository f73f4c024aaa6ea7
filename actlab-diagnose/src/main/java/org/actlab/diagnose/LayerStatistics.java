package org.actlab.diagnose;

import org.actlab.activation.Activation;
import org.actlab.kernel.Kernels;

/** The numerical core of the diagnostics, on plain arrays so that tests can build every case by hand. */
final class LayerStatistics {

    private LayerStatistics() {
    }


    /** ‖v‖₂ over the first n entries, accumulated in double. */
    static double l2(float[] v, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) v[i] * v[i];
        }
        return Math.sqrt(sum);
    }

    /**
     * The share of the {@code units} rows of dW (units × inputs, row-major) whose non-zero entries
     * all have one sign; a row without a non-zero entry is not coherent. NaN entries are ignored.
     */
    static double signCoherence(float[] dW, int units, int inputs) {
        int coherent = 0;
        for (int j = 0; j < units; j++) {
            boolean positive = false;
            boolean negative = false;
            for (int k = j * inputs, end = k + inputs; k < end; k++) {
                positive |= dW[k] > 0;
                negative |= dW[k] < 0;
            }
            if (positive != negative) {
                coherent++;
            }
        }
        return (double) coherent / units;
    }

    /** The gradient-side figures of one layer, each a mean over steps, NaN when there were none. */
    record StepFigures(double gradientNorm, double biasGradientNorm, double signCoherence, double updateRatio) {
        static final StepFigures NONE = new StepFigures(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * The health of one layer from its pre-activations z and activations a over n samples
     * (n × units, row-major) and its step figures.
     */
    static LayerHealth layerHealth(int index, Activation f, float[] z, float[] a, int n, int units,
                                   StepFigures steps, DiagnosticsConfig config) {
        int size = n * units;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += a[i];
        }
        double mean = sum / size;
        double squares = 0;
        for (int i = 0; i < size; i++) {
            double d = a[i] - mean;
            squares += d * d;
        }
        double std = Math.sqrt(squares / size);

        SlopeScan scan = SlopeScan.of(f);
        UnitCounts counts = UnitCounts.of(f, z, a, n, units, config);
        long saturatedPairs = 0;
        int saturatedUnits = 0;
        int deadUnits = 0;
        for (int j = 0; j < units; j++) {
            saturatedPairs += counts.saturated[j];
            UnitState state = counts.state(j);
            if (state == UnitState.DEAD) {
                deadUnits++;
            }
            // A dead unit counts as saturated too (f' = 0 < limit on every sample), though its state is DEAD.
            if (counts.saturated[j] >= counts.unitShare) {
                saturatedUnits++;
            }
        }
        boolean zeroCentred = f.traits().zeroCentred();
        double[] nearAsymptote = nearAsymptote(f, a, n, units, config.saturatedUnitShare());
        return new LayerHealth(index, f.spec(), units, mean, std, (double) saturatedPairs / size,
                (double) saturatedUnits / units, (double) deadUnits / units, steps.signCoherence(),
                steps.gradientNorm(), steps.biasGradientNorm(), steps.updateRatio(),
                Histogram.of(z, 0, size, config.histogramBins()), scan.saturatesBothSides(config.saturationThreshold()),
                zeroCentred, nearAsymptote[0], nearAsymptote[1]);
    }

    /**
     * The output-near-asymptote criterion (see {@link Asymptotes}) over activations a (n × units):
     * {share of (sample, unit) pairs near an asymptote, share of units near one on at least
     * {@code unitShare} of the samples}; both NaN when f is not bounded on both sides.
     */
    static double[] nearAsymptote(Activation f, float[] a, int n, int units, double unitShare) {
        Asymptotes limits = Asymptotes.of(f);
        if (!limits.applies()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long pairs = 0;
        int flaggedUnits = 0;
        for (int j = 0; j < units; j++) {
            int near = limits.count(a, n, units, j);
            pairs += near;
            if (near >= unitShare * n) {
                flaggedUnits++;
            }
        }
        return new double[] {(double) pairs / ((long) n * units), (double) flaggedUnits / units};
    }

    /** Per unit: on how many samples it is saturated, and whether f′ = 0 on all of them. */
    static final class UnitCounts {
        final int[] saturated;
        final boolean[] dead;
        final double unitShare;

        private UnitCounts(int units, double unitShare) {
            this.saturated = new int[units];
            this.dead = new boolean[units];
            this.unitShare = unitShare;
        }

        static UnitCounts of(Activation f, float[] z, float[] a, int n, int units, DiagnosticsConfig config) {
            int size = n * units;
            float[] slope = new float[size];
            float[] ones = new float[size];
            java.util.Arrays.fill(ones, 1f);
            // dL/da = 1 turns the backward kernel into f'(z) for the whole array at once.
            Kernels.activations().backward(f, z, 0, a, 0, ones, 0, slope, 0, size, null);
            float limit = SlopeScan.of(f).limit(config.saturationThreshold());
            UnitCounts counts = new UnitCounts(units, config.saturatedUnitShare() * n);
            for (int j = 0; j < units; j++) {
                int saturated = 0;
                boolean dead = n > 0;
                for (int s = 0; s < n; s++) {
                    float d = slope[s * units + j];
                    if (Math.abs(d) < limit) {
                        saturated++;
                    }
                    dead &= d == 0f;
                }
                counts.saturated[j] = saturated;
                counts.dead[j] = dead;
            }
            return counts;
        }

        UnitState state(int unit) {
            if (dead[unit]) {
                return UnitState.DEAD;
            }
            return saturated[unit] >= unitShare ? UnitState.SATURATED : UnitState.HEALTHY;
        }
    }
}
