package org.actlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DL4J 1.0.0-M2.1 (ND4J native backend, OpenBLAS): one {@code fit} of a 128-row batch of the
 * {@link MlpSetup} network in float32. {@code threads} is ND4J's thread limit; the run script
 * also sets OMP_NUM_THREADS (and OMP_WAIT_POLICY=PASSIVE for 2 threads, without which DL4J's
 * spinning OpenMP workers make 2 threads slower than 1 on this 2-core machine).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 4, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class Dl4jTrainingBench extends JmhDefaults {

    @Param({"1"})
    public int threads;

    private MultiLayerNetwork network;
    private List<DataSet> batches;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(BenchData.SEED)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(MlpSetup.LEARNING_RATE))
                .weightInit(WeightInit.RELU)
                .biasInit(0)
                .list()
                .layer(new DenseLayer.Builder().nIn(SyntheticMnist.FEATURES).nOut(MlpSetup.HIDDEN)
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(MlpSetup.HIDDEN).nOut(MlpSetup.HIDDEN)
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(MlpSetup.HIDDEN)
                        .nOut(SyntheticMnist.CLASSES).activation(Activation.SOFTMAX).build())
                .build();
        network = new MultiLayerNetwork(configuration);
        network.init();
        SyntheticMnist data = new SyntheticMnist(MlpSetup.ROWS, BenchData.SEED);
        float[] y = data.oneHot();
        batches = new ArrayList<>();
        for (int b = 0; b < MlpSetup.BATCHES; b++) {
            int from = b * MlpSetup.BATCH;
            float[] xb = Arrays.copyOfRange(data.x, from * SyntheticMnist.FEATURES, (from + MlpSetup.BATCH) * SyntheticMnist.FEATURES);
            float[] yb = Arrays.copyOfRange(y, from * SyntheticMnist.CLASSES, (from + MlpSetup.BATCH) * SyntheticMnist.CLASSES);
            batches.add(new DataSet(Nd4j.create(xb, new long[] {MlpSetup.BATCH, SyntheticMnist.FEATURES}, 'c'),
                    Nd4j.create(yb, new long[] {MlpSetup.BATCH, SyntheticMnist.CLASSES}, 'c')));
        }
        MlpSetup.checkFirstLoss("dl4j", network.score(batches.get(0)));
    }

    @Benchmark
    public double step(CpuTime cpu) {
        DataSet batch = batches.get(next);
        next = (next + 1) % batches.size();
        long started = cpu.start();
        network.fit(batch);
        cpu.stop(started);
        return network.score();
    }
}
