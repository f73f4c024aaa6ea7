package org.actlab.lab.experiment;

import java.util.List;
import java.util.Objects;

/**
 * A figure as data, for the report (or any other front end) to draw.
 *
 * <ul>
 *   <li>{@link Kind#LINES}: x–y lines, drawn in the order given (paths may turn back);</li>
 *   <li>{@link Kind#POINTS}: x–y points without lines;</li>
 *   <li>{@link Kind#BARS}: grouped bars, each series giving one y per category (its x is empty).</li>
 * </ul>
 *
 * @param kind       how to draw
 * @param title      the chart title
 * @param xLabel     the x-axis label
 * @param yLabel     the y-axis label
 * @param logX       a logarithmic x axis (non-positive x values are dropped when drawn)
 * @param logY       a logarithmic y axis (non-positive y values are dropped when drawn)
 * @param categories bar categories; empty unless {@code kind} is {@link Kind#BARS}
 * @param series     the data
 */
public record Chart(Kind kind, String title, String xLabel, String yLabel, boolean logX, boolean logY,
                    List<String> categories, List<Series> series) {

    /** How a chart is drawn. */
    public enum Kind { LINES, POINTS, BARS }

    /**
     * One named line, point cloud or bar group.
     *
     * @param name the legend entry
     * @param x    x values (empty for bars)
     * @param y    y values, one per x (or per category)
     */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(y, "y");
            x = x == null ? new double[0] : x;
        }
    }

    public Chart {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        if ((kind == Kind.BARS) == categories.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " chart needs " + (kind == Kind.BARS ? "" : "no ")
                    + "categories, got " + categories.size());
        }
        for (Series s : series) {
            int expected = kind == Kind.BARS ? categories.size() : s.x().length;
            if (s.y().length != expected) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.y().length
                        + " y values, expected " + expected);
            }
        }
    }

    /** An x–y line chart. */
    public static Chart lines(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Series> series) {
        return new Chart(Kind.LINES, title, xLabel, yLabel, logX, logY, List.of(), series);
    }

    /** An x–y scatter chart. */
    public static Chart points(String title, String xLabel, String yLabel, List<Series> series) {
        return new Chart(Kind.POINTS, title, xLabel, yLabel, false, false, List.of(), series);
    }

    /** A grouped bar chart: each series gives one value per category. */
    public static Chart bars(String title, String xLabel, String yLabel, boolean logY, List<String> categories, List<Series> series) {
        return new Chart(Kind.BARS, title, xLabel, yLabel, false, logY, categories, series);
    }
}
