package org.actlab.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * How the cost grows with size: forward passes of one activation measured at many sizes (the run
 * script's {@code sweep} suite), as a table of Gelem/s per size and library and as a log-log chart.
 * The cache regimes show as steps in the lines; docs/BENCHMARKS.md names the cache sizes.
 */
final class SizeSweep {

    /** At least this many sizes make a sweep. */
    static final int MIN_SIZES = 3;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    /**
     * Where the working set (input and output, 8 bytes per float) of one core outgrows each cache of
     * the benchmark machine (Zen 5: 48 KiB L1d, 1 MiB L2, 32 MiB L3; docs/BENCHMARKS.md), drawn as
     * dashed lines.
     */
    private static final Map<String, Integer> CACHE_FLOATS = Map.of(
            "L1d", 48 * 1024 / 8, "L2", 1024 * 1024 / 8, "L3", 32 * 1024 * 1024 / 8);

    private SizeSweep() {
    }

    /** Forward rows of one activation grouped by library and parallelism, each a map size → median Gelem/s. */
    static Map<String, TreeMap<Integer, Double>> series(List<BenchReport.Row> rows, String activation) {
        Map<String, TreeMap<Integer, Double>> out = new TreeMap<>();
        for (BenchReport.Row r : rows) {
            boolean copy = r.library().equals("memory") && r.benchmark().equals("copy");
            boolean forward = r.benchmark().equals("forward") && r.param("activation").equals(activation);
            if (!r.unit().equals("Gelem/s") || !(copy || forward)) {
                continue;
            }
            String name = (copy ? "copy (System.arraycopy)" : r.library())
                    + (r.parallelism() == 1 ? "" : " ×" + r.parallelism() + " threads");
            out.computeIfAbsent(name, k -> new TreeMap<>()).put(Integer.parseInt(r.param("size")), r.median());
        }
        out.values().removeIf(m -> m.size() < MIN_SIZES);
        // Copy is the reference line of a sweep, not a sweep of its own.
        if (out.keySet().stream().allMatch(name -> name.startsWith("copy"))) {
            out.clear();
        }
        return out;
    }

    /** The sweep as a Markdown table, one per activation that has one. */
    static void printTable(List<BenchReport.Row> rows, PrintStream out) {
        for (String activation : List.of("sigmoid", "tanh", "relu", "leaky_relu")) {
            Map<String, TreeMap<Integer, Double>> series = series(rows, activation);
            if (series.isEmpty()) {
                continue;
            }
            TreeSet<Integer> sizes = new TreeSet<>();
            series.values().forEach(m -> sizes.addAll(m.keySet()));
            out.println("Size sweep, " + activation + " forward, Gelem/s (median):");
            out.println();
            StringBuilder head = new StringBuilder("| size | bytes in + out |");
            StringBuilder rule = new StringBuilder("|---:|---:|");
            for (String name : series.keySet()) {
                head.append(' ').append(name).append(" |");
                rule.append("---:|");
            }
            out.println(head);
            out.println(rule);
            for (int size : sizes) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %s |", sizeName(size), bytes(8L * size)));
                for (TreeMap<Integer, Double> m : series.values()) {
                    Double v = m.get(size);
                    line.append(' ').append(v == null ? "—" : String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v)).append(" |");
                }
                out.println(line);
            }
            out.println();
        }
    }

    /** The log-log chart of one activation's sweep as an SVG document, or null when there is none. */
    static String svg(List<BenchReport.Row> rows, String activation) {
        Map<String, TreeMap<Integer, Double>> series = series(rows, activation);
        if (series.isEmpty()) {
            return null;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, TreeMap<Integer, Double>> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey());
            e.getValue().forEach((size, rate) -> {
                if (rate > 0) {
                    s.add((double) size, rate);
                }
            });
            data.addSeries(s);
        }
        LogAxis x = new LogAxis("floats per call (input and output: 8 bytes each)");
        x.setBase(2);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        LogAxis y = new LogAxis("Gelem/s");
        y.setBase(10);
        y.setSmallestValue(1e-3);
        // Rates as numbers (0.5, 2), not as powers of ten (10^-0.3, 10^0.3).
        y.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        List<String> names = new ArrayList<>(series.keySet());
        for (int i = 0; i < names.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, names.get(i).startsWith("actlab") ? new BasicStroke(2.4f) : new BasicStroke(1.4f));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        for (Map.Entry<String, Integer> cache : CACHE_FLOATS.entrySet()) {
            ValueMarker marker = new ValueMarker(cache.getValue(), new Color(0x999999), new BasicStroke(1f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            marker.setLabel(cache.getKey());
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(marker);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setTitle(new TextTitle(activation + " forward, one thread: Gelem/s against floats per call",
                new Font(Font.SANS_SERIF, Font.BOLD, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        SVGGraphics2D g2 = new SVGGraphics2D(900, 480);
        // Hundredths of a pixel are plenty and keep the file a few times smaller.
        g2.setGeomDoubleConverter(v -> {
            double rounded = Math.round(v * 100) / 100.0;
            return rounded == (long) rounded ? Long.toString((long) rounded) : Double.toString(rounded);
        });
        chart.draw(g2, new Rectangle(0, 0, 900, 480));
        return g2.getSVGDocument();
    }

    private static String sizeName(int n) {
        return n >= 1 << 20 && n % (1 << 20) == 0 ? (n >> 20) + "M" : n >= 1 << 10 && n % (1 << 10) == 0 ? (n >> 10) + "K" : Integer.toString(n);
    }

    private static String bytes(long b) {
        return b >= 1L << 20 ? (b >> 20) + " MiB" : (b >> 10) + " KiB";
    }
}
