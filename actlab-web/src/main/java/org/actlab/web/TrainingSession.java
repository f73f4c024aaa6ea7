package org.actlab.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.data.Dataset;
import org.actlab.diagnose.Advice;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.HealthReport;
import org.actlab.diagnose.Histogram;
import org.actlab.diagnose.LayerHealth;
import org.actlab.lab.run.TrainingRun;
import org.actlab.nn.DenseLayer;
import org.actlab.nn.DivergenceException;
import org.actlab.nn.EpochSnapshot;
import org.actlab.nn.Network;
import org.actlab.nn.StepSnapshot;
import org.actlab.nn.Trainer;
import org.actlab.nn.TrainingListener;

/**
 * One browser's run: a network trained by the engine's {@link Trainer}, driven an epoch or a step at
 * a time, with its loss history and diagnostics. All training and reading of the network happens
 * under this object's monitor, so a step request and the background player never interleave.
 */
final class TrainingSession {

    /** History points kept; beyond this every other point is dropped, so long runs keep their shape. */
    static final int HISTORY_LIMIT = 2000;

    /**
     * Epochs after which the diagnostics listener is replaced by a fresh one: it keeps every report
     * and every step's gradient norm, which would grow without bound in a session left playing.
     */
    static final int DIAGNOSTICS_RENEWAL = 200;

    final String id;
    private final Limits limits;

    private PlaygroundConfig config;
    private PlaygroundRun run;
    private Network network;
    private Trainer trainer;
    private RenewingDiagnostics diagnostics;
    private final List<Payloads.HistoryPoint> history = new ArrayList<>();
    private long globalStep;
    /** Epochs and steps run by earlier trainers of the same network (see {@link #retune}). */
    private int epochBase;
    private long stepBase;
    private long stepOfLastPoint = -1;
    private Payloads.Divergence diverged;

    private volatile boolean playing;

    TrainingSession(String id, PlaygroundConfig config, Limits limits) {
        this.id = id;
        this.limits = limits;
        reset(config);
    }

    /** Rebuilds data and network from a config: epoch 0, empty history, paused. */
    synchronized void reset(PlaygroundConfig newConfig) {
        PlaygroundRun newRun = PlaygroundRun.of(newConfig, limits);
        Network newNetwork = newRun.runner().network();
        // Only once everything built is the old run replaced: a bad config leaves the session as it was.
        attach(newConfig, newRun, newNetwork);
        history.clear();
        epochBase = 0;
        stepBase = 0;
        globalStep = 0;
        stepOfLastPoint = -1;
        diverged = null;
        playing = false;
    }

    /**
     * Applies settings that leave the network's shape alone, as the TF Playground does for the learning rate,
     * the regularisation and the batch size, and for "Regenerate" (new data): the weights, the epoch count
     * and the history stay, and training goes on (playing or not) with a new {@link Trainer} over the same
     * network. Optimiser state (momentum, Adam's moments) starts afresh.
     *
     * @throws IllegalArgumentException when the config changes the network (features, layers, output, loss or
     *                                  initialisers); those need {@link #reset}
     * @throws IllegalStateException    after divergence
     */
    synchronized void retune(PlaygroundConfig newConfig) {
        requireNotDiverged();
        PlaygroundRun newRun = PlaygroundRun.of(newConfig, limits);
        if (!newRun.runner().network().spec().equals(network.spec())) {
            throw new IllegalArgumentException("these settings change the network (features, layers, output, loss or"
                    + " initialisers); reset it instead");
        }
        int epochs = epoch();
        long steps = globalStep;
        attach(newConfig, newRun, network);
        epochBase = epochs;
        stepBase = steps;
        // The losses of the last history point are for the old data: the next update recomputes them.
        stepOfLastPoint = -1;
    }

    /** {@link #retune} and the state after it, under one hold of the monitor. */
    synchronized Payloads.State retuned(PlaygroundConfig newConfig) {
        retune(newConfig);
        return state();
    }

