package org.actlab.diagnose;

import org.actlab.kernel.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.actlab.activation.Activation;
import org.actlab.data.Dataset;
import org.actlab.diagnose.LayerStatistics.StepFigures;
import org.actlab.nn.Backprop;
import org.actlab.nn.DenseLayer;
import org.actlab.nn.EpochSnapshot;
import org.actlab.nn.LayerSnapshot;
import org.actlab.nn.Network;
import org.actlab.nn.StepSnapshot;
import org.actlab.nn.TrainConfig;
import org.actlab.nn.TrainingListener;
import org.actlab.nn.TrainingResult;

/**
 * Watches training and reports each layer's health.
 *
 * <p>At every optimiser step it records, per layer, ‖dL/dW‖₂, ‖dL/db‖₂, the sign coherence of the
 * weight-gradient rows and ‖ΔW‖₂/‖W‖₂; a report gives their means over the steps of the epoch it
 * reports. After every {@code evaluateEvery}-th epoch, after the last configured epoch, and in
 * {@link #onEnd} if training stopped before that, it runs the network over the evaluation set with
 * {@code Network.trace} and measures mean, standard deviation, saturation, dead units and the
 * histogram of z, then adds a {@link HealthReport} with advice to {@link #history()}.
 *
 * <p>Training calls the listener methods on its thread; {@link #latest()}, {@link #history()} and
 * {@link #gradientNormHistory()} may be read from any thread.
 */
public final class Diagnostics implements TrainingListener {

    private final Dataset evaluation;
    private final DiagnosticsConfig config;

    private final List<HealthReport> history = new ArrayList<>();
    private final List<double[]> gradientNorms = new ArrayList<>();
    private int gradientSteps;

    private Network network;
    private int configuredEpochs = -1;
    private int lastReportedEpoch = Integer.MIN_VALUE;
    private int lastCompletedEpoch = -1;

    // Sums over the steps of the epoch being accumulated, per layer.
    private int accumulatedEpoch = -1;
    private int accumulatedSteps;
    private double[] sumGradient = new double[0];
    private double[] sumBiasGradient = new double[0];
    private double[] sumCoherence = new double[0];
    private double[] sumUpdateRatio = new double[0];

    /** Diagnostics with {@link DiagnosticsConfig#defaults()}. */
    public Diagnostics(Dataset evaluation) {
        this(evaluation, DiagnosticsConfig.defaults());
    }

