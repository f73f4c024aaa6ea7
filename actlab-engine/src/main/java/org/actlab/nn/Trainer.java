package org.actlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.actlab.data.Dataset;
import org.actlab.kernel.Gemm;
import org.actlab.kernel.Kernels;
import org.actlab.random.PortableRandom;

/**
 * Seeded mini-batch training of one network. It can run all epochs at once ({@link #run()}) or
 * be driven a step or an epoch at a time (the web playground's play, pause and step).
 *
 * <p>Divergence — a NaN or infinite loss or parameter, or a training loss grown explosively
 * ({@link DivergenceWatch} has the rules) — stops training with a {@link DivergenceException} that
 * says when, and for non-finite values in which layer the first one appeared.
 *
 * <h2>One step, and the class that does each part</h2>
 * <ol>
 * <li>At the start of an epoch the row order is shuffled (Fisher–Yates, from the config's seed), and
 *     the next batch of B rows is copied out: {@link BatchSampler}.</li>
 * <li>The batch is forward-propagated (stochastic activations draw from a seeded generator) and
 *     back-propagated into dW, db and dθ (prelu's slope) per layer: {@link Backprop}, the same public
 *     computation the diagnostics use. The batch loss (without penalties) must be finite.</li>
 * <li>Penalties and clipping turn the gradient into what the optimiser receives: {@link Penalties}.</li>
 * <li>The optimiser steps at the scheduled rate over the slots of {@link ParameterSlots}, which
 *     writes learnable activation parameters back into the layers; every weight, bias and slope must
 *     be finite ({@link DivergenceWatch}).</li>
 * <li>Listeners get the {@link StepSnapshot} ({@link StepCapture} fills its layers when asked);
 *     after the last batch of the epoch the train and test sets are evaluated into
 *     {@link Evaluation}s, the explosion rule is checked and listeners get the {@link EpochSnapshot}.</li>
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
    private final BatchSampler sampler;
    private final Backprop backprop;
    private final ParameterSlots slots;
    private final Penalties penalties;
    private final DivergenceWatch divergence;
    private final StepCapture capture;
    private final PortableRandom activationRandom;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final List<TrainingResult.EpochMetrics> history = new ArrayList<>();
    private final int stepsPerEpoch;
    private boolean captureLayers;
    private boolean started;
    private int epoch;
    private int stepInEpoch;
    private long globalStep;
    private EpochSnapshot lastEpoch;

    /**
     * @param network the network to train, in place
     * @param config  how to train
     * @param train   the training set
     * @param test    the test set, or null
     * @throws IllegalArgumentException for an empty training set, or data whose shape does not fit
     *                                  the network
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
        this.optimizer = config.optimizer().create();
        this.schedule = config.schedule();
        this.gemm = Kernels.gemm().withThreads(config.threads());
        PortableRandom root = new PortableRandom(config.seed());
        this.sampler = new BatchSampler(train, config.batchSize(), root.split());
        this.activationRandom = root.split();
        this.stepsPerEpoch = sampler.stepsPerEpoch();
        this.backprop = new Backprop(network, BatchSampler.capacity(train, config.batchSize()), gemm);
        this.slots = new ParameterSlots(network.layers());
        slots.initialise(optimizer);
        this.penalties = new Penalties(config.l1(), config.l2(), config.clipNorm());
        this.divergence = new DivergenceWatch(network.layers(), backprop.workspace, sampler.x, train.features());
        this.capture = new StepCapture(network.layers().size());
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
        if (divergence.stopped() != null) {
            throw new IllegalStateException("training has stopped: " + divergence.stopped());
        }
        start();
        if (stepInEpoch == 0) {
            sampler.shuffle();
        }
        int rows = sampler.fill(stepInEpoch);
        divergence.at(epoch, stepInEpoch, rows);
        double loss = backprop.forward(sampler.x, 0, sampler.y, 0, rows, activationRandom);
        divergence.checkBatchLoss(loss);
        backprop.backward();
        List<DenseLayer> layers = network.layers();
        penalties.fill(layers, backprop, slots);
        if (captureLayers) {
            capture.before(layers);
        }
        long totalSteps = Math.max(1L, (long) config.epochs() * stepsPerEpoch);
        double rate = schedule.rate(config.learningRate(), epoch, globalStep, totalSteps);
        optimizer.step(slots.values, slots.gradients, rate);
        slots.writeBack(layers, divergence);
        divergence.checkParameters();

        StepSnapshot snapshot = new StepSnapshot(epoch, stepInEpoch, globalStep, rows, loss,
                captureLayers ? capture.after(layers, backprop.workspace, rows) : List.of());
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
            while (epoch < config.epochs() && divergence.stopped() == null) {
                runEpoch();
            }
        } catch (DivergenceException e) {
            // stopped already holds the message; the history keeps the completed epochs.
        }
        TrainingResult result = new TrainingResult(history, divergence.stopped());
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
        return divergence.stopped();
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
        divergence.begin(network.evaluate(train, gemm).loss());
        for (TrainingListener listener : listeners) {
            captureLayers |= listener.capture() == TrainingListener.Capture.LAYERS;
        }
        for (TrainingListener listener : listeners) {
            listener.onStart(network, config);
        }
    }

    private void endEpoch() {
        Evaluation trainFigures = network.evaluate(train, gemm);
        Evaluation testFigures = test == null || test.n() == 0 ? Evaluation.NONE : network.evaluate(test, gemm);
        int finished = epoch;
        epoch++;
        stepInEpoch = 0;
        history.add(new TrainingResult.EpochMetrics(finished, trainFigures.loss(), testFigures.loss(),
                trainFigures.accuracy(), testFigures.accuracy()));
        // The exploded epoch stays in the history (it completed), but listeners are not told of it.
        divergence.checkEpochLoss(finished, stepsPerEpoch - 1, trainFigures.loss());
        lastEpoch = new EpochSnapshot(finished, trainFigures.loss(), testFigures.loss(), trainFigures.accuracy(),
                testFigures.accuracy(), network);
        for (TrainingListener listener : listeners) {
            listener.onEpoch(lastEpoch);
        }
    }
}
