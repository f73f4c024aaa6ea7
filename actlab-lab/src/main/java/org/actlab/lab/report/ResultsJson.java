package org.actlab.lab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import org.actlab.lab.experiment.ExperimentResult;
import org.actlab.lab.experiment.RunOptions;
import org.actlab.lab.run.RunJson;

/**
 * JSON for results: one {@link ExperimentResult} as
 * {@code {"name","claim","setup","criterion","verdict","figures","seeds","charts"}}, and the whole
 * run as {@code {"options":{…},"total_seconds":…,"results":[{…,"seconds":…}]}}, in actlab's one JSON
 * configuration ({@link RunJson}): NaN and infinite figures are written as {@code null}.
 */
public final class ResultsJson {

    private static final ObjectMapper MAPPER = RunJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    /** The shared mapper (records, indentation). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One result as a JSON object. */
    public static ObjectNode tree(ExperimentResult result) {
        return MAPPER.valueToTree(result);
    }

    /** One result as JSON text. */
    public static String json(ExperimentResult result) {
        return write(tree(result));
    }

    /** A whole run as JSON text. */
    public static String json(RunOptions options, List<ReportRunner.Timed> results, double totalSeconds) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("options", MAPPER.valueToTree(options));
        root.put("total_seconds", totalSeconds);
        ArrayNode array = root.putArray("results");
        for (ReportRunner.Timed timed : results) {
            ObjectNode node = tree(timed.result());
            node.put("seconds", timed.seconds());
            array.add(node);
        }
        return write(root);
    }

    private static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
