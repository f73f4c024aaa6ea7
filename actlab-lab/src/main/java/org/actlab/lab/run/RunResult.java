package org.actlab.lab.run;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.actlab.nn.TrainingResult;

/**
 * The outcome of one {@link TrainingRun}, the one JSON document the CLI, the web server and the
 * report share:
 * <pre>{@code
 * {"config": {...RunConfig...},
 *  "data": {"name", "task", "features", "featureNames", "trainRows", "testRows", "standardisation"},
 *  "metrics": {"trainLoss", "testLoss", "trainAccuracy", "testAccuracy"},
 *  "history": [{"epoch", "trainLoss", "testLoss", "trainAccuracy", "testAccuracy"}, ...],
 *  "stopped": null or why training stopped early,
 *  ...extras}
 * }</pre>
 * Non-finite figures are written as {@code null} ({@link RunJson}).
 *
 * <p>Extras: later stages add top-level members with {@link #with(String, Object)}; the diagnostics
 * add {@code "layers"} (the last {@code HealthReport}'s layers), {@code "advice"} and
 * {@code "layerHistory"} (one health report per evaluation) when {@link TrainingRun#diagnose} is on.
 */
@JsonPropertyOrder({"config", "data", "metrics", "history", "stopped"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public final class RunResult {

    /** The final figures; accuracies are NaN for regression, test figures NaN without a test set. */
    public record Metrics(double trainLoss, double testLoss, double trainAccuracy, double testAccuracy) {
    }

    private final RunConfig config;
    private final DataSummary data;
    private final Metrics metrics;
    private final List<TrainingResult.EpochMetrics> history;
    private final String stopped;
    private final Map<String, Object> extras;

    public RunResult(RunConfig config, DataSummary data, Metrics metrics, List<TrainingResult.EpochMetrics> history,
                     String stopped) {
        this(config, data, metrics, history, stopped, Map.of());
    }

    private RunResult(RunConfig config, DataSummary data, Metrics metrics, List<TrainingResult.EpochMetrics> history,
                      String stopped, Map<String, Object> extras) {
        this.config = Objects.requireNonNull(config, "config");
        this.data = Objects.requireNonNull(data, "data");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.history = List.copyOf(history);
        this.stopped = stopped;
        this.extras = extras;
    }

    /**
     * A copy with one more top-level JSON member.
     *
     * @throws IllegalArgumentException when the key is one of the fixed members or already added
     */
    public RunResult with(String key, Object value) {
        if (List.of("config", "data", "metrics", "history", "stopped").contains(key) || extras.containsKey(key)) {
            throw new IllegalArgumentException("result member '" + key + "' already exists");
        }
        Map<String, Object> more = new LinkedHashMap<>(extras);
        more.put(key, value);
        return new RunResult(config, data, metrics, history, stopped, java.util.Collections.unmodifiableMap(more));
    }

    @JsonProperty
    public RunConfig config() {
        return config;
    }

    @JsonProperty
    public DataSummary data() {
        return data;
    }

    @JsonProperty
    public Metrics metrics() {
        return metrics;
    }

    @JsonProperty
    public List<TrainingResult.EpochMetrics> history() {
        return history;
    }

    /** Null when all epochs ran, else why training stopped (for example divergence). */
    @JsonProperty
    public String stopped() {
        return stopped;
    }

    /** The extra members, in the order added. */
    @JsonAnyGetter
    public Map<String, Object> extras() {
        return extras;
    }

    /** True when training stopped early (the CLI's exit code 3). */
    public boolean diverged() {
        return stopped != null;
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        return RunJson.write(this);
    }
}
