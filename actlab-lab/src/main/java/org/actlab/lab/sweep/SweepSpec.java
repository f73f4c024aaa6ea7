package org.actlab.lab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.run.RunConfig;
import org.actlab.lab.run.RunJson;
import org.actlab.text.DidYouMean;

/**
 * What a sweep runs: fixed options ({@code base}), the swept options ({@code axes}) taken as a grid
 * or drawn {@code random} times, and {@code seeds} seeds per configuration (the base seed, +1, …).
 * Options are the fields of {@link RunConfig} (with the CLI's spellings accepted: {@code lr},
 * {@code activation}, {@code bias-init}, …), so anything a run can vary a sweep can sweep. A trial
 * runs single-threaded unless {@code threads} is given: the executor gives each trial its own thread.
 *
 * <p>A spec is checked whole before anything runs ({@link #trials()}): unknown options, empty
 * grids, values a run refuses and more than {@value #MAX_TRIALS} trials without {@code force} are
 * refused with one line naming the bad value.
 *
 * @param base       fixed options: canonical name → value (string, number, boolean or list)
 * @param axes       swept options, outermost first
 * @param random     0 for a grid, else the number of configurations drawn
 * @param searchSeed seeds the random search's draws
 * @param seeds      seeds per configuration, ≥ 1
 * @param force      allow more than {@value #MAX_TRIALS} trials (not stored with the spec)
 */
