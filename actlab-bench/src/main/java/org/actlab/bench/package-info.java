/**
 * JMH benchmarks of actlab's activation kernels, matrix multiply and training, beside the memory
 * limit (copy and scale streams) and peer libraries (ND4J, DL4J, libtorch via DJL, ONNX Runtime,
 * TensorFlow Java). Not part of the default build: only in the {@code bench} Maven profile.
 */
package org.actlab.bench;
