package org.actlab.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * ND4J 1.0.0-M2.1 (native CPU backend): f(z) into a preallocated output array. One JMH thread;
 * {@code threads} is ND4J's own thread limit (set both here and through OMP_NUM_THREADS by the
 * run script, since libnd4j reads the environment when it loads).
 */
public class Nd4jActivationBench extends PeerActivationBench {

    private INDArray z;
    private INDArray a;
    private Op op;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        PeerFunction function = PeerFunction.of(activation);
        float[] input = BenchData.preActivations(size, BenchData.SEED);
        z = Nd4j.createFromArray(input);
        a = Nd4j.create(DataType.FLOAT, size);
        switch (function) {
            case SIGMOID:
                op = new Sigmoid(z, a);
                break;
            case TANH:
                op = new Tanh(z, a);
                break;
            case RELU:
                op = new RectifiedLinear(z, a, 0.0);
                break;
            default:
                op = new LeakyReLU(z, a, PeerFunction.LEAKY_SLOPE);
                break;
        }
        Nd4j.exec(op);
        function.check("nd4j", input, a.toFloatVector());
    }

    @Benchmark
    public INDArray forward() {
        Nd4j.exec(op);
        return a;
    }
}