    /** A new trainer, diagnostics and data over {@code newNetwork}; the counters are the caller's business. */
    private void attach(PlaygroundConfig newConfig, PlaygroundRun newRun, Network newNetwork) {
        TrainingRun prepared = newRun.runner();
        Trainer newTrainer = new Trainer(newNetwork, prepared.trainConfig(), prepared.train(), prepared.test());
        RenewingDiagnostics newDiagnostics = new RenewingDiagnostics(newRun);
        newTrainer.addListener(newDiagnostics);
        newTrainer.addListener(new TrainingListener() {
            @Override
            public void onStep(StepSnapshot step) {
                globalStep = stepBase + step.globalStep() + 1;
            }

            @Override
            public void onEpoch(EpochSnapshot epoch) {
                recordEpoch(epoch);
            }
        });
        config = newConfig;
        run = newRun;
        network = newNetwork;
        trainer = newTrainer;
        diagnostics = newDiagnostics;
    }

    /** Epochs completed by this network, over every trainer it has had. */
    synchronized int epoch() {
        return epochBase + trainer.epoch();
    }

    /**
     * Sets one weight ({@code input} ≥ 0) or one bias ({@code input} = -1) by hand, as the TF Playground's
     * click-to-edit does; training goes on from the edited network.
     *
     * @throws IllegalArgumentException naming the bad index or value
     * @throws IllegalStateException    after divergence
     */
    synchronized void setParameter(int layer, int unit, int input, double value) {
        requireNotDiverged();
        DenseLayer target = layerOfUnit(layer, unit);
        if (input < -1 || input >= target.inputs()) {
            throw new IllegalArgumentException("input of layer " + layer + " must be in 0.." + (target.inputs() - 1)
                    + " (or absent for the bias), got " + input);
        }
        if (!Double.isFinite(value) || Math.abs(value) > MAX_EDIT) {
            throw new IllegalArgumentException("value must be a finite number in [-" + MAX_EDIT + ", " + MAX_EDIT + "], got " + value);
        }
        if (input < 0) {
            target.bias()[unit] = (float) value;
        } else {
            target.weights()[unit * target.inputs() + input] = (float) value;
        }
        // The losses of the last history point were for the old weights.
        stepOfLastPoint = -1;
    }

    /** The layer holding unit {@code unit} of layer {@code layer}, or a 400's message naming the bad index. */
    private DenseLayer layerOfUnit(int layer, int unit) {
        List<DenseLayer> layers = network.layers();
        if (layer < 0 || layer >= layers.size()) {
            throw new IllegalArgumentException("layer must be in 0.." + (layers.size() - 1) + ", got " + layer);
        }
        DenseLayer target = layers.get(layer);
        if (unit < 0 || unit >= target.units()) {
            throw new IllegalArgumentException("unit of layer " + layer + " must be in 0.." + (target.units() - 1) + ", got " + unit);
        }
        return target;
    }

    /** Largest magnitude a hand-edited weight or bias may take. */
    static final double MAX_EDIT = 1000;

    /** One unit's activation (the output's value for the last layer) over the full heatmap grid, row 0 at the top. */
    synchronized Payloads.Heatmap unitGrid(int layer, int unit) {
        int units = layerOfUnit(layer, unit).units();
        int cells = run.gridSize() * run.gridSize();
        float[] a = network.trace(run.grid().x(), cells).get(layer).a();
        float[] values = new float[cells];
        for (int s = 0; s < cells; s++) {
            values[s] = a[s * units + unit];
        }
        return new Payloads.Heatmap(run.gridSize(), round(values, 1000f));
    }

    synchronized PlaygroundConfig config() {
        return config;
    }

    /** Every layer's weights and biases as trained, unrounded: the weights.json export. */
    synchronized List<Payloads.LayerWeights> weights() {
        List<Payloads.LayerWeights> layers = new ArrayList<>();
        for (int i = 0; i < network.layers().size(); i++) {
            DenseLayer layer = network.layers().get(i);
            layers.add(new Payloads.LayerWeights(i, layer.activation().spec(), layer.inputs(), layer.units(),
                    layer.weights().clone(), layer.bias().clone()));
        }
        return layers;
    }

    boolean playing() {
        return playing;
    }

