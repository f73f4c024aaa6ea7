package org.actlab.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.actlab.activation.Activation;
import org.actlab.data.Dataset;
import org.actlab.diagnose.LayerStatistics.StepFigures;
import org.actlab.nn.LayerSnapshot;
import org.actlab.nn.Network;
import org.actlab.nn.StepSnapshot;
import org.actlab.nn.TrainingListener;
import org.junit.jupiter.api.Test;

/** The per-step bookkeeping and the report assembly, on hand-built snapshots and traces. */
class DiagnosticsStepTest {

    private static final Dataset ONE_SAMPLE = new Dataset("one", new float[] {1, 2}, new float[] {0}, 1, 2, 1,
            Dataset.Task.REGRESSION);

    /** A 2-input, 1-unit layer with the given gradient, weights and update norm; buffers longer than needed. */
    private static LayerSnapshot layer(int index, float[] dW, float[] weights, double updateNorm, float dB) {
        return new LayerSnapshot(index, TestActivations.TANH, 2, 1, 1, new float[8], new float[8], new float[8],
                dW, new float[] {dB, 99}, weights, new float[2], updateNorm);
    }

    private static StepSnapshot step(int epoch, int stepInEpoch, long global, LayerSnapshot... layers) {
        return new StepSnapshot(epoch, stepInEpoch, global, 1, 0.5, List.of(layers));
    }

    @Test
    void stepFiguresAreMeansOverTheEpochAndTheSeriesKeepsEveryStep() {
        Diagnostics d = new Diagnostics(ONE_SAMPLE);
        assertEquals(TrainingListener.Capture.LAYERS, d.capture());
        // Layer 0: ||dW|| = 5 then 13 (3-4-5 and 5-12-13); rows (3, 4) coherent, (5, -12) not.
        // ||W|| = 10 (6, 8) and update norms 1 then 3: update ratios 0.1 then 0.3.
        // The trailing 99s lie outside units × inputs and must be ignored.
        float[] w = {6, 8, 99};
        d.onStep(step(0, 0, 0, layer(0, new float[] {3, 4, 99}, w, 1, 2), layer(1, new float[] {0, 1}, w, 0, 0)));
        d.onStep(step(0, 1, 1, layer(0, new float[] {5, -12, 99}, w, 3, 4), layer(1, new float[] {0, 3}, w, 0, 0)));
        StepFigures epoch0 = d.stepFigures(0).get(0);
        assertEquals(9.0, epoch0.gradientNorm(), 0.0);
        assertEquals(3.0, epoch0.biasGradientNorm(), 0.0);
        assertEquals(0.5, epoch0.signCoherence(), 0.0);
        assertEquals(0.2, epoch0.updateRatio(), 1e-15);
        assertEquals(2.0, d.stepFigures(0).get(1).gradientNorm(), 0.0);

        // A new epoch starts new means, while the per-step series goes on.
        d.onStep(step(1, 0, 2, layer(0, new float[] {0, 0}, w, 0, 0), layer(1, new float[] {-2, 0}, w, 0, 0)));
        assertEquals(List.of(), d.stepFigures(0));
        assertEquals(0.0, d.stepFigures(1).get(0).signCoherence(), 0.0);
        assertEquals(1.0, d.stepFigures(1).get(1).signCoherence(), 0.0);
        List<double[]> series = d.gradientNormHistory();
        assertEquals(2, series.size());
        assertArrayEquals(new double[] {5, 13, 0}, series.get(0));
        assertArrayEquals(new double[] {1, 3, 2}, series.get(1));
        assertTrue(d.latest().isEmpty());
        assertEquals(List.of(), d.history());
    }

    @Test
    void theSeriesGrowsPastItsInitialCapacity() {
        Diagnostics d = new Diagnostics(ONE_SAMPLE);
        float[] w = {1, 0};
        for (int s = 0; s < 200; s++) {
            d.onStep(step(0, s, s, layer(0, new float[] {s, 0}, w, 0, 0)));
        }
        double[] series = d.gradientNormHistory().get(0);
        assertEquals(200, series.length);
        assertEquals(199.0, series[199], 0.0);
    }

    @Test
    void aReportFromTracesCarriesTheFiguresAndTheAdvice() {
        // Two samples; hidden relu layer of 2 units, unit 1 negative on both samples (dead); identity output.
        float[] z0 = {1, -3, 2, -4};
        float[] z1 = {0.5f, -0.5f};
        List<Activation> activations = List.of(TestActivations.RELU, TestActivations.IDENTITY);
        List<Network.LayerTrace> traces = List.of(
                new Network.LayerTrace(0, 2, z0, Layers.apply(TestActivations.RELU, z0)),
                new Network.LayerTrace(1, 2, z1, z1));
        List<StepFigures> figures = List.of(new StepFigures(1e-4, 1, 0.5, 0.01), new StepFigures(0.1, 1, 0.5, 0.01));
        HealthReport report = Diagnostics.report(3, activations, List.of(2, 1), traces, figures,
                DiagnosticsConfig.defaults());
        assertEquals(3, report.epoch());
        assertEquals(2, report.layers().size());
        LayerHealth hidden = report.layers().get(0);
        assertEquals(0.5, hidden.deadFraction(), 0.0);
        assertEquals(0.75, hidden.meanActivation(), 0.0);
        assertEquals(1e-4, hidden.gradientNorm(), 0.0);
        assertEquals(0.001, report.gradientRatio(), 1e-15);
        assertEquals(List.of(Advisor.DEAD_UNITS, Advisor.VANISHING),
                report.advice().stream().map(Advice::rule).collect(java.util.stream.Collectors.toList()));

        HealthReport noGradients = Diagnostics.report(0, activations, List.of(2, 1), traces, List.of(),
                DiagnosticsConfig.defaults());
        assertTrue(Double.isNaN(noGradients.layers().get(1).gradientNorm()));
        assertTrue(Double.isNaN(noGradients.gradientRatio()));
        assertEquals(List.of(Advisor.DEAD_UNITS),
                noGradients.advice().stream().map(Advice::rule).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void anEmptyEvaluationSetIsRejectedWithItsName() {
        Dataset empty = new Dataset("nothing", new float[0], new float[0], 0, 2, 1, Dataset.Task.REGRESSION);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Diagnostics(empty));
        assertTrue(e.getMessage().contains("'nothing'") && e.getMessage().contains("got 0"), e.getMessage());
    }
}
