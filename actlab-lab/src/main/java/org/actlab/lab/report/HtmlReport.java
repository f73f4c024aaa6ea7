package org.actlab.lab.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.actlab.lab.experiment.Chart;
import org.actlab.lab.experiment.Effect;
import org.actlab.lab.experiment.ExperimentResult;
import org.actlab.lab.experiment.Figures;
import org.actlab.lab.experiment.RunOptions;
import org.actlab.lab.experiment.Summary;
import org.actlab.lab.experiment.Verdict;

/**
 * The report page: one self-contained XHTML document (inline CSS and SVG, no scripts, no external
 * files) with a summary table and one section per experiment: claim, setup, criterion, verdict
 * badge, figure tables and charts. Well-formed XML, so that it can be checked with a parser.
 */
public final class HtmlReport {

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}",
            "h1{margin-bottom:.2em}h2{margin-top:2.2em;border-bottom:1px solid #ddd;padding-bottom:.2em}",
            "h3{margin:1.2em 0 .3em;font-size:1.05em}h4{margin:1em 0 .3em;font-size:.95em;color:#444}",
            "table{border-collapse:collapse;margin:.4em 0 1em;font-size:.9em}",
            "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}",
            "th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}",
            ".badge{display:inline-block;padding:.1em .6em;border-radius:.8em;color:#fff;font-size:.8em;vertical-align:middle}",
            ".supported{background:#2e7d32}.not_supported{background:#c62828}.inconclusive{background:#ef8f00}",
            ".claim{font-size:1.05em;font-style:italic}.meta{color:#666;font-size:.9em}",
            "figure{margin:1em 0}svg{max-width:100%;height:auto}");

    private HtmlReport() {
    }

    /** The page for a run. */
    public static String render(RunOptions options, List<ReportRunner.Timed> results, double totalSeconds, String environment) {
        StringBuilder html = new StringBuilder(1 << 20);
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>actlab report: activation functions, measured</title>\n")
                .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n");
        html.append("<h1>Activation functions: the lecture's claims, measured</h1>\n");
        html.append("<p class=\"meta\">").append(escape(String.format(Locale.ROOT,
                "%s run, %d seed(s) from %d, %.1f s in total. %s", options.quick() ? "Quick" : "Full",
                options.seeds(), options.baseSeed(), totalSeconds, environment))).append("</p>\n");

        evidence(html, results);
        html.append("<h2>Experiments</h2>\n");
        html.append("<table class=\"summary\">\n<tr><th>#</th><th>experiment</th><th>verdict</th><th>key figure</th><th>seconds</th></tr>\n");
        for (int i = 0; i < results.size(); i++) {
            ExperimentResult r = results.get(i).result();
            html.append("<tr><td class=\"num\">").append(i + 1).append("</td><td><a href=\"#").append(escape(r.name()))
                    .append("\">").append(escape(r.name())).append("</a></td><td>").append(badge(r))
                    .append("</td><td>").append(escape(r.headline())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.1f", results.get(i).seconds())).append("</td></tr>\n");
        }
        html.append("</table>\n");

        for (int i = 0; i < results.size(); i++) {
            section(html, i + 1, results.get(i));
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** The opening table: each claim of the lecture against its verdict, effects with intervals, n, and one sentence. */
    private static void evidence(StringBuilder html, List<ReportRunner.Timed> results) {
        html.append("<h2>The lecture against the evidence</h2>\n<table class=\"evidence\">\n<tr><th>claim</th><th>verdict</th>"
                + "<th>effect [95% interval], n</th><th>in one sentence</th></tr>\n");
        for (ReportRunner.Timed timed : results) {
            ExperimentResult r = timed.result();
            StringBuilder effects = new StringBuilder();
            for (Effect e : r.effects()) {
                if (e.role() == Effect.Role.claim) {
                    effects.append(effects.length() == 0 ? "" : "<br/>").append(escape(e.rule() + ": " + e.interval()));
                }
            }
            html.append("<tr><td><a href=\"#").append(escape(r.name())).append("\">").append(escape(r.name()))
                    .append("</a>: ").append(escape(r.claim())).append("</td><td>").append(badge(r)).append("</td><td>")
                    .append(effects).append("</td><td>").append(escape(sentence(r))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** One sentence on why the verdict is what it is, from the effects. */
    static String sentence(ExperimentResult r) {
        if (r.effects().isEmpty()) {
            return "No effect was measured" + (r.figures().containsKey("error") ? ": the experiment failed." : ".");
        }
        long claims = r.effects().stream().filter(e -> e.role() == Effect.Role.claim).count();
        long cleared = r.effects().stream().filter(e -> e.role() == Effect.Role.claim && e.verdict() == Verdict.supported).count();
        long against = r.effects().stream().filter(e -> e.role() == Effect.Role.claim && e.verdict() == Verdict.not_supported).count();
        long controlsFailed = r.effects().stream().filter(e -> e.role() == Effect.Role.control && e.verdict() == Verdict.supported).count();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d of %d claim interval(s) clear their margin", cleared, claims));
        if (against > 0) {
            s.append(String.format(Locale.ROOT, ", %d lie(s) wholly on the wrong side", against));
        }
        if (cleared + against < claims) {
            s.append(String.format(Locale.ROOT, ", %d straddle(s) it", claims - cleared - against));
        }
        s.append(controlsFailed > 0 ? "; a control also passes, so the measure does not discriminate." : "; the control(s) do not pass.");
        List<Effect> failed = Effect.failedPreconditions(r.effects());
        if (!failed.isEmpty()) {
            s.append(" The measurement fails its precondition ").append(failed.get(0).rule()).append(" (")
                    .append(failed.get(0).interval()).append("), so the verdict is inconclusive.");
        }
        return s.toString();
    }

    /** The pre-registered effects of one experiment. */
    private static void effectsTable(StringBuilder html, ExperimentResult r) {
        if (r.effects().isEmpty()) {
            return;
        }
        html.append("<h3>Effects</h3>\n<table>\n<tr><th>role</th><th>criterion</th><th>effect [95% interval], n</th>"
                + "<th>test</th><th>verdict</th></tr>\n");
        for (Effect e : r.effects()) {
            String v = e.verdict().name();
            html.append("<tr><td>").append(e.role()).append("</td><td>").append(escape(e.rule())).append("</td><td>")
                    .append(escape(e.interval())).append("</td><td>").append(escape(e.test())).append("</td><td>")
                    .append("<span class=\"badge ").append(v).append("\">").append(v.replace('_', ' '))
                    .append("</span></td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void section(StringBuilder html, int number, ReportRunner.Timed timed) {
        ExperimentResult r = timed.result();
        html.append("<section id=\"").append(escape(r.name())).append("\">\n<h2>").append(number).append(". ")
                .append(escape(r.name())).append(' ').append(badge(r)).append("</h2>\n");
        html.append("<p class=\"claim\">").append(escape(r.claim())).append("</p>\n");
        html.append("<h3>Setup</h3>\n<p>").append(escape(r.setup())).append("</p>\n");
        html.append("<h3>Criterion</h3>\n<p>").append(escape(r.criterion())).append("</p>\n");
        html.append("<h3>Verdict</h3>\n<p>").append(badge(r)).append(' ').append(escape(r.headline())).append("</p>\n");
        effectsTable(html, r);
        html.append("<h3>Figures</h3>\n");
        figures(html, r.figures());
        int c = 0;
        for (Chart chart : r.charts()) {
            html.append("<figure>\n").append(ChartSvg.svg(chart, "c_" + r.name().replace('-', '_') + "_" + c++))
                    .append("\n</figure>\n");
        }
        html.append("<p class=\"meta\">Seeds: ").append(escape(r.seeds().toString())).append("; ")
                .append(String.format(Locale.ROOT, "%.1f s", timed.seconds())).append(".</p>\n</section>\n");
    }

    private static String badge(ExperimentResult r) {
        String v = r.verdict().name();
        return "<span class=\"badge " + v + "\">" + v.replace('_', ' ') + "</span>";
    }

    /** Scalars in one key–value table, then each nested map as a titled table. */
    private static void figures(StringBuilder html, Map<String, Object> figures) {
        List<Map.Entry<String, Object>> scalars = new ArrayList<>();
        List<Map.Entry<String, Object>> nested = new ArrayList<>();
        for (Map.Entry<String, Object> e : figures.entrySet()) {
            if (e.getKey().equals(ExperimentResult.HEADLINE)) {
                continue;
            }
            (e.getValue() instanceof Map ? nested : scalars).add(e);
        }
        if (!scalars.isEmpty()) {
            keyValueTable(html, scalars);
        }
        for (Map.Entry<String, Object> e : nested) {
            html.append("<h4>").append(escape(e.getKey())).append("</h4>\n");
            Map<?, ?> map = (Map<?, ?>) e.getValue();
            if (isTable(map)) {
                table(html, map);
            } else if (map.values().stream().noneMatch(v -> v instanceof Map)) {
                List<Map.Entry<String, Object>> rows = new ArrayList<>();
                map.forEach((k, v) -> rows.add(Map.entry(String.valueOf(k), v)));
                keyValueTable(html, rows);
            } else {
                // Deeper nesting: one titled table per entry.
                for (Map.Entry<?, ?> inner : map.entrySet()) {
                    Map<String, Object> sub = new LinkedHashMap<>();
                    sub.put(String.valueOf(inner.getKey()), inner.getValue());
                    figures(html, sub);
                }
            }
        }
    }

    /** A map whose values are all maps of scalars: rows × columns. */
    private static boolean isTable(Map<?, ?> map) {
        if (map.isEmpty()) {
            return false;
        }
        for (Object row : map.values()) {
            if (!(row instanceof Map) || ((Map<?, ?>) row).values().stream().anyMatch(v -> v instanceof Map)) {
                return false;
            }
        }
        return true;
    }

    private static void table(StringBuilder html, Map<?, ?> rows) {
        Set<Object> columns = new LinkedHashSet<>();
        for (Object row : rows.values()) {
            columns.addAll(((Map<?, ?>) row).keySet());
        }
        html.append("<table>\n<tr><th></th>");
        for (Object column : columns) {
            html.append("<th>").append(escape(String.valueOf(column))).append("</th>");
        }
        html.append("</tr>\n");
        for (Map.Entry<?, ?> row : rows.entrySet()) {
            html.append("<tr><th>").append(escape(String.valueOf(row.getKey()))).append("</th>");
            Map<?, ?> cells = (Map<?, ?>) row.getValue();
            for (Object column : columns) {
                Object v = cells.get(column);
                html.append(cell(v));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void keyValueTable(StringBuilder html, List<Map.Entry<String, Object>> rows) {
        html.append("<table>\n");
        for (Map.Entry<String, Object> e : rows) {
            html.append("<tr><th>").append(escape(e.getKey())).append("</th>").append(cell(e.getValue())).append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String cell(Object v) {
        boolean numeric = v instanceof Number || v instanceof Summary;
        return "<td" + (numeric ? " class=\"num\"" : "") + ">" + escape(text(v)) + "</td>";
    }

    /** A figure value as text: numbers to four significant digits, summaries as mean ± std [min, max]. */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            return Figures.format(((Number) v).doubleValue());
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "yes" : "no";
        }
        if (v instanceof Collection) {
            List<String> parts = new ArrayList<>();
            for (Object o : (Collection<?>) v) {
                parts.add(text(o));
            }
            return String.join(", ", parts);
        }
        return v.toString();
    }

    /** Escapes text for XHTML content and attribute values. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                // Newline and tab stay; other control characters go (XML 1.0 text does not allow most of them).
                case '\n', '\t' -> String.valueOf(c);
                default -> c >= 0x20 ? String.valueOf(c) : "";
            });
        }
        return out.toString();
    }
}