    /**
     * @param evaluation the samples to measure activations on, at least one
     * @param config     thresholds and schedule
     */
    public Diagnostics(Dataset evaluation, DiagnosticsConfig config) {
        this.evaluation = requireSamples(evaluation);
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The configuration. */
    public DiagnosticsConfig config() {
        return config;
    }

    @Override
    public Capture capture() {
        return Capture.LAYERS;
    }

    /** Remembers the network and the number of epochs, and clears any earlier run's record. */
    @Override
    public synchronized void onStart(Network network, TrainConfig trainConfig) {
        requireMatchingInputs(network, evaluation);
        this.network = network;
        this.configuredEpochs = trainConfig.epochs();
        // A listener reused for another training run starts a fresh record rather than mixing two runs.
        history.clear();
        gradientNorms.clear();
        gradientSteps = 0;
        lastReportedEpoch = Integer.MIN_VALUE;
        lastCompletedEpoch = -1;
        resetAccumulators(-1, 0);
    }

    @Override
    public synchronized void onStep(StepSnapshot step) {
        List<LayerSnapshot> layers = step.layers();
        if (layers.isEmpty()) {
            return;
        }
        if (step.epoch() != accumulatedEpoch || sumGradient.length != layers.size()) {
            resetAccumulators(step.epoch(), layers.size());
        }
        while (gradientNorms.size() < layers.size()) {
            // A layer first seen late (never in practice) starts with NaN for the steps it missed.
            double[] series = new double[Math.max(64, 2 * gradientSteps)];
            Arrays.fill(series, 0, gradientSteps, Double.NaN);
            gradientNorms.add(series);
        }
        for (LayerSnapshot layer : layers) {
            int i = layer.index();
            int weights = layer.units() * layer.inputs();
            double gradient = LayerStatistics.l2(layer.dW(), weights);
            sumGradient[i] += gradient;
            sumBiasGradient[i] += LayerStatistics.l2(layer.dB(), layer.units());
            sumCoherence[i] += LayerStatistics.signCoherence(layer.dW(), layer.units(), layer.inputs());
            sumUpdateRatio[i] += layer.updateNorm() / LayerStatistics.l2(layer.weights(), weights);
            double[] series = gradientNorms.get(i);
            if (series.length == gradientSteps) {
                series = Arrays.copyOf(series, 2 * series.length);
                gradientNorms.set(i, series);
            }
            series[gradientSteps] = gradient;
        }
        gradientSteps++;
        accumulatedSteps++;
    }

    @Override
    public void onEpoch(EpochSnapshot epoch) {
        boolean due;
        synchronized (this) {
            lastCompletedEpoch = epoch.epoch();
            due = (epoch.epoch() + 1) % config.evaluateEvery() == 0 || epoch.epoch() + 1 == configuredEpochs;
        }
        if (due) {
            report(epoch.epoch(), epoch.network());
        }
    }

    /** Reports the epoch in progress or last completed, when no report covers it yet. */
    @Override
    public void onEnd(TrainingResult result) {
        Network last;
        int epoch;
        synchronized (this) {
            last = network;
            epoch = Math.max(lastCompletedEpoch, accumulatedSteps > 0 ? accumulatedEpoch : -1);
            if (last == null || epoch < 0 || epoch <= lastReportedEpoch) {
                return;
            }
        }
        report(epoch, last);
    }

    /** The most recent report, if any. */
    public synchronized Optional<HealthReport> latest() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /** Every report so far, oldest first; a copy. */
    public synchronized List<HealthReport> history() {
        return List.copyOf(history);
    }

    /**
     * ‖dL/dW‖₂ of each layer at every step seen so far: element i holds layer i's series, one value
     * per optimiser step in order (for "gradient flow over time" charts); copies.
     */
    public synchronized List<double[]> gradientNormHistory() {
        List<double[]> copy = new ArrayList<>(gradientNorms.size());
        for (double[] series : gradientNorms) {
            copy.add(Arrays.copyOf(series, gradientSteps));
        }
        return copy;
    }

    /**
     * The health of a network before training. Activation figures come from the evaluation set;
     * gradient figures from the full-batch gradient of the mean loss over the evaluation set
     * ({@link Backprop#of}: no update, the network is not changed; stochastic activations use their
     * mean slope). The update ratio is NaN because no update happened, and all gradient figures are
     * NaN if the loss is not finite. The report's epoch is −1.
     */
    public static HealthReport inspect(Network network, Dataset evaluation, DiagnosticsConfig config) {
        requireSamples(evaluation);
        requireMatchingInputs(network, evaluation);
        Objects.requireNonNull(config, "config");
        List<StepFigures> figures = new ArrayList<>();
        Backprop.Gradient gradient = Backprop.of(network, evaluation);
        if (Double.isFinite(gradient.loss())) {
            for (Backprop.LayerGradient layer : gradient.layers()) {
                figures.add(new StepFigures(LayerStatistics.l2(layer.dW(), layer.units() * layer.inputs()),
                        LayerStatistics.l2(layer.dB(), layer.units()),
                        LayerStatistics.signCoherence(layer.dW(), layer.units(), layer.inputs()), Double.NaN));
            }
        }
        return evaluate(-1, network, evaluation, figures, config);
    }

    /**
     * The saturation limit of f: |f′(z)| below it counts as saturated. It is {@code share} × the
     * function's largest |f′| (found once by a dense scan of [−50, 50], see docs/DIAGNOSTICS.md),
     * rounded to float32 like the slopes compared with it, so leaky_relu(0.01) at share 0.01 is not
     * saturated. The report's charts, the CLI's plots and the playground shade and count with this.
     */
    public static float saturationLimit(Activation f, double share) {
        Objects.requireNonNull(f, "f");
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("saturation share must be in [0, 1], got " + share);
        }
        return SlopeScan.of(f).limit(share);
    }

