package org.actlab.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link JmhDefaults} for benchmarks of actlab's own code: the forked JVM also loads the Vector
 * API's incubator module, so the kernels take their vector path.
 */
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public abstract class VectorJmhDefaults extends JmhDefaults {
}
