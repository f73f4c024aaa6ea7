package org.actlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.actlab.data.Csv;
import org.actlab.lab.run.SavedModel;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code actlab predict}: one CSV output row per input row. Inputs are raw rows as the training data
 * had them; the model applies its own feature expansion and standardisation.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a model saved by 'actlab train --save'; prints CSV, one row per input.",
        footer = {"", "Output columns: p (probability of class 1) for a sigmoid output; p0..pK-1 and class for softmax;",
            "y (or y1..yK) otherwise.", "", "Examples:", "  actlab predict --model model.json --x 0.5,1.0 --x -1,2",
            "  actlab predict --model model.json --csv points.csv --label label"})
final class PredictCommand extends ActlabCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model JSON.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Inputs inputs;

    static final class Inputs {
        @Option(names = "--x", paramLabel = "X1,X2,...", description = "One input row, comma-separated; repeat for more rows.")
        List<String> rows;

        @Option(names = "--csv", paramLabel = "FILE", description = "A CSV file with a header line ('-': standard input); every column is an input unless --label names one to drop.")
        Path csv;
    }

    @Option(names = "--label", paramLabel = "COL", description = "A CSV column to ignore (the label), by name or index.")
    String label;

    @Override
    public Integer call() {
        SavedModel saved = SavedModel.read(model);
        Network network = saved.network();
        int width = saved.data().rawFeatures();
        float[] raw;
        int rows;
        if (inputs.rows != null) {
            rows = inputs.rows.size();
            raw = new float[rows * width];
            for (int r = 0; r < rows; r++) {
                String[] cells = inputs.rows.get(r).split(",", -1);
                if (cells.length != width) {
                    throw new IllegalArgumentException("--x '" + inputs.rows.get(r) + "': the model takes " + width
                            + " value(s) per row, got " + cells.length);
                }
                for (int j = 0; j < width; j++) {
                    raw[r * width + j] = Numbers.parseFloat(cells[j], "--x");
                    if (!Float.isFinite(raw[r * width + j])) {
                        // A network maps NaN or an infinity to NaN: refuse it rather than print NaNs.
                        throw new IllegalArgumentException("--x '" + inputs.rows.get(r) + "': value " + (j + 1) + " ('"
                                + cells[j].strip() + "') is not a finite float; model inputs must be finite");
                    }
                }
            }
        } else {
            Csv.Table table = Csv.readTable(inputs.csv);
            int drop = label == null ? -1 : table.column(label);
            int columns = table.columns() - (drop >= 0 ? 1 : 0);
            if (columns != width) {
                throw new IllegalArgumentException(inputs.csv + ": the model takes " + width + " input column(s), the file has "
                        + columns + (drop >= 0 ? " besides the label" : " (use --label to drop a label column)"));
            }
            rows = table.rows();
            raw = new float[rows * width];
            for (int r = 0; r < rows; r++) {
                int k = 0;
                for (int j = 0; j < table.columns(); j++) {
                    if (j != drop) {
                        raw[r * width + k++] = (float) table.values()[r * table.columns() + j];
                    }
                }
            }
        }
        float[] x = saved.inputs(raw, rows);
        NetworkSpec netSpec = saved.spec();
        int outputs = netSpec.outputs();
        float[] predictions = new float[rows * outputs];
        if (rows > 0) {
            network.predict(x, rows, predictions);
        }
        PrintWriter out = out();
        out.println(header(netSpec));
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            line.setLength(0);
            int best = 0;
            for (int k = 0; k < outputs; k++) {
                float p = predictions[r * outputs + k];
                line.append(k > 0 ? "," : "").append(p);
                if (p > predictions[r * outputs + best]) {
                    best = k;
                }
            }
            if (netSpec.output() == NetworkSpec.Output.SOFTMAX) {
                line.append(',').append(best);
            }
            out.println(line);
            if (r % 1024 == 1023 && Output.closed(out)) {
                return Main.OK;
            }
        }
        out.flush();
        return Main.OK;
    }

    private static String header(NetworkSpec spec) {
        int outputs = spec.outputs();
        List<String> names = new ArrayList<>();
        if (spec.output() == NetworkSpec.Output.SOFTMAX) {
            for (int k = 0; k < outputs; k++) {
                names.add("p" + k);
            }
            names.add("class");
        } else if (spec.output() == NetworkSpec.Output.SIGMOID && outputs == 1) {
            names.add("p");
        } else if (outputs == 1) {
            names.add("y");
        } else {
            for (int k = 1; k <= outputs; k++) {
                names.add("y" + k);
            }
        }
        return String.join(",", names);
    }
}