    /**
     * Each unit's state from its pre-activations z (n × units, row-major) over n ≥ 1 samples, with
     * the definitions this package uses for {@link LayerHealth#deadFraction()} and
     * {@link LayerHealth#saturatedUnits()} (for per-unit marks in a network diagram).
     */
    public static UnitState[] unitStates(Activation f, float[] z, int n, int units, DiagnosticsConfig config) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(config, "config");
        if (n < 1 || units < 1 || z.length < (long) n * units) {
            throw new IllegalArgumentException("need n >= 1, units >= 1 and n*units <= z.length, got n=" + n
                    + ", units=" + units + ", z.length=" + z.length);
        }
        float[] a = new float[n * units];
        Kernels.activations().forward(f, z, 0, a, 0, a.length);
        LayerStatistics.UnitCounts counts = LayerStatistics.UnitCounts.of(f, z, a, n, units, config);
        UnitState[] states = new UnitState[units];
        for (int j = 0; j < units; j++) {
            states[j] = counts.state(j);
        }
        return states;
    }

    private void report(int epoch, Network net) {
        List<StepFigures> figures;
        synchronized (this) {
            figures = stepFigures(epoch);
        }
        HealthReport report = evaluate(epoch, net, evaluation, figures, config);
        synchronized (this) {
            history.add(report);
            lastReportedEpoch = Math.max(lastReportedEpoch, epoch);
        }
    }

    /** The means over the accumulated steps of {@code epoch}; empty when no step of it was seen. */
    synchronized List<StepFigures> stepFigures(int epoch) {
        List<StepFigures> figures = new ArrayList<>();
        if (epoch != accumulatedEpoch || accumulatedSteps == 0) {
            return figures;
        }
        for (int i = 0; i < sumGradient.length; i++) {
            figures.add(new StepFigures(sumGradient[i] / accumulatedSteps, sumBiasGradient[i] / accumulatedSteps,
                    sumCoherence[i] / accumulatedSteps, sumUpdateRatio[i] / accumulatedSteps));
        }
        return figures;
    }

    /** Traces the network over the evaluation set and builds the report; missing step figures are NaN. */
    static HealthReport evaluate(int epoch, Network net, Dataset evaluation, List<StepFigures> figures,
                                 DiagnosticsConfig config) {
        List<DenseLayer> layers = net.layers();
        List<Network.LayerTrace> traces = net.trace(evaluation.x(), evaluation.n());
        List<Activation> activations = new ArrayList<>(layers.size());
        List<Integer> units = new ArrayList<>(layers.size());
        for (DenseLayer layer : layers) {
            activations.add(layer.activation());
            units.add(layer.units());
        }
        return report(epoch, activations, units, traces, figures, config);
    }

    /** The report from traces over the same n samples; {@code figures} may be shorter than the layers. */
    static HealthReport report(int epoch, List<Activation> activations, List<Integer> units,
                               List<Network.LayerTrace> traces, List<StepFigures> figures, DiagnosticsConfig config) {
        List<LayerHealth> health = new ArrayList<>(traces.size());
        for (int i = 0; i < traces.size(); i++) {
            Network.LayerTrace trace = traces.get(i);
            StepFigures steps = i < figures.size() ? figures.get(i) : StepFigures.NONE;
            health.add(LayerStatistics.layerHealth(i, activations.get(i), trace.z(), trace.a(), trace.n(),
                    units.get(i), steps, config));
        }
        double ratio = HealthReport.gradientRatio(health);
        return new HealthReport(epoch, health, ratio, Advisor.whenRead(health, ratio, config.advice()));
    }

    private void resetAccumulators(int epoch, int layers) {
        accumulatedEpoch = epoch;
        accumulatedSteps = 0;
        sumGradient = new double[layers];
        sumBiasGradient = new double[layers];
        sumCoherence = new double[layers];
        sumUpdateRatio = new double[layers];
    }

    private static Dataset requireSamples(Dataset evaluation) {
        Objects.requireNonNull(evaluation, "evaluation");
        if (evaluation.n() < 1) {
            throw new IllegalArgumentException("the evaluation set '" + evaluation.name() + "' needs at least 1 sample, got 0");
        }
        return evaluation;
    }

    private static void requireMatchingInputs(Network network, Dataset evaluation) {
        int inputs = network.spec().inputs();
        if (evaluation.features() != inputs) {
            throw new IllegalArgumentException("the evaluation set '" + evaluation.name() + "' has " + evaluation.features()
                    + " features but the network has " + inputs + " inputs");
        }
    }
}
