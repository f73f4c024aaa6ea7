package org.actlab.lab.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sweep's HTML report: a heatmap of the metric over two swept options, a ranking of
 * configurations with the seed spread as 95% confidence intervals, and the best configuration per
 * activation. The {@link ReportView} chooses the metric and the heatmap's options; by default the
 * metric is the mean test accuracy (higher is better), or the test loss (lower is better) when no
 * trial has an accuracy (regression), over the first two swept options. A configuration is the swept options' values;
 * its seeds are its samples.
 */
final class SweepReport {

    /** Student's t quantile t(0.975, df) for df = 1..30; beyond 30 the normal 1.96 is within 2%. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    private SweepReport() {
    }

    /** One configuration's figures over its seeds. */
    record Group(Map<String, String> key, int n, double mean, double halfWidth, int diverged, int failed) {
    }

    static double t975(int df) {
        return df < 1 ? Double.NaN : df <= T975.length ? T975[df - 1] : 1.96;
    }

    /** The report, drawn as {@code view} says; its options already checked against the spec ({@link ReportView#checkedAgainst}). */
    static String html(SweepSpec spec, SweepTable table, ReportView view) {
        String metric = view.metric() != null ? view.metric()
                : table.rows().stream().anyMatch(r -> !Double.isNaN((Double) r.get(table.column("testAccuracy"))))
                ? "testAccuracy" : "testLoss";
        boolean accuracy = ReportView.higherIsBetter(metric);
        List<String> swept = spec.swept();
        List<Group> groups = groups(table, swept, metric);
        Comparator<Group> byMetric = Comparator.comparingDouble(g -> Double.isNaN(g.mean) ? Double.POSITIVE_INFINITY
                : accuracy ? -g.mean : g.mean);
        List<Group> ranked = new ArrayList<>(groups);
        ranked.sort(byMetric);
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>actlab sweep</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:.25em .5em;text-align:right}th{background:#eee}")
                .append("td.l,th.l{text-align:left}</style></head><body>");
        s.append("<h1>Sweep: ").append(table.rows().size()).append(" trials, ").append(groups.size())
                .append(" configurations × ").append(spec.seeds()).append(" seed(s)</h1>");
        s.append("<p>Metric: <b>").append(metric).append("</b> (").append(accuracy ? "higher" : "lower")
                .append(" is better), mean over seeds; ± is the 95% confidence interval of the mean (Student's t). ")
                .append("Swept: ").append(esc(String.join(", ", swept))).append(". Diverged or failed trials count with ")
                .append("their figures (NaN figures are left out of the mean).</p>");
        if (swept.size() >= 1) {
            String x = view.x() != null ? view.x() : swept.get(0);
            String y = view.x() != null ? view.y() : swept.size() > 1 ? swept.get(1) : null;
            s.append(heatmap(table, swept, x, y, metric, accuracy));
        }
        if (swept.contains("activations")) {
            s.append("<h2>Best configuration per activation</h2><table><tr>");
            for (String o : swept) {
                s.append("<th class=l>").append(esc(o)).append("</th>");
            }
            s.append("<th>").append(metric).append("</th><th>seeds</th></tr>");
            Map<String, Group> best = new LinkedHashMap<>();
            for (Group g : ranked) {
                best.putIfAbsent(g.key.get("activations"), g);
            }
            for (Group g : best.values()) {
                s.append(row(g, swept));
            }
            s.append("</table>");
        }
        s.append("<h2>Ranking</h2><table><tr><th>rank</th>");
        for (String o : swept) {
            s.append("<th class=l>").append(esc(o)).append("</th>");
        }
        s.append("<th>").append(metric).append(" ± 95% CI</th><th>interval</th><th>seeds</th><th>diverged</th><th>failed</th></tr>");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Group g : ranked) {
            if (!Double.isNaN(g.mean)) {
                double h = Double.isNaN(g.halfWidth) ? 0 : g.halfWidth;
                lo = Math.min(lo, g.mean - h);
                hi = Math.max(hi, g.mean + h);
            }
        }
        int rank = 0;
        for (Group g : ranked) {
            s.append("<tr><td>").append(++rank).append("</td>");
            for (String o : swept) {
                s.append("<td class=l>").append(esc(g.key.get(o))).append("</td>");
            }
            s.append("<td>").append(fmt(g.mean)).append(Double.isNaN(g.halfWidth) ? "" : " ± " + fmt(g.halfWidth))
                    .append("</td><td>").append(interval(g, lo, hi)).append("</td><td>").append(g.n).append("</td><td>")
                    .append(g.diverged).append("</td><td>").append(g.failed).append("</td></tr>");
        }
        s.append("</table><p>Results: results.csv, results.parquet; spec: sweep.json.</p></body></html>\n");
        return s.toString();
    }

    private static String row(Group g, List<String> swept) {
        StringBuilder s = new StringBuilder("<tr>");
        for (String o : swept) {
            s.append("<td class=l>").append(esc(g.key.get(o))).append("</td>");
        }
        return s.append("<td>").append(fmt(g.mean)).append(Double.isNaN(g.halfWidth) ? "" : " ± " + fmt(g.halfWidth))
                .append("</td><td>").append(g.n).append("</td></tr>").toString();
    }

    /** An SVG bar from mean − h to mean + h on the common scale [lo, hi]. */
    private static String interval(Group g, double lo, double hi) {
        if (Double.isNaN(g.mean) || !(hi > lo)) {
            return "";
        }
        double w = 160;
        double h = Double.isNaN(g.halfWidth) ? 0 : g.halfWidth;
        double x0 = (g.mean - h - lo) / (hi - lo) * w;
        double x1 = (g.mean + h - lo) / (hi - lo) * w;
        double xm = (g.mean - lo) / (hi - lo) * w;
        return String.format(Locale.ROOT, "<svg width=\"%.0f\" height=\"12\"><line x1=\"%.1f\" x2=\"%.1f\" y1=\"6\" y2=\"6\" "
                + "stroke=\"#36c\" stroke-width=\"3\"/><circle cx=\"%.1f\" cy=\"6\" r=\"3\" fill=\"#036\"/></svg>", w, x0, x1, xm);
    }

    static List<Group> groups(SweepTable table, List<String> swept, String metric) {
        Map<Map<String, String>, List<List<Object>>> byKey = new LinkedHashMap<>();
        for (List<Object> row : table.rows()) {
            Map<String, String> key = new LinkedHashMap<>();
            for (String o : swept) {
                key.put(o, text(row.get(table.column(o))));
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        int m = table.column(metric);
        int div = table.column("diverged");
        int err = table.column("error");
        List<Group> out = new ArrayList<>();
        for (Map.Entry<Map<String, String>, List<List<Object>>> e : byKey.entrySet()) {
            double sum = 0;
            int n = 0;
            int diverged = 0;
            int failed = 0;
            for (List<Object> row : e.getValue()) {
                double v = (Double) row.get(m);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
                if (Boolean.TRUE.equals(row.get(div))) {
                    diverged++;
                } else if (!((String) row.get(err)).isEmpty()) {
                    failed++;
                }
            }
            double mean = n == 0 ? Double.NaN : sum / n;
            double ss = 0;
            for (List<Object> row : e.getValue()) {
                double v = (Double) row.get(m);
                if (!Double.isNaN(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            double half = n < 2 ? Double.NaN : t975(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
            out.add(new Group(e.getKey(), e.getValue().size(), mean, half, diverged, failed));
        }
        return out;
    }

    private static String heatmap(SweepTable table, List<String> swept, String xo, String yo, String metric,
                                  boolean accuracy) {
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        Map<String, double[]> cells = new LinkedHashMap<>();
        int m = table.column(metric);
        for (List<Object> row : table.rows()) {
            String x = text(row.get(table.column(xo)));
            String y = yo == null ? "" : text(row.get(table.column(yo)));
            if (!xs.contains(x)) {
                xs.add(x);
            }
            if (!ys.contains(y)) {
                ys.add(y);
            }
            double v = (Double) row.get(m);
            if (!Double.isNaN(v)) {
                double[] c = cells.computeIfAbsent(x + "\u0000" + y, k -> new double[2]);
                c[0] += v;
                c[1]++;
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] c : cells.values()) {
            lo = Math.min(lo, c[0] / c[1]);
            hi = Math.max(hi, c[0] / c[1]);
        }
        StringBuilder s = new StringBuilder("<h2>Heatmap: mean ").append(metric).append(" over ").append(esc(xo))
                .append(yo == null ? "" : " × " + esc(yo)).append("</h2><p>Averaged over seeds")
                .append(swept.size() > (yo == null ? 1 : 2) ? " and the other swept options" : "").append("; darker is better.</p><table><tr><th class=l>")
                .append(yo == null ? "" : esc(yo) + " \\ ").append(esc(xo)).append("</th>");
        for (String x : xs) {
            s.append("<th>").append(esc(x)).append("</th>");
        }
        s.append("</tr>");
        for (String y : ys) {
            s.append("<tr><th class=l>").append(esc(y)).append("</th>");
            for (String x : xs) {
                double[] c = cells.get(x + "\u0000" + y);
                if (c == null) {
                    s.append("<td>–</td>");
                    continue;
                }
                double v = c[0] / c[1];
                double t = hi > lo ? (v - lo) / (hi - lo) : 1;
                if (!accuracy) {
                    t = 1 - t;
                }
                int shade = (int) Math.round(235 - 170 * t);
                s.append(String.format(Locale.ROOT, "<td style=\"background:rgb(%d,%d,255);color:%s\">%s</td>", shade, shade,
                        t > 0.6 ? "#fff" : "#000", fmt(v)));
            }
            s.append("</tr>");
        }
        return s.append("</table>").toString();
    }

    private static String text(Object v) {
        return v instanceof Double d ? fmt(d) : String.valueOf(v);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