public record SweepSpec(Map<String, Object> base, List<Axis> axes, int random, long searchSeed, int seeds,
                        boolean force) {

    /** The most trials a sweep runs without {@code force}. */
    public static final long MAX_TRIALS = 1_000_000;

    private static final Map<String, RecordComponent> OPTIONS = new LinkedHashMap<>();

    static {
        for (RecordComponent c : RunConfig.class.getRecordComponents()) {
            OPTIONS.put(c.getName(), c);
        }
    }

    public SweepSpec {
        Map<String, Object> b = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : base.entrySet()) {
            String name = option(e.getKey());
            b.put(name, value(name, e.getValue()));
        }
        base = java.util.Collections.unmodifiableMap(b);
        axes = List.copyOf(axes);
        Set<String> seen = new java.util.HashSet<>();
        for (Axis axis : axes) {
            if (!seen.add(axis.option())) {
                throw new IllegalArgumentException("option '" + axis.option() + "' is swept twice");
            }
            if (axis.option().equals("seed")) {
                throw new IllegalArgumentException("seed cannot be swept as an option; use seeds (--seeds N)");
            }
        }
        if (random < 0) {
            throw new IllegalArgumentException("random must be >= 0 (0 for a grid), got " + random);
        }
        if (random > 0 && axes.isEmpty()) {
            throw new IllegalArgumentException("a random search of " + random + " needs options to draw; give --grid");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
        }
    }

    /** The canonical option name of {@code typed}, or an error naming it with the nearest known one. */
    public static String option(String typed) {
        String key = typed == null ? "" : typed.trim();
        String folded = key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        switch (folded) {
            case "lr":
                return "learningRate";
            case "activation":
                return "activations";
            case "feature":
                return "features";
            default:
                break;
        }
        for (String name : OPTIONS.keySet()) {
            if (name.toLowerCase(Locale.ROOT).equals(folded)) {
                return name;
            }
        }
        throw new IllegalArgumentException("unknown run option '" + typed + "'" + DidYouMean.hint(key, OPTIONS.keySet())
                + "; options: " + String.join(", ", OPTIONS.keySet()));
    }

    /** True for options whose value is a list (hidden, activations, features). */
    public static boolean listOption(String name) {
        return OPTIONS.get(name).getType() == List.class;
    }

    private static Object value(String name, Object raw) {
        if (raw instanceof String s && listOption(name)) {
            return Axis.listValue(s);
        }
        if (raw instanceof List<?> list && !listOption(name)) {
            throw new IllegalArgumentException("option '" + name + "' takes one value, got the list " + list);
        }
        return raw;
    }

    /** The number of trials, as a double so that a huge grid cannot overflow. */
    public double size() {
        double configs = random > 0 ? random : 1;
        if (random == 0) {
            for (Axis axis : axes) {
                configs *= axis.grid().size();
            }
        }
        return configs * seeds;
    }

    /** The names of the swept options, outermost first. */
    public List<String> swept() {
        return axes.stream().map(Axis::option).toList();
    }

    /**
     * Every trial, in a fixed order (configurations in grid or draw order, seeds innermost), each
     * checked as a {@link RunConfig}.
     *
     * @throws IllegalArgumentException naming the first bad value, or the size when over the limit
     */
    public List<Trial> trials() {
        double n = size();
        if (n > MAX_TRIALS && !force) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the sweep has %.0f trials, more than %d; "
                    + "give --force to run it anyway", n, MAX_TRIALS));
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the sweep has %.0f trials; at most %d can be listed", n, Integer.MAX_VALUE - 8));
        }
        List<Map<String, Object>> configs = new ArrayList<>();
        if (random > 0) {
            Random draws = new Random(searchSeed);
            for (int i = 0; i < random; i++) {
                Map<String, Object> c = new LinkedHashMap<>();
                for (Axis axis : axes) {
                    c.put(axis.option(), axis.draw(draws));
                }
                configs.add(c);
            }
        } else {
            configs.add(new LinkedHashMap<>());
            for (Axis axis : axes) {
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> c : configs) {
                    for (Object v : axis.grid()) {
                        Map<String, Object> more = new LinkedHashMap<>(c);
                        more.put(axis.option(), v);
                        next.add(more);
                    }
                }
                configs = next;
            }
        }
        long firstSeed = base.containsKey("seed") ? ((Number) numeric("seed", base.get("seed"))).longValue() : 1;
        List<Trial> trials = new ArrayList<>((int) n);
        Map<Object, RunConfig> checked = new java.util.HashMap<>();
        for (Map<String, Object> c : configs) {
            for (int s = 0; s < seeds; s++) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("threads", 1);
                fields.putAll(base);
                fields.putAll(c);
                fields.put("seed", firstSeed + s);
                trials.add(SweepTrials.trial(config(fields, c, checked)));
            }
        }
        return trials;
    }

    private static Object numeric(String name, Object v) {
        if (v instanceof Number) {
            return v;
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    private static RunConfig config(Map<String, Object> fields, Map<String, Object> swept, Map<Object, RunConfig> checked) {
        try {
            return RunJson.mapper().convertValue(fields, RunConfig.class);
        } catch (IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String why = cause instanceof IllegalArgumentException && cause != e ? cause.getMessage()
                    : e.getMessage().lines().findFirst().orElse("bad value");
            throw new IllegalArgumentException((swept.isEmpty() ? "sweep options " : "sweep options " + swept + ": ") + why);
        }
    }

    /** A spec from {@code --set}, {@code --grid} and friends. */
    public static SweepSpec fromFlags(Map<String, String> base, List<String> grid, int random, long searchSeed,
                                      int seeds, boolean force) {
        Map<String, Object> b = new LinkedHashMap<>(base);
        List<Axis> axes = new ArrayList<>();
        for (String g : grid) {
            int eq = g.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--grid wants OPTION=VALUES, got '" + g + "'");
            }
            String name = option(g.substring(0, eq));
            axes.add(Axis.parse(name, g.substring(eq + 1), listOption(name)));
        }
        return new SweepSpec(b, axes, random, searchSeed, seeds, force);
    }

    /**
     * A spec from a JSON or YAML file (by extension: .yaml/.yml is YAML, else JSON):
     * <pre>{@code
     * base: {data: mnist, hidden: [256, 256], epochs: 5}
     * grid: {activation: [relu, tanh], lr: "1e-3:1:log8"}
     * seeds: 10
     * random: 0        # optional: draw this many configurations instead of the grid
     * searchSeed: 1    # optional: seeds the draws
     * }</pre>
     *
     * @throws IllegalArgumentException for an unreadable file or a bad spec, naming the file
     */
    public static SweepSpec read(Path file, boolean force) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new YAMLMapper() : new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read sweep file " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("sweep file " + file + " must hold an object with base, grid and seeds");
        }
        try {
            return fromTree(root, force);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sweep file " + file + ": " + e.getMessage(), e);
        }
    }

    static SweepSpec fromTree(JsonNode root, boolean force) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("base", "grid", "random", "searchSeed", "seeds").contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'; expected base, grid, random, searchSeed, seeds");
            }
        }
        Map<String, Object> base = new LinkedHashMap<>();
        if (root.has("base")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("base").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                base.put(e.getKey(), plain(e.getValue()));
            }
        }
        List<Axis> axes = new ArrayList<>();
        if (root.has("grid")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("grid").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = option(e.getKey());
                JsonNode v = e.getValue();
                if (v.isArray()) {
                    List<Object> values = new ArrayList<>();
                    for (JsonNode item : v) {
                        Object p = plain(item);
                        values.add(listOption(name) && !(p instanceof List) ? Axis.listValue(p.toString()) : p);
                    }
                    axes.add(new Axis(name, values, null));
                } else {
                    axes.add(Axis.parse(name, v.asText(), listOption(name)));
                }
            }
        }
        return new SweepSpec(base, axes, root.path("random").asInt(0), root.path("searchSeed").asLong(1),
                root.path("seeds").asInt(1), force);
    }

    private static Object plain(JsonNode node) {
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(n -> out.add(plain(n)));
            return out;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    /** The spec as JSON, in the sweep-file form {@link #read} reads back. */
    public String toJson() {
        ObjectNode root = RunJson.mapper().createObjectNode();
        root.set("base", RunJson.mapper().valueToTree(base));
        ObjectNode g = root.putObject("grid");
        for (Axis axis : axes) {
            g.set(axis.option(), RunJson.mapper().valueToTree(axis.written()));
        }
        root.put("random", random);
        root.put("searchSeed", searchSeed);
        root.put("seeds", seeds);
        return RunJson.write(root);
    }
}
