package org.actlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.actlab.lab.run.SavedModel;
import org.actlab.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code actlab export}: a saved model as ONNX (docs/INTEROP.md). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a model saved by 'actlab train --save' as an ONNX model (opset 17) that takes the same raw "
                + "inputs as 'actlab predict' and gives the same outputs.",
        footer = {"", "Examples:", "  actlab export --model model.json --onnx model.onnx"})
final class ExportCommand extends ActlabCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model JSON.")
    Path model;

    @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "The ONNX file to write (whole or not at all).")
    Path onnx;

    @Override
    public Integer call() {
        SavedModel saved = SavedModel.read(model);
        OnnxExport.write(saved, onnx);
        PrintWriter out = out();
        out.println(String.format(Locale.ROOT, "wrote %s: ONNX opset %d, %d raw input(s) -> %d output(s), %d layer(s)",
                onnx, OnnxExport.OPSET, saved.data().rawFeatures(), saved.spec().outputs(), saved.network().layers().size()));
        out.flush();
        return Main.OK;
    }
}
