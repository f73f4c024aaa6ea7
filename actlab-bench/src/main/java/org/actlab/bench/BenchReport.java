package org.actlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH JSON result files ({@code -rf json}) into the Markdown tables of docs/BENCHMARKS.md.
 *
 * <p>Every JMH measurement iteration (of every fork) gives one throughput value: Gelem/s =
 * size / time per operation for the element-wise benchmarks, samples/s = 128 / time per step
 * for training, GFLOP/s = 2mnk / time for GEMM. A table cell is the median of those values with
 * their minimum and maximum as the spread. Ratios divide medians.
 *
 * <p>Usage: {@code BenchReport [--plot DIR] result.json...}; prints Markdown on standard output.
 * With {@code --plot}, forward passes measured at three sizes or more also give a size-sweep chart
 * per activation, {@code DIR/size-sweep-<activation>.svg}: Gelem/s against size on log-log axes,
 * one line per library and thread count, so that the L1, L2, L3 and DRAM regimes show.
 */
public final class BenchReport {

    /**
     * One benchmark configuration with the throughput of each measurement iteration, by wall time
     * ({@code values}) and, when the benchmark records {@link CpuTime}, by the benchmark thread's
     * CPU time ({@code cpu}, else empty).
     */
    record Row(String library, String benchmark, Map<String, String> params, int threads, String unit, double[] values,
               double[] cpu) {

        Row(String library, String benchmark, Map<String, String> params, int threads, String unit, double[] values) {
            this(library, benchmark, params, threads, unit, values, new double[0]);
        }

        double median() {
            return median(values);
        }

        /** The median rate by CPU time, NaN when not recorded. */
        double cpuMedian() {
            return cpu.length == 0 ? Double.NaN : median(cpu);
        }

        private static double median(double[] of) {
            double[] sorted = of.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        /** The CPU-time cell: median [min–max], or a dash when not recorded. */
        String cpuCell() {
            if (cpu.length == 0) {
                return "—";
            }
            double lo = Arrays.stream(cpu).min().orElse(Double.NaN);
            double hi = Arrays.stream(cpu).max().orElse(Double.NaN);
            return String.format(Locale.ROOT, "%s [%s–%s]", format(cpuMedian()), format(lo), format(hi));
        }

        double min() {
            return Arrays.stream(values).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(values).max().orElse(Double.NaN);
        }

        String param(String name) {
            return params.getOrDefault(name, "");
        }

        /** The parallelism a row ran with: JMH threads for actlab's kernels, else the library's own threads. */
        int parallelism() {
            return params.containsKey("threads") ? Integer.parseInt(params.get("threads")) : threads;
        }

        String cell() {
            return String.format(Locale.ROOT, "%s [%s–%s]", format(median()), format(min()), format(max()));
        }
    }

    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: BenchReport result.json...");
            System.exit(2);
        }
        List<Row> rows = new ArrayList<>();
        List<String> jvms = new ArrayList<>();
        Path plots = null;
        List<String> files = new ArrayList<>(List.of(args));
        if (files.size() >= 2 && files.get(0).equals("--plot")) {
            plots = Path.of(files.get(1));
            files = files.subList(2, files.size());
        }
        for (String file : files) {
            JsonNode results = new ObjectMapper().readTree(Files.readString(Path.of(file)));
            for (JsonNode result : results) {
                rows.add(toRow(result));
                String jvm = result.path("vmName").asText() + " " + result.path("vmVersion").asText();
                if (!jvms.contains(jvm)) {
                    jvms.add(jvm);
                }
            }
        }
        print(rows, jvms, System.out);
        if (plots != null) {
            Files.createDirectories(plots);
            for (String activation : SEED) {
                String svg = SizeSweep.svg(rows, activation);
                if (svg != null) {
                    Path target = plots.resolve("size-sweep-" + activation + ".svg");
                    // Whole or not at all: a reader never sees half a chart.
                    Path partial = plots.resolve("size-sweep-" + activation + ".svg.tmp");
                    Files.writeString(partial, svg);
                    Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    System.out.println("Size sweep of " + activation + ": " + target.getFileName());
                }
            }
        }
    }

    static Row toRow(JsonNode result) {
        String benchmark = result.get("benchmark").asText();
        String[] parts = benchmark.split("\\.");
        String className = parts[parts.length - 2];
        String method = parts[parts.length - 1];
        Map<String, String> params = new TreeMap<>();
        result.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        int threads = result.get("threads").asInt();
        if (!"us/op".equals(result.path("primaryMetric").path("scoreUnit").asText())) {
            throw new IllegalArgumentException(benchmark + ": expected scores in us/op, got "
                    + result.path("primaryMetric").path("scoreUnit").asText());
        }
        List<Double> micros = new ArrayList<>();
        for (JsonNode fork : result.path("primaryMetric").path("rawData")) {
            for (JsonNode iteration : fork) {
                micros.add(iteration.asDouble());
            }
        }
        double work;
        String unit;
        if (className.endsWith("TrainingBench")) {
            work = MlpSetup.BATCH;
            unit = "samples/s";
        } else if (className.equals("GemmBench")) {
            work = MlpGemmShape.valueOf(params.get("shape")).flops() / 1e9;
            unit = "GFLOP/s";
        } else {
            work = Integer.parseInt(params.get("size")) / 1e9;
            unit = "Gelem/s";
        }
        double[] values = micros.stream().mapToDouble(us -> work / (us * 1e-6)).toArray();
        return new Row(library(className, params), method, params, threads, unit, values, cpuRates(result, work));
    }

    /**
     * Per measurement iteration, work ÷ (CPU nanoseconds per call) from {@link CpuTime}'s counters
     * ({@code cpuNanos}, {@code calls}); empty when the benchmark does not record them.
     */
    static double[] cpuRates(JsonNode result, double work) {
        JsonNode nanos = result.path("secondaryMetrics").path("cpuNanos").path("rawData");
        JsonNode calls = result.path("secondaryMetrics").path("calls").path("rawData");
        List<Double> rates = new ArrayList<>();
        for (int fork = 0; fork < nanos.size(); fork++) {
            for (int it = 0; it < nanos.get(fork).size(); it++) {
                double n = nanos.get(fork).get(it).asDouble();
                double c = calls.path(fork).path(it).asDouble();
                if (n > 0 && c > 0) {
                    rates.add(work / (n / c * 1e-9));
                }
            }
        }
        return rates.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String library(String className, Map<String, String> params) {
        switch (className) {
            case "ActivationKernelBench":
                return "actlab " + params.get("kernel");
            case "MemoryStreamBench":
                return "memory";
            case "Nd4jActivationBench":
                return "ND4J";
            case "LibtorchActivationBench":
            case "LibtorchTrainingBench":
                return "libtorch";
            case "OnnxRuntimeActivationBench":
                return "ONNX Runtime";
            case "TensorFlowActivationBench":
                return "TensorFlow";
            case "Dl4jTrainingBench":
                return "DL4J";
            case "ActlabTrainingBench":
                return "actlab";
            case "GemmBench":
                return "actlab " + params.get("kernel");
            default:
                return className;
        }
    }

    static void print(List<Row> rows, List<String> jvms, PrintStream out) {
        out.println("JVM: " + String.join("; ", jvms));
        out.println();
        printElementwise(rows, out);
        SizeSweep.printTable(rows, out);
        printTraining(rows, out);
        printGemm(rows, out);
    }

    private static void printElementwise(List<Row> rows, PrintStream out) {
        List<Row> elementwise = rows.stream().filter(r -> r.unit().equals("Gelem/s")).toList();
        if (elementwise.isEmpty()) {
            return;
        }
        out.println("| library | function | pass | size | threads | Gelem/s median [min–max] | vs copy | vs scale |");
        out.println("|---|---|---|---:|---:|---|---:|---:|");
        Comparator<Row> order = Comparator.comparing((Row r) -> Integer.parseInt(r.param("size")))
                .thenComparing(Row::parallelism)
                .thenComparing(r -> r.library().equals("memory") ? 0 : r.library().startsWith("actlab") ? 1 : 2)
                .thenComparing(r -> r.param("activation"))
                .thenComparing(Row::benchmark)
                .thenComparing(Row::library);
        for (Row r : elementwise.stream().sorted(order).toList()) {
            String function = r.library().equals("memory") ? "—" : r.param("activation");
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d | %s | %s | %s |%n", r.library(), function, r.benchmark(),
                    sizeName(r.param("size")), r.parallelism(), r.cell(),
                    ratio(r, find(elementwise, "memory", "copy", r)), ratio(r, find(elementwise, "memory", "scale", r)));
        }
        out.println();
        printTargets(elementwise, out);
        printPeerRatios(elementwise, out);
    }

    /** The seed functions the targets name. */
    private static final List<String> SEED = List.of("sigmoid", "tanh", "relu", "leaky_relu");

    /**
     * The element-wise targets: at 1M floats on one thread each seed function's forward and backward
     * rate ≥ 0.9 × copy; at 16M floats ≥ 0.9 × scale (on each thread count measured).
     */
    private static void printTargets(List<Row> rows, PrintStream out) {
        List<Row> covered = rows.stream()
                .filter(r -> r.library().equals("actlab vector") && SEED.contains(r.param("activation")))
                .filter(r -> (r.param("size").equals("1048576") && r.parallelism() == 1) || r.param("size").equals("16777216"))
                .sorted(Comparator.comparing((Row r) -> Integer.parseInt(r.param("size"))).thenComparing(Row::parallelism)
                        .thenComparing(r -> SEED.indexOf(r.param("activation"))).thenComparing(Row::benchmark))
                .toList();
        if (covered.isEmpty()) {
            return;
        }
        out.println("| function | pass | size | threads | Gelem/s | target | ratio | verdict |");
        out.println("|---|---|---:|---:|---:|---|---:|---|");
        List<String> seen = new ArrayList<>();
        for (Row r : covered) {
            String key = r.param("activation") + r.benchmark() + r.param("size") + r.parallelism();
            if (seen.contains(key)) {
                continue;
            }
            seen.add(key);
            boolean small = r.param("size").equals("1048576");
            Row reference = find(rows, "memory", small ? "copy" : "scale", r);
            String verdict = reference == null ? "not measured" : r.median() >= 0.9 * reference.median() ? "met" : "missed";
            out.printf(Locale.ROOT, "| %s | %s | %s | %d | %s | ≥ 0.9 × %s (%s) | %s | %s |%n", r.param("activation"), r.benchmark(),
                    sizeName(r.param("size")), r.parallelism(), format(r.median()), small ? "copy" : "scale",
                    reference == null ? "—" : format(reference.median()), ratio(r, reference), verdict);
        }
        out.println();
    }

    /** actlab's forward rate divided by each peer's, for the same function, size and parallelism. */
    private static void printPeerRatios(List<Row> rows, PrintStream out) {
        List<String> peers = List.of("ND4J", "libtorch", "ONNX Runtime", "TensorFlow");
        List<Row> actlab = rows.stream().filter(r -> r.library().equals("actlab vector") && r.benchmark().equals("forward")).toList();
        if (actlab.isEmpty() || rows.stream().noneMatch(r -> peers.contains(r.library()))) {
            return;
        }
        out.println("| function | size | threads | actlab Gelem/s | " + String.join(" | ", peers.stream().map(p -> "÷ " + p).toList()) + " |");
        out.println("|---|---:|---:|---:|" + "---:|".repeat(peers.size()));
        for (Row a : actlab) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %d | %s |",
                    a.param("activation"), sizeName(a.param("size")), a.parallelism(), format(a.median())));
            for (String peer : peers) {
                Row p = rows.stream().filter(r -> r.library().equals(peer) && r.param("activation").equals(a.param("activation"))
                        && r.param("size").equals(a.param("size")) && r.parallelism() == a.parallelism()).findFirst().orElse(null);
                line.append(' ').append(ratio(a, p)).append(" |");
            }
            out.println(line);
        }
        out.println();
    }

    private static Row find(List<Row> rows, String library, String benchmark, Row like) {
        return rows.stream().filter(r -> r.library().equals(library) && r.benchmark().equals(benchmark)
                && r.param("size").equals(like.param("size")) && r.parallelism() == like.parallelism()).findFirst().orElse(null);
    }

    private static void printTraining(List<Row> rows, PrintStream out) {
        List<Row> training = rows.stream().filter(r -> r.unit().equals("samples/s"))
                .sorted(Comparator.comparing(Row::parallelism).thenComparing(Row::library)).toList();
        if (training.isEmpty()) {
            return;
        }
        out.println("| library | threads | samples/s median [min–max] | actlab ÷ this | samples/s by CPU time of the calling thread | actlab ÷ this (CPU) |");
        out.println("|---|---:|---|---:|---|---:|");
        for (Row r : training) {
            Row actlab = training.stream().filter(a -> a.library().equals("actlab") && a.parallelism() == r.parallelism())
                    .findFirst().orElse(null);
            out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", r.library(), r.parallelism(), r.cell(),
                    actlab == null ? "—" : ratio(actlab, r), r.cpuCell(), actlab == null ? "—" : cpuRatio(actlab, r));
        }
        out.println();
    }

    private static void printGemm(List<Row> rows, PrintStream out) {
        List<Row> gemm = rows.stream().filter(r -> r.unit().equals("GFLOP/s")).toList();
        if (gemm.isEmpty()) {
            return;
        }
        out.println("| kernel | shape (m×n×k) | threads | GFLOP/s median [min–max] | GFLOP/s by CPU time of the calling thread |");
        out.println("|---|---|---:|---|---|");
        Map<String, List<Row>> byKernel = new LinkedHashMap<>();
        for (Row r : gemm) {
            byKernel.computeIfAbsent(r.library() + " " + r.parallelism(), k -> new ArrayList<>()).add(r);
        }
        for (List<Row> group : byKernel.values()) {
            double flops = 0;
            double seconds = 0;
            double cpuSeconds = 0;
            for (Row r : group.stream().sorted(Comparator.comparing(r -> MlpGemmShape.valueOf(r.param("shape")))).toList()) {
                MlpGemmShape s = MlpGemmShape.valueOf(r.param("shape"));
                out.printf(Locale.ROOT, "| %s | %s %d×%d×%d%s | %d | %s | %s |%n", r.library(), s, s.m, s.n, s.k,
                        s.transA ? " (Aᵀ)" : s.transB ? " (Bᵀ)" : "", r.parallelism(), r.cell(), r.cpuCell());
                flops += s.flops() / 1e9;
                seconds += s.flops() / 1e9 / r.median();
                cpuSeconds += s.flops() / 1e9 / r.cpuMedian();
            }
            if (group.size() == MlpGemmShape.values().length) {
                out.printf(Locale.ROOT, "| %s | one training step (all %d) | %d | %s | %s |%n", group.get(0).library(),
                        group.size(), group.get(0).parallelism(), format(flops / seconds),
                        Double.isNaN(cpuSeconds) ? "—" : format(flops / cpuSeconds));
            }
        }
        out.println();
    }

    private static String cpuRatio(Row numerator, Row denominator) {
        return denominator == null || numerator == denominator || Double.isNaN(denominator.cpuMedian())
                || Double.isNaN(numerator.cpuMedian()) ? "—"
                : String.format(Locale.ROOT, "%.2f", numerator.cpuMedian() / denominator.cpuMedian());
    }

    private static String ratio(Row numerator, Row denominator) {
        return denominator == null || numerator == denominator ? "—"
                : String.format(Locale.ROOT, "%.2f", numerator.median() / denominator.median());
    }

    private static String sizeName(String size) {
        int n = Integer.parseInt(size);
        return n % (1 << 20) == 0 ? (n >> 20) + "M" : size;
    }

    private static String format(double value) {
        if (value >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
