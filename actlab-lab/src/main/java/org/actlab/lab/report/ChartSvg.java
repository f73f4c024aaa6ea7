package org.actlab.lab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import org.actlab.lab.experiment.Chart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** Draws a {@link Chart} with JFreeChart into an SVG element (JFreeSVG), for inline use in HTML. */
public final class ChartSvg {

    /** Drawing width in pixels. */
    public static final int WIDTH = 720;
    /** Drawing height in pixels. */
    public static final int HEIGHT = 400;

    /** Series longer than this are thinned to every k-th point (the last one kept). */
    static final int MAX_POINTS = 400;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private ChartSvg() {
    }

    /**
     * The chart as an {@code <svg>} element. {@code id} must be unique in the page: it prefixes the
     * element's clip-path definitions, which would otherwise clash between inline charts.
     */
    public static String svg(Chart chart, String id) {
        JFreeChart drawn = chart.kind() == Chart.Kind.BARS ? bars(chart) : xy(chart);
        drawn.setTitle(new TextTitle(chart.title(), new Font(Font.SANS_SERIF, Font.BOLD, 14)));
        drawn.setBackgroundPaint(Color.WHITE);
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        g2.setDefsKeyPrefix(id + "_");
        // Hundredths of a pixel are plenty on screen and keep the page a few times smaller.
        g2.setGeomDoubleConverter(ChartSvg::twoDecimals);
        drawn.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g2.getSVGElement(id);
    }

    private static JFreeChart xy(Chart chart) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Chart.Series s : chart.series()) {
            // No auto-sort: a path (such as an optimisation trajectory) must keep its order.
            XYSeries series = new XYSeries(s.name(), false, true);
            int n = s.y().length;
            int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
            for (int i = 0; i < n; i += stride) {
                addPoint(series, chart, s.x()[i], s.y()[i]);
            }
            if (n > 0 && (n - 1) % stride != 0) {
                addPoint(series, chart, s.x()[n - 1], s.y()[n - 1]);
            }
            data.addSeries(series);
        }
        ValueAxis xAxis = axis(chart.xLabel(), chart.logX());
        ValueAxis yAxis = axis(chart.yLabel(), chart.logY());
        boolean points = chart.kind() == Chart.Kind.POINTS;
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(!points, true);
        for (int i = 0; i < chart.series().size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            // Every other series dashed, so that a line drawn over an equal one (relu, leaky_relu) still shows.
            renderer.setSeriesStroke(i, i % 2 == 0 ? new BasicStroke(1.6f)
                    : new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
            double size = points ? 3 : chart.series().get(i).y().length > 60 ? 0 : 5;
            renderer.setSeriesShape(i, new Ellipse2D.Double(-size / 2, -size / 2, size, size));
            renderer.setSeriesShapesVisible(i, size > 0);
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        // Later series on top: the dashed one then shows over an equal solid one.
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        style(plot);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, chart.series().size() > 1);
    }

    private static void addPoint(XYSeries series, Chart chart, double x, double y) {
        boolean drawable = Double.isFinite(x) && Double.isFinite(y) && (!chart.logX() || x > 0) && (!chart.logY() || y > 0);
        if (drawable) {
            series.add(x, y);
        }
    }

    private static String twoDecimals(double v) {
        double rounded = Math.round(v * 100) / 100.0;
        return rounded == (long) rounded ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    private static ValueAxis axis(String label, boolean log) {
        if (log) {
            LogAxis axis = new LogAxis(label);
            axis.setBase(10);
            axis.setSmallestValue(1e-300);
            // Whole powers of ten only: ticks such as 10^-0.5 read badly.
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static JFreeChart bars(Chart chart) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Chart.Series s : chart.series()) {
            for (int i = 0; i < s.y().length; i++) {
                double y = s.y()[i];
                if (Double.isFinite(y) && (!chart.logY() || y > 0)) {
                    data.addValue(y, s.name(), chart.categories().get(i));
                }
            }
        }
        CategoryAxis xAxis = new CategoryAxis(chart.xLabel());
        if (chart.categories().size() > 8) {
            xAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        ValueAxis yAxis = axis(chart.yLabel(), chart.logY());
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < chart.series().size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        CategoryPlot plot = new CategoryPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, chart.series().size() > 1);
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
}
