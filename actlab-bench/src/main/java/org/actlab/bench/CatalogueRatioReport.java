package org.actlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 11 target 2's table: each activation's vector kernel against its scalar twin, forward and
 * backward, from {@link ActivationKernelBench} results measured side by side in one JMH run
 * ({@code -p kernel=vector,scalar}). The ratio is taken of the median throughputs by the benchmark
 * thread's CPU time ({@link CpuTime}: steadier than wall time on a shared machine) and, beside
 * it, by JMH's wall-clock score; rows below 2× by CPU time are named after the table.
 *
 * <p>Usage: {@code CatalogueRatioReport result.json...}; prints Markdown on standard output.
 */
public final class CatalogueRatioReport {

    /** The target: the vector path at least this many times the scalar path's throughput. */
    static final double TARGET = 2;

    private CatalogueRatioReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: CatalogueRatioReport result.json...");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        List<BenchReport.Row> rows = new ArrayList<>();
        for (String file : args) {
            for (JsonNode result : json.readTree(Path.of(file).toFile())) {
                if (result.get("benchmark").asText().contains("ActivationKernelBench")) {
                    rows.add(BenchReport.toRow(result));
                }
            }
        }
        String table = markdown(rows);
        if (table == null) {
            System.err.println("no activation with both a vector and a scalar result in " + String.join(", ", args));
            System.exit(1);
        }
        System.out.print(table);
    }

    /** The table, one line per activation and pass that has both a vector and a scalar row; null if none has. */
    static String markdown(List<BenchReport.Row> rows) {
        Map<String, BenchReport.Row[]> pairs = new TreeMap<>();
        for (BenchReport.Row r : rows) {
            String key = r.params().get("activation") + " " + r.benchmark() + " " + r.params().get("size") + " t" + r.threads();
            BenchReport.Row[] pair = pairs.computeIfAbsent(key, k -> new BenchReport.Row[2]);
            pair["vector".equals(r.params().get("kernel")) ? 0 : 1] = r;
        }
        StringBuilder out = new StringBuilder();
        out.append("| function | pass | vector Gelem/s (CPU) | scalar Gelem/s (CPU) | vector ÷ scalar (CPU) | vector ÷ scalar (wall) |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        List<String> below = new ArrayList<>();
        int lines = 0;
        for (BenchReport.Row[] pair : pairs.values()) {
            if (pair[0] == null || pair[1] == null) {
                continue;
            }
            lines++;
            double cpu = pair[0].cpuMedian() / pair[1].cpuMedian();
            double wall = pair[0].median() / pair[1].median();
            String function = pair[0].params().get("activation");
            out.append(String.format(Locale.ROOT, "| %s | %s | %.3g | %.3g | %.1f × | %.1f × |%n", function,
                    pair[0].benchmark(), pair[0].cpuMedian(), pair[1].cpuMedian(), cpu, wall));
            if (!(cpu >= TARGET)) {
                below.add(String.format(Locale.ROOT, "%s %s (%.2f ×)", function, pair[0].benchmark(), cpu));
            }
        }
        if (lines == 0) {
            return null;
        }
        out.append('\n').append(below.isEmpty() ? "Every row is at or above " + TARGET + " × by CPU time.\n"
                : "Below " + TARGET + " × by CPU time: " + String.join(", ", below) + ".\n");
        return out.toString();
    }
}