    void setPlaying(boolean value) {
        playing = value;
    }

    synchronized boolean diverged() {
        return diverged != null;
    }

    /**
     * One slice of a step request: whole epochs, at least one, until {@code target} epochs are done or
     * {@code budgetNanos} have passed.
     *
     * @return true when the request is finished (target reached, or training diverged)
     */
    synchronized boolean trainEpochsSlice(int target, long budgetNanos) {
        requireNotDiverged();
        long start = System.nanoTime();
        while (epoch() < target && diverged == null) {
            try {
                trainer.runEpoch();
            } catch (DivergenceException e) {
                markDiverged(e);
                break;
            }
            if (System.nanoTime() - start >= budgetNanos) {
                break;
            }
        }
        return epoch() >= target || diverged != null;
    }

    /**
     * One slice of a batch-step request: optimiser steps, at least one, until {@code batches} are done or
     * {@code budgetNanos} have passed.
     *
     * @return the steps taken (fewer than asked when the budget ran out or training diverged)
     */
    synchronized int trainStepsSlice(int batches, long budgetNanos) {
        requireNotDiverged();
        long start = System.nanoTime();
        int done = 0;
        while (done < batches && diverged == null) {
            try {
                trainer.step();
                done++;
            } catch (DivergenceException e) {
                markDiverged(e);
                return batches;
            }
            if (System.nanoTime() - start >= budgetNanos) {
                break;
            }
        }
        return done;
    }

    /**
     * The player's chunk: whole epochs, at least one and at most {@code maxEpochs}, until
     * {@code budgetNanos} have passed; null without training when the session is no longer playing once
     * the monitor is held (a reset or pause got in first).
     */
    synchronized Payloads.Update playEpochs(int maxEpochs, long budgetNanos) {
        if (!playing || diverged != null) {
            return null;
        }
        int since = epoch();
        trainEpochsSlice(since + maxEpochs, budgetNanos);
        return update(since);
    }

    private void requireNotDiverged() {
        if (diverged != null) {
            throw new IllegalStateException("training diverged at epoch " + diverged.epoch() + ", step " + diverged.step()
                    + "; reset to start again");
        }
    }

    private void markDiverged(DivergenceException e) {
        diverged = new Payloads.Divergence(e.epoch(), e.step(), e.getMessage());
        playing = false;
    }

    private void recordEpoch(EpochSnapshot epoch) {
        double[] norms = diagnostics.latestFor(epoch.epoch())
                .map(report -> report.layers().stream().mapToDouble(LayerHealth::gradientNorm).toArray())
                .orElse(new double[0]);
        stepOfLastPoint = globalStep;
        history.add(new Payloads.HistoryPoint(epochBase + epoch.epoch(), epoch.trainLoss(), epoch.testLoss(),
                epoch.trainAccuracy(), epoch.testAccuracy(), norms));
        if (history.size() > HISTORY_LIMIT) {
            // Keep the first point and every other one after it: the curve keeps its shape at half the points.
            List<Payloads.HistoryPoint> kept = new ArrayList<>(HISTORY_LIMIT / 2 + 1);
            for (int i = 0; i < history.size(); i += 2) {
                kept.add(history.get(i));
            }
            kept.add(history.get(history.size() - 1));
            history.clear();
            history.addAll(kept);
        }
    }

    /** The full state for a page that (re)connects. */
    synchronized Payloads.State state() {
        return new Payloads.State(id, config, run.domain().clone(), points(run.runner().trainPoints()), points(run.runner().testPoints()),
                List.copyOf(history), update());
    }

    synchronized List<Payloads.HistoryPoint> history() {
        return List.copyOf(history);
    }

    synchronized Optional<HealthReport> health() {
        return diagnostics.latest();
    }

    /** The live picture without history points. */
    synchronized Payloads.Update update() {
        return update(Integer.MAX_VALUE);
    }

