package org.actlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.actlab.data.Dataset;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Gemm;
import org.actlab.kernel.Kernels;

/**
 * Seeded mini-batch training of one network. It can run all epochs at once ({@link #run()}) or
 * be driven a step or an epoch at a time (the web playground's play, pause and step).
 *
 * <p>A NaN or infinite loss stops training with a {@link DivergenceException} that says at which
 * epoch and step, and in which layer the first non-finite value appeared.
 *
 * <h2>One step</h2>
 * <ol>
 * <li>At the start of an epoch the row order is shuffled (Fisher–Yates, from the config's seed).</li>
 * <li>The next batch of B rows is forward-propagated (stochastic activations draw from a seeded
 *     generator); the batch loss (without penalties) must be finite.</li>
 * <li>Back-propagation gives dW, db and dθ (prelu's slope) per layer. The optimiser receives
 *     g_W = dW + λ₂·W + λ₁·sign(W) (penalties λ₂/2·‖W‖² and λ₁·‖W‖₁ on weights only, as in
 *     TensorFlow Playground), g_b = db, g_θ = dθ; with clipping, each layer's (g_W, g_b, g_θ) is
 *     scaled by min(1, clipNorm/‖(g_W, g_b, g_θ)‖₂).</li>
 * <li>The optimiser steps at the scheduled rate; prelu layers get their updated slope through
 *     {@code withParameters}; every weight, bias and slope must be finite.</li>
 * <li>Listeners get the {@link StepSnapshot}; after the last batch of the epoch the train and test
 *     sets are evaluated and listeners get the {@link EpochSnapshot}.</li>
 * </ol>
 *
 * <h2>Determinism</h2>
 * The same network, config and data give bit-identical weights, for any thread count: the
 * matrix multiply splits work over output tiles, never over a sum (see {@link Gemm}), and every
 * other reduction runs in a fixed order on the calling thread.
 */
public final class Trainer {

    private final Network network;
    private final TrainConfig config;
    private final Dataset train;
    private final Dataset test;
    private final Optimizer optimizer;
    private final Schedule schedule;
    private final Gemm gemm;
    private final ActivationKernels kernels;
    private final Workspace workspace;
    private final float[] xBatch;
    private final float[] yBatch;
    private final int[] order;
    private final SplittableRandom shuffleRandom;
    private final SplittableRandom activationRandom;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final List<TrainingResult.EpochMetrics> history = new ArrayList<>();
    private final int stepsPerEpoch;
    /** Optimiser slots: per layer weights, bias, then activation parameters when it has any. */
    private final float[][] slots;
    private final float[][] gradients;
    /** Per layer, the slot index of its weights. */
    private final int[] firstSlot;
    private final float[][] previousWeights;
    private boolean captureLayers;
    private boolean started;
    private int epoch;
    private int stepInEpoch;
    private long globalStep;
    private String stopped;
    private EpochSnapshot lastEpoch;

    /**
     * @param network the network to train, in place
     * @param config  how to train
     * @param train   the training set
     * @param test    the test set, or null
     * @throws IllegalArgumentException for a bad optimiser or schedule spec, an empty training set, or
     *                                  data whose shape does not fit the network
     */
    public Trainer(Network network, TrainConfig config, Dataset train, Dataset test) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
        this.train = Objects.requireNonNull(train, "train");
        this.test = test;
        network.checkData(train);
        if (test != null) {
            network.checkData(test);
        }
        if (train.n() == 0) {
            throw new IllegalArgumentException("training set '" + train.name() + "' is empty");
        }
        this.optimizer = Optimizers.parse(config.optimizer());
        this.schedule = Schedule.parse(config.schedule());
        this.gemm = Kernels.gemm().withThreads(config.threads());
        this.kernels = Kernels.activations();
        int batch = Math.min(config.batchSize(), train.n());
        this.workspace = new Workspace(network.layers(), batch);
        this.xBatch = new float[batch * train.features()];
        this.yBatch = new float[batch * train.targets()];
        this.order = new int[train.n()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom root = new SplittableRandom(config.seed());
        this.shuffleRandom = root.split();
        this.activationRandom = root.split();
        this.stepsPerEpoch = (train.n() + config.batchSize() - 1) / config.batchSize();

        List<DenseLayer> layers = network.layers();
        List<float[]> slotList = new ArrayList<>();
        List<float[]> gradientList = new ArrayList<>();
        List<Boolean> decayed = new ArrayList<>();
        firstSlot = new int[layers.size()];
        previousWeights = new float[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            firstSlot[l] = slotList.size();
            slotList.add(layer.weights());
            gradientList.add(new float[layer.weights().length]);
            decayed.add(true);
            slotList.add(layer.bias());
            gradientList.add(new float[layer.bias().length]);
            decayed.add(false);
            float[] parameters = layer.activation().parameters();
            if (parameters.length > 0) {
                slotList.add(parameters.clone());
                gradientList.add(new float[parameters.length]);
                decayed.add(false);
            }
        }
        slots = slotList.toArray(new float[0][]);
        gradients = gradientList.toArray(new float[0][]);
        int[] sizes = new int[slots.length];
        boolean[] decay = new boolean[slots.length];
        for (int i = 0; i < slots.length; i++) {
            sizes[i] = slots[i].length;
            decay[i] = decayed.get(i);
        }
        optimizer.initialise(sizes, decay);
    }

