package org.actlab.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The grid every peer library's activation benchmark is measured on, written once so that the
 * peers stay comparable with each other and with {@link ActivationKernelBench}: four activations,
 * 2^20 and 2^24 floats, and the library's own intra-op thread count (1 by default). One state
 * for the benchmark: one JMH thread drives the library.
 */
@State(Scope.Benchmark)
public abstract class PeerActivationBench extends JmhDefaults {

    /** An activation id of the catalogue, mapped to the peer's op by {@link PeerFunction}. */
    @Param({"sigmoid", "tanh", "relu", "leaky_relu"})
    public String activation;

    /** Elements per operation: 2^20 and 2^24 floats. */
    @Param({"1048576", "16777216"})
    public int size;

    /** The library's intra-op threads (its session, engine or BLAS thread count). */
    @Param({"1"})
    public int threads;
}