    /** The live picture: losses, heatmap, thumbnails, weights, unit marks, diagnostics, and the history points of epochs ≥ since. */
    synchronized Payloads.Update update(int since) {
        List<Payloads.HistoryPoint> points = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && history.get(i).epoch() >= since; i--) {
            points.add(0, history.get(i));
        }
        Payloads.Health health = diagnostics.latest().map(report -> healthView(report, epochBase)).orElse(null);
        if (diverged != null) {
            return new Payloads.Update(id, epoch(), globalStep, false, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, points, null, null, List.of(), health, diverged);
        }
        double trainLoss;
        double testLoss;
        double trainAccuracy;
        double testAccuracy;
        Payloads.HistoryPoint last = history.isEmpty() ? null : history.get(history.size() - 1);
        if (last != null && stepOfLastPoint == globalStep) {
            // No step since the epoch ended: the trainer's end-of-epoch figures are for these very weights.
            trainLoss = last.trainLoss();
            testLoss = last.testLoss();
            trainAccuracy = last.trainAccuracy();
            testAccuracy = last.testAccuracy();
        } else {
            Dataset train = run.runner().train();
            Dataset test = run.runner().test();
            trainLoss = network.loss(train);
            testLoss = test.n() > 0 ? network.loss(test) : Double.NaN;
            trainAccuracy = network.accuracy(train);
            testAccuracy = test.n() > 0 ? network.accuracy(test) : Double.NaN;
        }

        int cells = run.gridSize() * run.gridSize();
        float[] out = new float[cells];
        network.predict(run.grid().x(), cells, out);
        Payloads.Heatmap heatmap = new Payloads.Heatmap(run.gridSize(), round(out, 1000f));

        Payloads.Thumbs thumbs = thumbs();