    /** Adds a listener; call before the first step. */
    public Trainer addListener(TrainingListener listener) {
        if (started) {
            throw new IllegalStateException("add listeners before the first step");
        }
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** One optimiser step on the next mini-batch; ends the epoch (and calls onEpoch) when the batch was its last. */
    public StepSnapshot step() {
        if (stopped != null) {
            throw new IllegalStateException("training has stopped: " + stopped);
        }
        start();
        if (stepInEpoch == 0) {
            shuffle();
        }
        int from = stepInEpoch * config.batchSize();
        int rows = Math.min(config.batchSize(), train.n() - from);
        int features = train.features();
        int targets = train.targets();
        for (int r = 0; r < rows; r++) {
            int row = order[from + r];
            System.arraycopy(train.x(), row * features, xBatch, r * features, features);
            System.arraycopy(train.y(), row * targets, yBatch, r * targets, targets);
        }
        workspace.forward(network, gemm, kernels, xBatch, 0, rows, activationRandom);
        double loss = workspace.lossSum(network, yBatch, 0, rows) / rows;
        if (!Double.isFinite(loss)) {
            throw diverge("the batch loss is " + loss, rows, true);
        }
        workspace.backward(network, gemm, kernels, xBatch, 0, yBatch, 0, rows);
        prepareGradients();
        if (captureLayers) {
            for (int l = 0; l < previousWeights.length; l++) {
                float[] weights = network.layers().get(l).weights();
                if (previousWeights[l] == null) {
                    previousWeights[l] = new float[weights.length];
                }
                System.arraycopy(weights, 0, previousWeights[l], 0, weights.length);
            }
        }
        long totalSteps = Math.max(1L, (long) config.epochs() * stepsPerEpoch);
        double rate = schedule.rate(config.learningRate(), epoch, globalStep, totalSteps);
        optimizer.step(slots, gradients, rate);
        updateActivationParameters(rows);
        checkParameters(rows);

        StepSnapshot snapshot = new StepSnapshot(epoch, stepInEpoch, globalStep, rows, loss,
                captureLayers ? layerSnapshots(rows) : List.of());
        for (TrainingListener listener : listeners) {
            listener.onStep(snapshot);
        }
        stepInEpoch++;
        globalStep++;
        if (stepInEpoch == stepsPerEpoch) {
            endEpoch();
        }
        return snapshot;
    }

    /** The rest of the current epoch. */
    public EpochSnapshot runEpoch() {
        int current = epoch;
        while (epoch == current) {
            step();
        }
        return lastEpoch;
    }

    /**
     * Runs the configured number of epochs. Divergence does not throw here: the result's
     * {@code stopped} says what happened, and the history holds the epochs before it.
     */
    public TrainingResult run() {
        start();
        try {
            while (epoch < config.epochs() && stopped == null) {
                runEpoch();
            }
        } catch (DivergenceException e) {
            // stopped already holds the message; the history keeps the completed epochs.
        }
        TrainingResult result = new TrainingResult(history, stopped);
        for (TrainingListener listener : listeners) {
            listener.onEnd(result);
        }
        return result;
    }

    /** Epochs completed so far. */
    public int epoch() {
        return epoch;
    }

    /** Steps taken so far. */
    public long globalStep() {
        return globalStep;
    }

    /** Steps in one epoch: ⌈n / batch size⌉. */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Why training stopped, or null while it can go on. */
    public String stopped() {
        return stopped;
    }

    /** The figures of every completed epoch. */
    public List<TrainingResult.EpochMetrics> history() {
        return List.copyOf(history);
    }

    /** The network being trained (live). */
    public Network network() {
        return network;
    }

    /** The optimiser, with its hyperparameters in {@code toString()}. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The matrix multiply in use, for reports. */
    public Gemm gemm() {
        return gemm;
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        for (TrainingListener listener : listeners) {
            captureLayers |= listener.capture() == TrainingListener.Capture.LAYERS;
        }
        for (TrainingListener listener : listeners) {
            listener.onStart(network, config);
        }
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffleRandom.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private void prepareGradients() {
        List<DenseLayer> layers = network.layers();
        double l1 = config.l1();
        double l2 = config.l2();
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            int slot = firstSlot[l];
            float[] weights = layer.weights();
            float[] dW = workspace.dW[l];
            float[] gW = gradients[slot];
            if (l1 == 0 && l2 == 0) {
                System.arraycopy(dW, 0, gW, 0, dW.length);
            } else {
                for (int i = 0; i < dW.length; i++) {
                    gW[i] = (float) (dW[i] + l2 * weights[i] + l1 * Math.signum(weights[i]));
                }
            }
            System.arraycopy(workspace.dB[l], 0, gradients[slot + 1], 0, layer.units());
            boolean hasParameters = workspace.dP[l].length > 0;
            if (hasParameters) {
                System.arraycopy(workspace.dP[l], 0, gradients[slot + 2], 0, workspace.dP[l].length);
            }
            if (config.clipNorm() > 0) {
                double squares = sumOfSquares(gW) + sumOfSquares(gradients[slot + 1])
                        + (hasParameters ? sumOfSquares(gradients[slot + 2]) : 0);
                double norm = Math.sqrt(squares);
                if (norm > config.clipNorm()) {
                    double scale = config.clipNorm() / norm;
                    for (int s = slot; s < slot + (hasParameters ? 3 : 2); s++) {
                        float[] g = gradients[s];
                        for (int i = 0; i < g.length; i++) {
                            g[i] = (float) (g[i] * scale);
                        }
                    }
                }
            }
        }
    }

    private static double sumOfSquares(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return sum;
    }

    private void updateActivationParameters(int rows) {
        List<DenseLayer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            if (workspace.dP[l].length == 0) {
                continue;
            }
            float[] values = slots[firstSlot[l] + 2];
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    throw diverge("layer " + l + "'s activation parameter became " + v, rows, false);
                }
            }
            DenseLayer layer = layers.get(l);
            layer.activation(layer.activation().withParameters(values.clone()));
        }
    }

    private void checkParameters(int rows) {
        for (DenseLayer layer : network.layers()) {
            if (!allFinite(layer.weights(), layer.weights().length) || !allFinite(layer.bias(), layer.bias().length)) {
                throw diverge("a weight or bias became non-finite after the update", rows, false);
            }
        }
    }

    private DivergenceException diverge(String what, int rows, boolean inForward) {
        String where = firstNonFinite(rows, inForward);
        stopped = "training diverged at epoch " + epoch + ", step " + stepInEpoch + ": " + what + "; " + where
                + " (try a smaller learning rate, gradient clipping or another initialiser)";
        return new DivergenceException(stopped, epoch, stepInEpoch);
    }

    /** Names the first layer, in forward order, holding a non-finite weight, bias, z or a. */
    private String firstNonFinite(int rows, boolean inForward) {
        if (!allFinite(xBatch, rows * train.features())) {
            return "the input batch itself holds a non-finite value";
        }
        List<DenseLayer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            String name = l == layers.size() - 1 ? "layer " + l + " (output)" : "layer " + l;
            if (!allFinite(layer.weights(), layer.weights().length)) {
                return "first non-finite value in " + name + " weights";
            }
            if (!allFinite(layer.bias(), layer.bias().length)) {
                return "first non-finite value in " + name + " bias";
            }
            if (inForward) {
                int size = rows * layer.units();
                if (!allFinite(workspace.z[l], size)) {
                    return "first non-finite value in " + name + " pre-activations z";
                }
                if (!allFinite(workspace.a[l], size)) {
                    return "first non-finite value in " + name + " activations a = " + layer.activation().spec() + "(z)";
                }
            }
        }
        return "no layer holds a non-finite value, so the targets or the loss overflowed";
    }

    private static boolean allFinite(float[] values, int count) {
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    private List<LayerSnapshot> layerSnapshots(int rows) {
        List<DenseLayer> layers = network.layers();
        List<LayerSnapshot> snapshots = new ArrayList<>(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            float[] weights = layer.weights();
            float[] before = previousWeights[l];
            double squares = 0;
            for (int i = 0; i < weights.length; i++) {
                double d = (double) weights[i] - before[i];
                squares += d * d;
            }
            snapshots.add(new LayerSnapshot(l, layer.activation(), layer.inputs(), layer.units(), rows,
                    workspace.z[l], workspace.a[l], workspace.dZ[l], workspace.dW[l], workspace.dB[l],
                    weights, layer.bias(), Math.sqrt(squares)));
        }
        return List.copyOf(snapshots);
    }

    private void endEpoch() {
        double[] trainFigures = network.evaluate(train, gemm);
        double[] testFigures = test == null || test.n() == 0 ? new double[] {Double.NaN, Double.NaN} : network.evaluate(test, gemm);
        int finished = epoch;
        epoch++;
        stepInEpoch = 0;
        history.add(new TrainingResult.EpochMetrics(finished, trainFigures[0], testFigures[0], trainFigures[1], testFigures[1]));
        lastEpoch = new EpochSnapshot(finished, trainFigures[0], testFigures[0], trainFigures[1], testFigures[1], network);
        for (TrainingListener listener : listeners) {
            listener.onEpoch(lastEpoch);
        }
    }
}
