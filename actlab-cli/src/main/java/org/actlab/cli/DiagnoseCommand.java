package org.actlab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.actlab.data.AtomicFile;
import org.actlab.data.Csv;
import org.actlab.data.Dataset;
import org.actlab.data.Mnist;
import org.actlab.diagnose.DiagnosticsConfig;
import org.actlab.diagnose.HealthTable;
import org.actlab.lab.run.RunJson;
import org.actlab.onnx.DiagnosisPage;
import org.actlab.onnx.ModelDiagnosis;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code actlab diagnose}: the per-unit health of a trained model (actlab JSON or an ONNX MLP) on the
 * user's data, with gradient norms when the data has labels.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, defaultValueProvider = DataSetOptions.Defaults.class, sortOptions = false,
        description = "Per-unit health of a trained model on your data: dead units, saturation (slope and "
                + "output-near-asymptote criteria), mean activation, sign coherence, pre-activation histograms, "
                + "gradient norms per layer when labels are given, and advice.",
        footer = {"", "The model is an ONNX MLP (.onnx) or a model saved by 'actlab train --save' (.json).",
            "CSV: every column is an input, plus the label column when --label names one or the file has one column",
            "more than the model's inputs (then the last).", "", "Examples:",
            "  actlab diagnose --model model.onnx --data mnist --html health.html",
            "  actlab diagnose --model model.json --csv points.csv --label y --json health.json",
            "  actlab diagnose --model net.onnx --idx-images t10k-images-idx3-ubyte --idx-labels t10k-labels-idx1-ubyte"})
final class DiagnoseCommand extends ActlabCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model: FILE.onnx or FILE.json.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--data", paramLabel = "NAME", description = "A data set (see actlab data --list), or mnist.")
        String data;

        @Option(names = "--csv", paramLabel = "FILE", description = "A CSV file with a header line.")
        Path csv;

        @ArgGroup(exclusive = false)
        Idx idx;
    }

    static final class Idx {
        @Option(names = "--idx-images", required = true, paramLabel = "FILE", description = "MNIST-format IDX images (pixels scaled to [0, 1]).")
        Path images;

        @Option(names = "--idx-labels", required = true, paramLabel = "FILE", description = "MNIST-format IDX labels.")
        Path labels;
    }

    @Option(names = "--label", paramLabel = "COL", description = "CSV label column, by name or 0-based index.")
    String label;

    @Mixin
    DataSetOptions dataSet;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the result as JSON ('-' for stdout instead of the table).")
    Path json;

    @Option(names = "--html", paramLabel = "OUT", description = "Write a self-contained HTML page with the histograms.")
    Path html;

    @Override
    public Integer call() throws JsonProcessingException {
        ModelDiagnosis.Model loaded = ModelDiagnosis.load(model);
        boolean labelled = true;
        Dataset raw;
        if (source.data != null) {
            raw = dataSet.named(source.data);
        } else if (source.csv != null) {
            Csv.Table table = Csv.readTable(source.csv);
            int width = loaded.rawInputs();
            if (label == null && table.columns() == width) {
                labelled = false;
                raw = unlabelled(source.csv.toString(), table, width);
            } else if (label == null && table.columns() != width + 1) {
                throw new IllegalArgumentException(source.csv + ": the model takes " + width + " input column(s), the file has "
                        + table.columns() + " (expected " + width + ", or " + (width + 1) + " with a label)");
            } else {
                raw = Csv.load(source.csv, label, null).data();
            }
        } else {
            raw = Mnist.read(source.idx.images, source.idx.labels);
        }
        if (source.data == null) {
            raw = dataSet.first(raw);
        }
        ModelDiagnosis.Result result = ModelDiagnosis.run(loaded, raw, labelled, DiagnosticsConfig.defaults());
        PrintWriter out = out();
        String text = RunJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        if (json != null && json.toString().equals("-")) {
            out.println(text);
        } else {
            out.println("model " + result.model() + ": " + result.layout());
            out.println("data " + result.data() + ": " + result.rows() + " rows, "
                    + (result.labels() ? "with labels" : "no labels (no gradient figures)"));
            out.print(HealthTable.format(result.report()).replace("health after epoch -1", "health"));
            if (json != null) {
                AtomicFile.writeStringUnchecked(json, text + System.lineSeparator());
            }
        }
        if (html != null) {
            AtomicFile.writeStringUnchecked(html, DiagnosisPage.html(result, loaded.network()));
        }
        out.flush();
        return Main.OK;
    }

    private static Dataset unlabelled(String name, Csv.Table table, int width) {
        float[] x = new float[table.rows() * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) table.values()[i];
        }
        return new Dataset(name, x, new float[table.rows()], table.rows(), width, 1, Dataset.Task.REGRESSION);
    }
}
