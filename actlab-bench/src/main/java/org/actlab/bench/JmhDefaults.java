package org.actlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every benchmark of this module shares, written once (JMH reads these
 * annotations from a benchmark's superclass): average time per operation in microseconds, 3
 * warm-up and 5 measured iterations of 500 ms, two forks with a fixed 1 GiB heap. A benchmark
 * extends this class (or {@link VectorJmhDefaults} for actlab's own code) and states only what
 * differs: its {@code @State} scope, a longer iteration for training, more JVM flags.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class JmhDefaults {
}
