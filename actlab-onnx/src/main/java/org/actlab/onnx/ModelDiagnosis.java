package org.actlab.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.actlab.data.AtomicFile;
import org.actlab.data.Dataset;
import org.actlab.diagnose.Advisor;
import org.actlab.diagnose.Diagnostics;
import org.actlab.diagnose.DiagnosticsConfig;
import org.actlab.diagnose.HealthReport;
import org.actlab.diagnose.LayerHealth;
import org.actlab.lab.run.SavedModel;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;

/**
 * The per-unit health of a trained model, actlab's or an imported ONNX MLP, on the user's data:
 * {@code actlab diagnose}'s runner. The model turns raw rows into network inputs its own way (an
 * actlab model with its features and standardisation, an ONNX model with its preprocessing nodes);
 * then {@link Diagnostics#inspect} measures every layer, with gradient figures from one full-batch
 * gradient of the model's loss when the data has labels, and without them (NaN) when it has none.
 */
public final class ModelDiagnosis {

    /** A model ready to diagnose. */
    public interface Model {
        /** Where it came from, for the report. */
        String source();

        Network network();

        /** The width of a raw input row. */
        int rawInputs();

        /** Raw rows (n × rawInputs) → network inputs. */
        float[] inputs(float[] raw, int n);
    }

    /**
     * The outcome.
     *
     * @param model  the model's source
     * @param layout inputs and layers, e.g. {@code "784 -> 64 relu -> 10 identity+softmax"}
     * @param data   the data's name
     * @param rows   rows evaluated
     * @param labels whether gradients were computed (labels given)
     * @param report the health report (epoch −1)
     */
    public record Result(String model, String layout, String data, int rows, boolean labels, HealthReport report) {
    }

    private ModelDiagnosis() {
    }

    /**
     * Loads a model: ONNX when the file name ends in {@code .onnx} or the file does not start with
     * '{', else an actlab model JSON ({@code actlab train --save}).
     */
    public static Model load(Path file) {
        Objects.requireNonNull(file, "file");
        if (isJson(file)) {
            SavedModel saved = SavedModel.read(file);
            return new Model() {
                public String source() {
                    return file.toString();
                }

                public Network network() {
                    return saved.network();
                }

                public int rawInputs() {
                    return saved.data().rawFeatures();
                }

                public float[] inputs(float[] raw, int n) {
                    return saved.inputs(raw, n);
                }
            };
        }
        OnnxImport.Imported imported = OnnxImport.read(file);
        return new Model() {
            public String source() {
                return file + (imported.producer().isEmpty() ? "" : " (" + imported.producer() + ")");
            }

            public Network network() {
                return imported.network();
            }

            public int rawInputs() {
                return imported.rawInputs();
            }

            public float[] inputs(float[] raw, int n) {
                return imported.inputs(raw, n);
            }
        };
    }

    private static boolean isJson(Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            int b;
            do {
                b = in.read();
            } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
            return b == '{';
        } catch (IOException e) {
            throw AtomicFile.cannotRead(file, "model file", e);
        }
    }

    /**
     * Diagnoses the model on raw data.
     *
     * @param raw      rows of raw inputs ({@code features} must be the model's raw width) and, when
     *                 {@code labelled}, targets: one column per output, or one class index column
     *                 for a softmax model
     * @param labelled whether {@code raw.y()} holds labels
     */
    public static Result run(Model model, Dataset raw, boolean labelled, DiagnosticsConfig config) {
        Network network = model.network();
        NetworkSpec spec = network.spec();
        if (raw.features() != model.rawInputs()) {
            throw new IllegalArgumentException("the data '" + raw.name() + "' has " + raw.features()
                    + " input column(s), the model takes " + model.rawInputs());
        }
        if (raw.n() < 1) {
            throw new IllegalArgumentException("the data '" + raw.name() + "' has no rows");
        }
        int outputs = spec.outputs();
        float[] x = model.inputs(raw.x(), raw.n());
        float[] y = labelled ? targets(raw, spec) : new float[raw.n() * outputs];
        Dataset.Task task = spec.output() == NetworkSpec.Output.SOFTMAX ? Dataset.Task.MULTICLASS
                : spec.output() == NetworkSpec.Output.SIGMOID ? Dataset.Task.BINARY : Dataset.Task.REGRESSION;
        Dataset data = new Dataset(raw.name(), x, y, raw.n(), spec.inputs(), outputs, task);
        HealthReport report = Diagnostics.inspect(network, data, config);
        if (!labelled) {
            report = withoutGradients(report, config);
        }
        return new Result(model.source(), layout(network), raw.name(), raw.n(), labelled, report);
    }

    /** The report with every gradient figure NaN and the advice recomputed: no labels, no loss, no gradient. */
    static HealthReport withoutGradients(HealthReport report, DiagnosticsConfig config) {
        List<LayerHealth> layers = new ArrayList<>();
        for (LayerHealth l : report.layers()) {
            layers.add(new LayerHealth(l.index(), l.activation(), l.units(), l.meanActivation(), l.stdActivation(),
                    l.saturatedFraction(), l.saturatedUnits(), l.deadFraction(), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, l.preActivations(), l.saturating(), l.zeroCentred(), l.nearAsymptoteFraction(),
                    l.nearAsymptoteUnits()));
        }
        return new HealthReport(report.epoch(), layers, Double.NaN, Advisor.advise(layers, Double.NaN, config.advice()));
    }

    private static float[] targets(Dataset raw, NetworkSpec spec) {
        int outputs = spec.outputs();
        if (raw.targets() == outputs) {
            return raw.y();
        }
        if (raw.targets() == 1 && spec.output() == NetworkSpec.Output.SOFTMAX) {
            float[] y = new float[raw.n() * outputs];
            for (int r = 0; r < raw.n(); r++) {
                float label = raw.y()[r];
                if (label != Math.rint(label) || label < 0 || label >= outputs) {
                    throw new IllegalArgumentException("row " + (r + 1) + " of '" + raw.name() + "': label " + label
                            + " is not a class index in 0.." + (outputs - 1));
                }
                y[r * outputs + (int) label] = 1;
            }
            return y;
        }
        throw new IllegalArgumentException("the labels of '" + raw.name() + "' have " + raw.targets()
                + " column(s), the model has " + outputs + " output(s)");
    }

    static String layout(Network network) {
        StringBuilder text = new StringBuilder().append(network.spec().inputs());
        network.layers().forEach(l -> text.append(" -> ").append(l.units()).append(' ').append(l.activation().spec()));
        if (network.spec().output() == NetworkSpec.Output.SOFTMAX) {
            text.append("+softmax");
        }
        return text.toString();
    }
}
