package org.actlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The downloads of a session: its config, its loss history and its latest diagnostics, as JSON or CSV. */
final class Exports {

    /** The names a client may ask for. */
    static final List<String> NAMES = List.of("config.json", "history.json", "history.csv", "diagnostics.json", "diagnostics.csv",
            "weights.json");

    /** A document and its content type. */
    record Document(String text, String contentType) {
    }

    private Exports() {
    }

    static Document of(TrainingSession session, String name, ObjectMapper json) throws JsonProcessingException {
        switch (name) {
            case "config.json":
                return jsonDocument(json, session.config());
            case "weights.json":
                return jsonDocument(json, session.weights());
            case "history.json":
                return jsonDocument(json, session.history());
            case "history.csv":
                return new Document(historyCsv(session.history()), "text/csv; charset=utf-8");
            case "diagnostics.json":
                return jsonDocument(json, session.health().map(TrainingSession::healthView)
                        .map(h -> (Object) h).orElse(Map.of("epoch", -1, "layers", List.of(), "advice", List.of())));
            case "diagnostics.csv":
                return new Document(session.health().map(TrainingSession::healthView).map(Exports::healthCsv)
                        .orElse(HEALTH_HEADER + "\n"), "text/csv; charset=utf-8");
            default:
                throw new IllegalArgumentException("unknown export '" + PlaygroundConfig.shorten(name) + "'; expected one of "
                        + String.join(", ", NAMES));
        }
    }

    private static Document jsonDocument(ObjectMapper json, Object value) throws JsonProcessingException {
        return new Document(json.writerWithDefaultPrettyPrinter().writeValueAsString(value), "application/json");
    }

    /** epoch, losses, accuracies, then one gradient-norm column per layer. */
    static String historyCsv(List<Payloads.HistoryPoint> history) {
        int layers = history.stream().mapToInt(p -> p.gradientNorms().length).max().orElse(0);
        StringBuilder out = new StringBuilder("epoch,train_loss,test_loss,train_accuracy,test_accuracy");
        for (int i = 0; i < layers; i++) {
            out.append(",gradient_norm_layer").append(i);
        }
        out.append('\n');
        for (Payloads.HistoryPoint p : history) {
            out.append(p.epoch()).append(',').append(number(p.trainLoss())).append(',').append(number(p.testLoss()))
                    .append(',').append(number(p.trainAccuracy())).append(',').append(number(p.testAccuracy()));
            for (int i = 0; i < layers; i++) {
                out.append(',').append(i < p.gradientNorms().length ? number(p.gradientNorms()[i]) : "");
            }
            out.append('\n');
        }
        return out.toString();
    }

    static final String HEALTH_HEADER = "epoch,layer,activation,units,mean_activation,std_activation,saturated_fraction,"
            + "saturated_units,dead_fraction,sign_coherence,gradient_norm,update_ratio";

    static String healthCsv(Payloads.Health health) {
        StringBuilder out = new StringBuilder(HEALTH_HEADER).append('\n');
        for (Payloads.LayerHealthView l : health.layers()) {
            out.append(health.epoch()).append(',').append(l.index()).append(",\"").append(l.activation().replace("\"", "\"\""))
                    .append("\",").append(l.units()).append(',').append(number(l.meanActivation())).append(',')
                    .append(number(l.stdActivation())).append(',').append(number(l.saturatedFraction())).append(',')
                    .append(number(l.saturatedUnits())).append(',').append(number(l.deadFraction())).append(',')
                    .append(number(l.signCoherence())).append(',').append(number(l.gradientNorm())).append(',')
                    .append(number(l.updateRatio())).append('\n');
        }
        return out.toString();
    }

    /** A number as CSV text: shortest round-trip form, NaN and ±Infinity spelled out. */
    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity") : String.valueOf(v).toLowerCase(Locale.ROOT);
    }
}
