/**
 * ONNX interoperability: {@link org.actlab.onnx.OnnxExport} writes an actlab model as an ONNX graph
 * (feature expansion, standardisation, Gemm layers, every catalogue activation as standard
 * operators); {@link org.actlab.onnx.OnnxImport} reads an ONNX MLP back into an actlab network so
 * that the diagnostics can run on a model trained elsewhere. The protobuf wire format is written and
 * read by hand over protobuf-java's coded streams ({@code Proto}); protobuf stays out of actlab-core.
 */
package org.actlab.onnx;