        List<Payloads.LayerState> layers = new ArrayList<>();
        Dataset train = run.runner().train();
        List<Network.LayerTrace> evaluation = network.trace(train.x(), train.n());
        for (int i = 0; i < network.layers().size(); i++) {
            DenseLayer layer = network.layers().get(i);
            Network.LayerTrace trace = evaluation.get(i);
            int n = train.n();
            int[] flags = UnitFlags.of(layer.activation(), trace.z(), n, layer.units());
            boolean[] nearAsymptote = UnitFlags.nearAsymptote(layer.activation(), trace.a(), n, layer.units());
            layers.add(new Payloads.LayerState(i, layer.activation().spec(), layer.inputs(), layer.units(),
                    round(layer.weights(), 10000f), round(layer.bias(), 10000f), flags, nearAsymptote));
        }
        return new Payloads.Update(id, epoch(), globalStep, playing, trainLoss, testLoss, trainAccuracy,
                testAccuracy, points, heatmap, thumbs, layers, health, null);
    }

    /** Every unit's activation over the thumbnail grid, as the bytes of {@link Payloads.Thumbs}. */
    private Payloads.Thumbs thumbs() {
        int cells = PlaygroundRun.THUMB * PlaygroundRun.THUMB;
        List<Network.LayerTrace> traces = network.trace(run.thumbs().x(), cells);
        int[] units = new int[traces.size()];
        int total = 0;
        for (int i = 0; i < units.length; i++) {
            units[i] = network.layers().get(traces.get(i).index()).units();
            total += units[i] * cells;
        }
        byte[] bytes = new byte[total];
        int at = 0;
        for (int i = 0; i < units.length; i++) {
            float[] a = traces.get(i).a();
            boolean probability = i == units.length - 1 && config.classification();
            for (int j = 0; j < units[i]; j++) {
                for (int s = 0; s < cells; s++) {
                    float v = a[s * units[i] + j];
                    bytes[at++] = (byte) colourByte(probability ? 2 * v - 1 : v);
                }
            }
        }
        return new Payloads.Thumbs(PlaygroundRun.THUMB, units, java.util.Base64.getEncoder().encodeToString(bytes));
    }

    /**
     * A value t on the colour scale as the byte k = round((t + 1) · 127) in 0..254, t clipped to [−1, 1], so that
     * k / 127 − 1 gives it back within 1/254 and 0 exactly (k = 127); NaN is 255, which the page paints magenta.
     */
    static int colourByte(double t) {
        if (Double.isNaN(t)) {
            return 255;
        }
        return (int) Math.round((Math.max(-1, Math.min(1, t)) + 1) * 127);
    }

    static Payloads.Health healthView(HealthReport report) {
        return healthView(report, 0);
    }

    /** As {@link #healthView(HealthReport)}, with the report's epoch counted from {@code epochBase}. */
    static Payloads.Health healthView(HealthReport report, int epochBase) {
        List<Payloads.LayerHealthView> layers = new ArrayList<>();
        for (LayerHealth layer : report.layers()) {
            Histogram histogram = layer.preActivations();
            double[] slope;
            try {
                Activation f = Activations.parse(layer.activation());
                slope = histogram.derivativeAtCentres(f);
            } catch (IllegalArgumentException e) {
                slope = new double[histogram.bins()];
            }
            layers.add(new Payloads.LayerHealthView(layer.index(), layer.activation(), layer.units(),
                    layer.meanActivation(), layer.stdActivation(), layer.saturatedFraction(), layer.saturatedUnits(),
                    layer.deadFraction(), layer.signCoherence(), layer.gradientNorm(), layer.updateRatio(),
                    histogram.min(), histogram.max(), histogram.counts(), slope, layer.nearAsymptoteFraction(),
                    layer.nearAsymptoteUnits()));
        }
        List<Payloads.AdviceView> advice = new ArrayList<>();
        for (Advice a : report.advice()) {
            advice.add(new Payloads.AdviceView(a.rule(), a.recommendation(), a.evidence()));
        }
        return new Payloads.Health(epochBase + report.epoch(), layers, report.gradientRatio(), advice);
    }

    private static Payloads.Points points(org.actlab.data.Dataset data) {
        float[] xy = new float[data.n() * 3];
        for (int i = 0; i < data.n(); i++) {
            xy[3 * i] = data.x()[i * data.features()];
            xy[3 * i + 1] = data.x()[i * data.features() + 1];
            xy[3 * i + 2] = data.y()[i * data.targets()];
        }
        return new Payloads.Points(data.n(), round(xy, 1000f));
    }

    /** Rounds to 1/scale so that the JSON stays small; non-finite values pass through. */
    static float[] round(float[] values, float scale) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            out[i] = Float.isFinite(v) && Math.abs(v) < 1e6f ? Math.round(v * scale) / scale : v;
        }
        return out;
    }

    /**
     * The diagnostics listener, replaced by a fresh one every {@link #DIAGNOSTICS_RENEWAL} epochs so that
     * its step-by-step history stays bounded; the playground keeps its own per-epoch summary.
     */
    private static final class RenewingDiagnostics implements TrainingListener {
        private final PlaygroundRun run;
        private Diagnostics current;
        private Network network;
        private org.actlab.nn.TrainConfig trainConfig;
        private int epochsSinceRenewal;

        RenewingDiagnostics(PlaygroundRun run) {
            this.run = run;
            this.current = new Diagnostics(run.runner().train());
        }

        @Override
        public Capture capture() {
            return Capture.LAYERS;
        }

        @Override
        public void onStart(Network network, org.actlab.nn.TrainConfig config) {
            this.network = network;
            this.trainConfig = config;
            current.onStart(network, config);
        }

        @Override
        public void onStep(StepSnapshot step) {
            current.onStep(step);
        }

        @Override
        public void onEpoch(EpochSnapshot epoch) {
            current.onEpoch(epoch);
            if (++epochsSinceRenewal >= DIAGNOSTICS_RENEWAL) {
                Diagnostics fresh = new Diagnostics(run.runner().train());
                fresh.onStart(network, trainConfig);
                // The fresh listener has no report yet; keep serving the last one until it makes its own.
                lastOfPrevious = current.latest().orElse(null);
                current = fresh;
                epochsSinceRenewal = 0;
            }
        }

        private HealthReport lastOfPrevious;

        Optional<HealthReport> latest() {
            Optional<HealthReport> latest = current.latest();
            return latest.isPresent() ? latest : Optional.ofNullable(lastOfPrevious);
        }

        Optional<HealthReport> latestFor(int epoch) {
            return latest().filter(report -> report.epoch() == epoch);
        }
    }
}
