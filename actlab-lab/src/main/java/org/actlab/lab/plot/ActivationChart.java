package org.actlab.lab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.actlab.activation.Activation;
import org.actlab.data.AtomicFile;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.actlab.diagnose.Diagnostics;

/**
 * A chart of one or more activations f (solid) and their derivatives f′ (dashed, same colour) over
 * an interval, with each function's saturated region shaded in its colour.
 *
 * <p>Saturated region: the x where |f′(x)| &lt; {@value #SATURATION_SHARE} × the function's largest
 * slope, the limit {@link Diagnostics#saturationLimit} that the diagnostics count with, tested on
 * {@value #SLOPE_SAMPLES} evenly spaced points of the interval. Non-finite derivatives are ignored. A
 * function with no slope has no saturated region drawn, since "1 % of no slope" does not describe
 * saturation.
 */
public final class ActivationChart {

    /** The share of the largest slope below which a point counts as saturated. */
    public static final double SATURATION_SHARE = 0.01;
    /** Points of the dense grid used to estimate the largest slope and the saturated intervals. */
    public static final int SLOPE_SAMPLES = 20_001;
    /** Points per curve drawn. */
    public static final int CURVE_POINTS = 801;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private ActivationChart() {
    }

    /** A closed interval [from, to] of x. */
    public record Interval(double from, double to) {
    }

    /**
     * Builds the chart.
     *
     * @throws IllegalArgumentException for no functions, or an interval that is not finite with from &lt; to
     */
    public static JFreeChart create(List<Activation> functions, double from, double to) {
        checkRange(from, to);
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("no activation to plot");
        }
        XYSeriesCollection curves = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        // One path per series, so the dash pattern runs along the curve instead of restarting per segment.
        renderer.setDrawSeriesLineAsPath(true);
        XYPlot plot = new XYPlot(curves, new NumberAxis("x"), new NumberAxis("f(x), f'(x)"), renderer);
        for (int i = 0; i < functions.size(); i++) {
            Activation f = functions.get(i);
            XYSeries value = new XYSeries(f.spec(), false, true);
            XYSeries slope = new XYSeries(f.spec() + "'", false, true);
            for (int k = 0; k < CURVE_POINTS; k++) {
                float x = (float) (from + (to - from) * k / (CURVE_POINTS - 1));
                addFinite(value, x, f.apply(x));
                addFinite(slope, x, f.derivative(x));
            }
            curves.addSeries(value);
            curves.addSeries(slope);
            Color colour = PALETTE[i % PALETTE.length];
            int valueIndex = 2 * i;
            renderer.setSeriesPaint(valueIndex, colour);
            renderer.setSeriesPaint(valueIndex + 1, colour);
            renderer.setSeriesStroke(valueIndex, new BasicStroke(2f));
            renderer.setSeriesStroke(valueIndex + 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[]{6f, 4f}, 0f));
            for (Interval saturated : saturatedIntervals(f, from, to)) {
                IntervalMarker marker = new IntervalMarker(saturated.from(), saturated.to());
                marker.setPaint(translucent(colour));
                marker.setOutlinePaint(null);
                plot.addDomainMarker(marker, Layer.BACKGROUND);
            }
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        plot.getDomainAxis().setRange(from, to);
        String title = functions.size() == 1 ? functions.get(0).spec() : "activations";
        JFreeChart chart = new JFreeChart(title + String.format(Locale.ROOT,
                " (dashed: derivative; shaded: |f'| < %.0f%% of max)", 100 * SATURATION_SHARE),
                new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void addFinite(XYSeries series, double x, float y) {
        // A gap (null) rather than an infinite value, which would wreck the axis range.
        series.add(x, Float.isFinite(y) ? (Number) y : null);
    }

    private static Paint translucent(Color colour) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 40);
    }

    /**
     * The maximal runs of grid points where |f′| &lt; {@value #SATURATION_SHARE} × the function's
     * largest slope, each as [first x, last x] of the run; empty when that slope is 0.
     */
    public static List<Interval> saturatedIntervals(Activation f, double from, double to) {
        checkRange(from, to);
        float threshold = Diagnostics.saturationLimit(f, SATURATION_SHARE);
        List<Interval> intervals = new ArrayList<>();
        if (threshold == 0) {
            return intervals;
        }
        double start = Double.NaN;
        double previous = Double.NaN;
        for (int k = 0; k < SLOPE_SAMPLES; k++) {
            float x = gridPoint(from, to, k);
            float slope = f.derivative(x);
            boolean saturated = Float.isFinite(slope) && Math.abs(slope) < threshold;
            if (saturated && Double.isNaN(start)) {
                start = x;
            } else if (!saturated && !Double.isNaN(start)) {
                intervals.add(new Interval(start, previous));
                start = Double.NaN;
            }
            previous = x;
        }
        if (!Double.isNaN(start)) {
            intervals.add(new Interval(start, previous));
        }
        return intervals;
    }

    private static float gridPoint(double from, double to, int k) {
        return (float) (from + (to - from) * k / (SLOPE_SAMPLES - 1));
    }

    private static void checkRange(double from, double to) {
        if (!Double.isFinite(from) || !Double.isFinite(to) || !(from < to)) {
            throw new IllegalArgumentException("plot range must be finite with from < to, got " + from + ":" + to);
        }
    }

    /** Writes the chart as SVG (JFreeSVG), whole or not at all. */
    public static void writeSvg(JFreeChart chart, Path file, int width, int height) {
        checkSize(width, height);
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new java.awt.Rectangle(0, 0, width, height));
        String svg = g.getSVGDocument();
        AtomicFile.writeUnchecked(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(svg);
            w.flush();
        });
    }

    /** Writes the chart as PNG, whole or not at all. */
    public static void writePng(JFreeChart chart, Path file, int width, int height) {
        checkSize(width, height);
        AtomicFile.writeUnchecked(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    /**
     * Writes SVG or PNG by the file's extension ({@code .svg}, {@code .png}).
     *
     * @throws IllegalArgumentException for another extension
     */
    public static void write(JFreeChart chart, Path file, int width, int height) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            writeSvg(chart, file, width, height);
        } else if (name.endsWith(".png")) {
            writePng(chart, file, width, height);
        } else {
            throw new IllegalArgumentException("cannot tell the image format of '" + file + "': use a .svg or .png name");
        }
    }

    private static void checkSize(int width, int height) {
        if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
            throw new IllegalArgumentException("image size must be 100..10000 pixels a side, got " + width + "x" + height);
        }
    }
}
