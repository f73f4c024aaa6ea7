package org.actlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.actlab.lab.experiment.Chart;
import org.actlab.lab.experiment.Effect;
import org.actlab.lab.experiment.ExperimentResult;
import org.actlab.lab.experiment.Experiments;
import org.actlab.lab.experiment.RunOptions;
import org.actlab.lab.experiment.Summary;
import org.actlab.lab.experiment.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report's structure on synthetic results (the experiments themselves are tested elsewhere). */
class HtmlReportTest {

    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String SVG = "http://www.w3.org/2000/svg";

    /** One synthetic result per experiment name, cycling through the verdicts and chart kinds. */
    static List<ReportRunner.Timed> synthetic() {
        List<ReportRunner.Timed> out = new ArrayList<>();
        List<String> names = Experiments.names();
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put(ExperimentResult.HEADLINE, "ratio " + i + " <&> \"quoted\"");
            figures.put("a number", 0.000123 * i);
            figures.put("a summary", Summary.of(1, 2, 3 + i));
            figures.put("a flag", i % 2 == 0);
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("row a", Map.of("col", 1.5, "other", Summary.of(0.1, 0.2)));
            table.put("row b", Map.of("col", Double.NaN));
            figures.put("a table", table);
            figures.put("deeper", Map.of("set", Map.of("tanh", Map.of("epochs", 3))));
            Chart chart;
            switch (i % 3) {
                case 0:
                    chart = Chart.lines("lines on log axes", "x", "y", true, true, List.of(
                            new Chart.Series("s", new double[] {0, 1, 10, 100}, new double[] {1, 0.1, Double.NaN, 0.001})));
                    break;
                case 1:
                    chart = Chart.bars("bars", "category", "ns", false, List.of("relu", "tanh"),
                            List.of(new Chart.Series("forward", null, new double[] {0.5, 3.0})));
                    break;
                default:
                    chart = Chart.points("points", "z", "a", List.of(
                            new Chart.Series("p", new double[] {-1, 0, 2}, new double[] {0, 0, 2})));
            }
            Verdict verdict = Verdict.values()[i % 3];
            out.add(new ReportRunner.Timed(new ExperimentResult(names.get(i), "claim " + i, "setup " + i,
                    "criterion " + i, verdict, figures, List.of(1L, 2L), List.of(chart, chart), List.of(Effect.exact("effect " + i,
                    Effect.Role.claim, Effect.Direction.above, 0, i))), 0.5 + i));
        }
        return out;
    }

    @Test
    void reportIsWellFormedXhtmlWithOneSectionAndSvgPerExperiment(@TempDir Path dir) throws Exception {
        List<ReportRunner.Timed> results = synthetic();
        Path out = dir.resolve("nested").resolve("report");
        ReportRunner.write(out, RunOptions.quickRun(), results, 12.5);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(out.resolve(ReportRunner.REPORT_FILE).toFile());
        assertEquals("html", doc.getDocumentElement().getLocalName());
        NodeList sections = doc.getElementsByTagNameNS(XHTML, "section");
        assertEquals(Experiments.names().size(), sections.getLength());
        for (int i = 0; i < sections.getLength(); i++) {
            Element section = (Element) sections.item(i);
            assertEquals(Experiments.names().get(i), section.getAttribute("id"));
            assertEquals(2, section.getElementsByTagNameNS(SVG, "svg").getLength(), section.getAttribute("id"));
            String text = section.getTextContent();
            assertTrue(text.contains("claim " + i) && text.contains("setup " + i) && text.contains("criterion " + i));
            assertTrue(text.contains("ratio " + i + " <&> \"quoted\""), "escaped headline survives the round trip");
            String verdict = Verdict.values()[i % 3].name();
            NodeList spans = section.getElementsByTagNameNS(XHTML, "span");
            assertTrue(((Element) spans.item(0)).getAttribute("class").equals("badge " + verdict));
            assertTrue(section.getElementsByTagNameNS(XHTML, "table").getLength() >= 2);
        }
        // Every inline chart's clip-path definitions are unique in the page.
        String html = Files.readString(out.resolve(ReportRunner.REPORT_FILE));
        java.util.regex.Matcher ids = java.util.regex.Pattern.compile("<clipPath id=\"([^\"]+)\"").matcher(html);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (ids.find()) {
            assertTrue(seen.add(ids.group(1)), "duplicate id " + ids.group(1));
        }
        assertFalse(html.contains("<script"), "self-contained and static");
        // The lecture-against-evidence table opens the report: one row per experiment with its claim effect.
        Element evidence = (Element) doc.getElementsByTagNameNS(XHTML, "table").item(0);
        assertEquals("evidence", evidence.getAttribute("class"));
        assertEquals(Experiments.names().size() + 1, evidence.getElementsByTagNameNS(XHTML, "tr").getLength());
        assertTrue(evidence.getTextContent().contains("effect 2 > 0: 2 [2, 2], n = 1"), evidence.getTextContent());
        assertFalse(html.contains("href=\"http") || html.contains("src=\""), "no external resources");

        JsonNode json = ResultsJson.mapper().readTree(out.resolve(ReportRunner.RESULTS_FILE).toFile());
        assertEquals(Experiments.names().size(), json.get("results").size());
        JsonNode first = json.get("results").get(0);
        for (String key : List.of("name", "claim", "setup", "criterion", "verdict", "figures", "seeds", "charts", "seconds")) {
            assertTrue(first.has(key), key);
        }
        assertEquals("supported", first.get("verdict").asText());
        assertEquals("not_supported", json.get("results").get(1).get("verdict").asText());
        assertEquals(3.0, first.get("figures").get("a summary").get("max").asDouble(), 0);
        JsonNode effect = json.get("results").get(2).get("effects").get(0);
        for (String key : List.of("name", "role", "direction", "margin", "estimate", "low", "high", "n", "test", "verdict")) {
            assertTrue(effect.has(key), key);
        }
        assertEquals(2.0, effect.get("low").asDouble(), 0);
        assertEquals("supported", effect.get("verdict").asText());
        assertEquals(true, json.get("options").get("quick").asBoolean());
        try (var files = Files.list(out)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void singleResultJsonHasTheContractKeys() throws Exception {
        ExperimentResult r = synthetic().get(5).result();
        JsonNode node = ResultsJson.mapper().readTree(ResultsJson.json(r));
        for (String key : List.of("name", "claim", "criterion", "verdict", "figures", "seeds")) {
            assertTrue(node.has(key), key);
        }
        assertEquals("cost", node.get("name").asText());
        assertEquals(2, node.get("seeds").size());
        assertTrue(node.get("figures").get("a table").get("row b").get("col").isNull(), "NaN becomes null, as in all of actlab's JSON");
    }

    @Test
    void unwritableOutputFolderFailsWithOneLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path below = file.resolve("report");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportRunner.checkWritable(below));
        assertTrue(e.getMessage().contains("cannot write to output folder") && e.getMessage().contains("plain-file"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(IllegalArgumentException.class,
                () -> ReportRunner.write(below, RunOptions.quickRun(), synthetic(), 1));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void summaryTableHasOneLinePerExperiment() {
        String table = ReportRunner.summaryTable(synthetic());
        String[] lines = table.split("\n");
        assertEquals(1 + Experiments.names().size(), lines.length);
        assertTrue(lines[0].startsWith("experiment") && lines[0].contains("verdict") && lines[0].contains("key figure"));
        assertTrue(lines[1].startsWith("linear-collapse") && lines[1].contains("supported") && lines[1].contains("0.5"));
    }

    @Test
    void escapeKeepsMarkupOut() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", HtmlReport.escape("a <b> & \"c\"\u0001"));
        assertTrue(new String(HtmlReport.escape("σ′ ±").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals("σ′ ±"));
        assertEquals("1 ± 1 [0, 2]", HtmlReport.text(Summary.of(0, 1, 2)));
        assertEquals("yes", HtmlReport.text(true));
    }

    @Test
    void svgOfEachChartKindParses() throws Exception {
        for (ReportRunner.Timed t : synthetic().subList(0, 3)) {
            String svg = ChartSvg.svg(t.result().charts().get(0), "x" + t.result().name().length());
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals(SVG, doc.getDocumentElement().getNamespaceURI());
            assertTrue(svg.contains(t.result().charts().get(0).title()));
        }
    }
}
