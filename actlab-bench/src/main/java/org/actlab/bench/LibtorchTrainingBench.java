package org.actlab.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * libtorch 2.7.1 through DJL 0.36.0: one training step of the {@link MlpSetup} network on a
 * 128-row batch (copy the batch into libtorch, forward, softmax cross-entropy, autograd backward,
 * SGD update), as DJL's own training loop does it but without its metrics and listeners.
 * {@code threads} is libtorch's intra-op thread count.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 4, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dai.djl.offline=true"})
public class LibtorchTrainingBench extends JmhDefaults {

    @Param({"1"})
    public int threads;

    private Model model;
    private Trainer trainer;
    private float[][] inputs;
    private float[][] labels;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Engine engine = LibtorchActivationBench.engine(threads);
        engine.setRandomSeed((int) BenchData.SEED);
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(MlpSetup.HIDDEN).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(MlpSetup.HIDDEN).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(SyntheticMnist.CLASSES).build());
        model = Model.newInstance("mlp", engine.getEngineName());
        model.setBlock(net);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT)
                .optInitializer(new ConstantInitializer(0), Parameter.Type.BIAS)
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed((float) MlpSetup.LEARNING_RATE)).build());
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(MlpSetup.BATCH, SyntheticMnist.FEATURES));
        SyntheticMnist data = new SyntheticMnist(MlpSetup.ROWS, BenchData.SEED);
        inputs = new float[MlpSetup.BATCHES][];
        labels = new float[MlpSetup.BATCHES][];
        for (int b = 0; b < MlpSetup.BATCHES; b++) {
            int from = b * MlpSetup.BATCH;
            inputs[b] = Arrays.copyOfRange(data.x, from * SyntheticMnist.FEATURES, (from + MlpSetup.BATCH) * SyntheticMnist.FEATURES);
            labels[b] = new float[MlpSetup.BATCH];
            for (int i = 0; i < MlpSetup.BATCH; i++) {
                labels[b][i] = data.labels[from + i];
            }
        }
        MlpSetup.checkFirstLoss("libtorch", stepOnce());
    }

    @Benchmark
    public float step(CpuTime cpu) {
        long started = cpu.start();
        float loss = stepOnce();
        cpu.stop(started);
        return loss;
    }

    private float stepOnce() {
        int b = next;
        next = (next + 1) % MlpSetup.BATCHES;
        float loss;
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDArray x = batch.create(inputs[b], new Shape(MlpSetup.BATCH, SyntheticMnist.FEATURES));
            NDArray y = batch.create(labels[b], new Shape(MlpSetup.BATCH));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray lossValue = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                collector.backward(lossValue);
                loss = lossValue.getFloat();
            }
            trainer.step();
        }
        return loss;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trainer.close();
        model.close();
    }
}
