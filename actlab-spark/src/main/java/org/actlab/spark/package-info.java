/**
 * Sweeps on Apache Spark: {@link org.actlab.spark.SparkTrialExecutor} runs trials as Spark tasks,
 * one trial per partition, on {@code local[N]} or a standalone cluster. Only {@code actlab sweep
 * --spark} loads this package; the rest of actlab never sees Spark.
 */
package org.actlab.spark;
