package org.actlab.lab.sweep;

import java.util.List;
import org.actlab.text.DidYouMean;

/**
 * What a sweep's HTML report shows: the metric it ranks and colours by, and the two swept options of
 * its heatmap. A presentation choice, not part of the spec: {@code --resume} of a finished sweep
 * draws the report again with another view.
 *
 * @param metric a results column ({@link #METRICS}), or null for the default: mean test accuracy, or
 *               test loss when no trial has an accuracy (regression)
 * @param x      the heatmap's columns: a swept option, or null for the first swept option
 * @param y      the heatmap's rows: another swept option, or null for the second (if any)
 */
public record ReportView(String metric, String x, String y) {

    /** The metrics a report can show: accuracies rank higher-is-better, the others lower-is-better. */
    public static final List<String> METRICS = List.of("testAccuracy", "testLoss", "trainAccuracy", "trainLoss",
            "gradientRatio", "wallSeconds");

    /** The default view: the default metric over the first two swept options. */
    public static final ReportView DEFAULT = new ReportView(null, null, null);

    public ReportView {
        if (metric != null && !METRICS.contains(metric)) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'" + DidYouMean.hint(metric, METRICS)
                    + "; metrics: " + String.join(", ", METRICS));
        }
        if (x == null && y != null) {
            throw new IllegalArgumentException("a heatmap row option '" + y + "' needs a column option");
        }
        if (x != null && x.equals(y)) {
            throw new IllegalArgumentException("the heatmap needs two different options, got '" + x + "' twice");
        }
    }

    /** Whether a higher value of the metric is better. */
    static boolean higherIsBetter(String metric) {
        return metric.endsWith("Accuracy");
    }

    /**
     * This view with its options checked against the sweep's swept options and given as their
     * canonical names ({@code activation} becomes {@code activations}).
     *
     * @throws IllegalArgumentException naming an option that is not swept
     */
    public ReportView checkedAgainst(SweepSpec spec) {
        List<String> swept = spec.swept();
        return new ReportView(metric, swept(x, swept), swept(y, swept));
    }

    private static String swept(String option, List<String> swept) {
        if (option == null) {
            return null;
        }
        String name = SweepSpec.option(option);
        if (!swept.contains(name)) {
            throw new IllegalArgumentException("heatmap option '" + option + "' is not swept; swept: "
                    + (swept.isEmpty() ? "none" : String.join(", ", swept)));
        }
        return name;
    }
}
