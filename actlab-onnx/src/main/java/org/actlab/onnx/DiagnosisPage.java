package org.actlab.onnx;

import java.util.List;
import java.util.Locale;
import org.actlab.activation.Activation;
import org.actlab.diagnose.Advice;
import org.actlab.diagnose.HealthReport;
import org.actlab.diagnose.Histogram;
import org.actlab.diagnose.LayerHealth;
import org.actlab.nn.Network;

/**
 * {@code actlab diagnose --html}: one self-contained page (inline CSS and SVG, no scripts, no
 * external resources) with the layer table, the advice, and per layer the histogram of the
 * pre-activations z with f′ at the bin centres drawn over it.
 */
public final class DiagnosisPage {

    private static final int WIDTH = 420;
    private static final int HEIGHT = 160;

    private DiagnosisPage() {
    }

    public static String html(ModelDiagnosis.Result result, Network network) {
        HealthReport report = result.report();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>actlab diagnose: ")
                .append(escape(result.model())).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td.l{text-align:left}.layers{display:flex;flex-wrap:wrap;gap:1.5em}")
                .append("figure{margin:0}figcaption{font-size:90%}.advice li{margin-bottom:.5em}")
                .append("</style></head><body>\n");
        h.append("<h1>Unit health</h1>\n<p>Model <code>").append(escape(result.model())).append("</code>: ")
                .append(escape(result.layout())).append(". Data <code>").append(escape(result.data())).append("</code>, ")
                .append(result.rows()).append(" rows, ")
                .append(result.labels() ? "with labels (gradients from one full-batch gradient of the loss)."
                        : "without labels (no gradient figures).").append("</p>\n");
        h.append("<table><tr><th>layer</th><th>activation</th><th>units</th><th>mean a</th><th>std a</th>")
                .append("<th>saturated pairs (slope)</th><th>saturated units (slope)</th><th>near asymptote (output)</th>")
                .append("<th>dead units</th><th>sign coherence</th><th>‖dL/dW‖</th><th>‖dL/db‖</th></tr>\n");
        for (LayerHealth l : report.layers()) {
            h.append("<tr><td>").append(l.index()).append("</td><td class=\"l\">").append(escape(l.activation()))
                    .append("</td><td>").append(l.units()).append("</td><td>").append(num(l.meanActivation()))
                    .append("</td><td>").append(num(l.stdActivation())).append("</td><td>").append(pct(l.saturatedFraction()))
                    .append("</td><td>").append(pct(l.saturatedUnits())).append("</td><td>")
                    .append(pct(l.nearAsymptoteFraction())).append("</td><td>").append(pct(l.deadFraction()))
                    .append("</td><td>").append(pct(l.signCoherence())).append("</td><td>").append(num(l.gradientNorm()))
                    .append("</td><td>").append(num(l.biasGradientNorm())).append("</td></tr>\n");
        }
        h.append("</table>\n<p>Gradient ratio first/last layer: ").append(num(report.gradientRatio())).append("</p>\n");
        h.append("<h2>Advice</h2>\n");
        if (report.advice().isEmpty()) {
            h.append("<p>None: no rule fired.</p>\n");
        } else {
            h.append("<ul class=\"advice\">");
            for (Advice a : report.advice()) {
                h.append("<li><b>").append(escape(a.rule())).append("</b>: ").append(escape(a.recommendation()))
                        .append("<br><small>because ").append(escape(a.evidence())).append("</small></li>");
            }
            h.append("</ul>\n");
        }
        h.append("<h2>Pre-activations z, and f′(z) over them</h2>\n<div class=\"layers\">\n");
        List<LayerHealth> layers = report.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerHealth l = layers.get(i);
            Activation f = network.layers().get(i).activation();
            h.append("<figure>").append(histogram(l.preActivations(), f)).append("<figcaption>layer ").append(i)
                    .append(" (").append(escape(l.activation())).append("): bars = (sample, unit) pairs per bin of z; ")
                    .append("line = f′ at the bin centres (right scale)</figcaption></figure>\n");
        }
        h.append("</div>\n<p><small>Definitions: docs/DIAGNOSTICS.md. Written by actlab ").append(escape(OnnxExport.version()))
                .append(".</small></p>\n</body></html>\n");
        return h.toString();
    }

    static String histogram(Histogram hist, Activation f) {
        long[] counts = hist.counts();
        long most = 1;
        for (long c : counts) {
            most = Math.max(most, c);
        }
        double[] slopes = hist.derivativeAtCentres(f);
        double steepest = 0;
        for (double s : slopes) {
            if (Double.isFinite(s)) {
                steepest = Math.max(steepest, Math.abs(s));
            }
        }
        int left = 40;
        int bottom = HEIGHT - 24;
        double plot = WIDTH - left - 40;
        double bar = plot / counts.length;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>", left,
                bottom, left + plot, bottom));
        for (int b = 0; b < counts.length; b++) {
            double height = (bottom - 10) * (double) counts[b] / most;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#7aa6d8\">"
                    + "<title>z in [%.3g, %.3g): %d</title></rect>", left + b * bar, bottom - height, Math.max(bar - 1, 0.5),
                    height, hist.min() + b * hist.binWidth(), hist.min() + (b + 1) * hist.binWidth(), counts[b]));
        }
        if (steepest > 0) {
            StringBuilder points = new StringBuilder();
            for (int b = 0; b < slopes.length; b++) {
                if (Double.isFinite(slopes[b])) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + (b + 0.5) * bar,
                            bottom - (bottom - 10) * Math.abs(slopes[b]) / steepest));
                }
            }
            s.append("<polyline fill=\"none\" stroke=\"#d9534f\" stroke-width=\"2\" points=\"").append(points).append("\"/>");
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%.3g</text>", left, HEIGHT - 8, hist.min()));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.3g</text>",
                left + plot, HEIGHT - 8, hist.max()));
        s.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"14\" font-size=\"11\">%d</text>", most));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"11\" fill=\"#d9534f\" text-anchor=\"end\">"
                + "|f′| %.3g</text>", WIDTH - 2, steepest));
        return s.append("</svg>").toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
