package org.actlab.activation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.actlab.text.DidYouMean;

/**
 * The registry: parses spec strings ({@code name}, {@code name(v, ...)} or
 * {@code name(key=v, ...)}), resolves aliases ({@code linear}, {@code logistic}, {@code swish},
 * {@code hard_silu}), lists the catalogue, and offers static factories.
 *
 * <p>Names are case-insensitive and whitespace is ignored around names, parentheses, commas and
 * equals signs. Positional values fill the parameters in their documented order; keyword values
 * may follow positional ones. Omitted parameters take their defaults ({@code threshold} has none).
 *
 * <p>For every activation a, {@code parse(a.spec()).equals(a)}.
 */
public final class Activations {

    /** One catalogue entry: its keys in positional order, defaults (null: required), and a maker. */
    private record Entry(String name, List<String> keys, Float[] defaults, Function<float[], Activation> make) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        for (Standard s : Standard.values()) {
            register(s.id(), List.of(), new Float[0], p -> s);
        }
        register(LeakyRelu.ID, List.of("slope"), new Float[] {LeakyRelu.DEFAULT_SLOPE}, p -> new LeakyRelu(p[0]));
        register(PRelu.ID, List.of("slope"), new Float[] {PRelu.DEFAULT_SLOPE}, p -> new PRelu(p[0]));
        register(RRelu.ID, List.of("lower", "upper"), new Float[] {RRelu.DEFAULT_LOWER, RRelu.DEFAULT_UPPER},
                p -> new RRelu(p[0], p[1]));
        register(Elu.ID, List.of("alpha"), new Float[] {1f}, p -> new Elu(p[0]));
        register(Celu.ID, List.of("alpha"), new Float[] {1f}, p -> new Celu(p[0]));
        register(Softplus.ID, List.of("beta", "threshold"), new Float[] {1f, 20f}, p -> new Softplus(p[0], p[1]));
        register(HardTanh.ID, List.of("min", "max"), new Float[] {-1f, 1f}, p -> new HardTanh(p[0], p[1]));
        register(SoftShrink.ID, List.of("lambda"), new Float[] {0.5f}, p -> new SoftShrink(p[0]));
        register(HardShrink.ID, List.of("lambda"), new Float[] {0.5f}, p -> new HardShrink(p[0]));
        register(Threshold.ID, List.of("threshold", "value"), new Float[] {null, null},
                p -> new Threshold(p[0], p[1]));
        register(ThresholdedRelu.ID, List.of("theta"), new Float[] {1f}, p -> new ThresholdedRelu(p[0]));
        register(Squareplus.ID, List.of("b"), new Float[] {4f}, p -> new Squareplus(p[0]));
        register(Isru.ID, List.of("alpha"), new Float[] {1f}, p -> new Isru(p[0]));

        ALIASES.put("linear", Standard.IDENTITY.id());
        ALIASES.put("logistic", Standard.SIGMOID.id());
        ALIASES.put("swish", Standard.SILU.id());
        ALIASES.put("hard_silu", Standard.HARD_SWISH.id());
        // PyTorch spells these as one word (F.hardtanh) and JAX/Keras with an underscore.
        ALIASES.put("hardtanh", HardTanh.ID);
        ALIASES.put("soft_shrink", SoftShrink.ID);
        ALIASES.put("hard_shrink", HardShrink.ID);
    }

    /** PRelu's spec also accepts PyTorch's name for its initial value. */
    private static final String PRELU_INIT_KEY = "init";

    private Activations() {
    }

    private static void register(String name, List<String> keys, Float[] defaults, Function<float[], Activation> make) {
        ENTRIES.put(name, new Entry(name, keys, defaults, make));
    }

    /**
     * Parses a spec such as {@code "relu"}, {@code "leaky_relu(0.2)"} or {@code "elu(alpha=0.5)"}.
     *
     * @throws IllegalArgumentException naming the bad name (with a did-you-mean and the list of
     *                                  names) or the bad parameter
     */
    public static Activation parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty activation spec; known: " + String.join(", ", names()));
        }
        String text = spec.strip();
        int open = text.indexOf('(');
        String rawName = (open < 0 ? text : text.substring(0, open)).strip();
        String argText = null;
        if (open >= 0) {
            if (!text.endsWith(")")) {
                throw new IllegalArgumentException("malformed activation spec '" + spec + "': expected ')' at the end");
            }
            argText = text.substring(open + 1, text.length() - 1).strip();
            if (argText.indexOf('(') >= 0 || argText.indexOf(')') >= 0) {
                throw new IllegalArgumentException("malformed activation spec '" + spec + "': nested parentheses");
            }
        } else if (text.indexOf(')') >= 0) {
            throw new IllegalArgumentException("malformed activation spec '" + spec + "': ')' without '('");
        }
        Entry entry = lookup(rawName);
        float[] values = bindArguments(entry, argText == null || argText.isEmpty() ? List.of() : splitArguments(argText));
        return entry.make().apply(values);
    }

    private static Entry lookup(String rawName) {
        String name = rawName.toLowerCase(Locale.ROOT);
        String canonical = ALIASES.getOrDefault(name, name);
        Entry entry = ENTRIES.get(canonical);
        if (entry != null) {
            return entry;
        }
        StringBuilder message = new StringBuilder("unknown activation '").append(rawName).append('\'');
        List<String> candidates = new ArrayList<>(ENTRIES.keySet());
        candidates.addAll(ALIASES.keySet());
        DidYouMean.nearest(name, candidates)
                .ifPresent(suggestion -> message.append("; did you mean '").append(suggestion).append("'?"));
        message.append(" Known: ").append(String.join(", ", names()));
        throw new IllegalArgumentException(message.toString());
    }

    private static List<String> splitArguments(String argText) {
        List<String> args = new ArrayList<>();
        for (String part : argText.split(",", -1)) {
            args.add(part.strip());
        }
        return args;
    }

    private static float[] bindArguments(Entry entry, List<String> args) {
        List<String> keys = entry.keys();
        if (args.size() > keys.size()) {
            throw new IllegalArgumentException(entry.name() + (keys.isEmpty() ? " takes no parameters"
                    : " takes at most " + keys.size() + " parameter" + (keys.size() == 1 ? "" : "s")
                    + " (" + String.join(", ", keys) + ")") + ", got " + args.size());
        }
        Float[] bound = new Float[keys.size()];
        boolean keywordSeen = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.isEmpty()) {
                throw new IllegalArgumentException(entry.name() + ": empty parameter at position " + (i + 1));
            }
            int eq = arg.indexOf('=');
            int slot;
            String valueText;
            if (eq >= 0) {
                keywordSeen = true;
                String key = arg.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                valueText = arg.substring(eq + 1).strip();
                slot = keys.indexOf(key);
                if (slot < 0 && entry.name().equals(PRelu.ID) && key.equals(PRELU_INIT_KEY)) {
                    slot = 0;
                }
                if (slot < 0) {
                    throw new IllegalArgumentException(entry.name() + " has no parameter '" + key + "'; "
                            + (keys.isEmpty() ? "it takes none" : "its parameters: " + String.join(", ", keys)));
                }
            } else {
                if (keywordSeen) {
                    throw new IllegalArgumentException(entry.name() + ": positional value '" + arg
                            + "' after a key=value parameter");
                }
                slot = i;
                valueText = arg;
            }
            if (bound[slot] != null) {
                throw new IllegalArgumentException(entry.name() + " parameter '" + keys.get(slot) + "' given twice");
            }
            bound[slot] = parseNumber(entry.name(), keys.get(slot), valueText);
        }
        float[] values = new float[keys.size()];
        for (int i = 0; i < values.length; i++) {
            Float v = bound[i] != null ? bound[i] : entry.defaults()[i];
            if (v == null) {
                throw new IllegalArgumentException(entry.name() + " needs parameter '" + keys.get(i) + "' (it has no default)");
            }
            values[i] = v;
        }
        return values;
    }

    private static float parseNumber(String name, String key, String text) {
        // Float.parseFloat also accepts suffixes such as "1d" and hex floats; refuse the suffixes
        // so that "1d" is not silently read as 1.
        char last = text.isEmpty() ? ' ' : Character.toLowerCase(text.charAt(text.length() - 1));
        if (last == 'd' || last == 'f') {
            throw new IllegalArgumentException(name + " " + key + ": cannot parse '" + text + "' as a number");
        }
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " " + key + ": cannot parse '" + text + "' as a number");
        }
    }

    /** The canonical names of the catalogue, in catalogue order, without aliases. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The aliases and the canonical names they stand for. */
    public static Map<String, String> aliases() {
        return Collections.unmodifiableMap(ALIASES);
    }

    /**
     * One activation per catalogue entry, each with its default parameters, in catalogue order.
     * {@code threshold} has no defaults; its entry here is {@code threshold(threshold=0.0, value=0.0)}.
     */
    public static List<Activation> catalogue() {
        List<Activation> all = new ArrayList<>();
        for (Entry e : ENTRIES.values()) {
            float[] values = new float[e.keys().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = e.defaults()[i] == null ? 0f : e.defaults()[i];
            }
            all.add(e.make().apply(values));
        }
        return List.copyOf(all);
    }

    /** The parameter keys of a name or alias, in positional order (empty for parameterless ones). */
    public static List<String> parameterKeys(String name) {
        return lookup(name.strip()).keys();
    }

    /** identity: f(x) = x. */
    public static Activation identity() {
        return Standard.IDENTITY;
    }

    /** sigmoid: f(x) = 1/(1+e^{-x}). */
    public static Activation sigmoid() {
        return Standard.SIGMOID;
    }

    /** tanh. */
    public static Activation tanh() {
        return Standard.TANH;
    }

    /** relu: f(x) = max(0, x), f'(0) = 0. */
    public static Activation relu() {
        return Standard.RELU;
    }

    /** leaky_relu with the given slope for x &lt;= 0. */
    public static LeakyRelu leakyRelu(float slope) {
        return new LeakyRelu(slope);
    }

    /** leaky_relu with slope 0.01. */
    public static LeakyRelu leakyRelu() {
        return new LeakyRelu();
    }

    /** prelu with the given initial slope. */
    public static PRelu prelu(float slope) {
        return new PRelu(slope);
    }

    /** elu with the given alpha. */
    public static Elu elu(float alpha) {
        return new Elu(alpha);
    }

    /** softplus with beta 1 and threshold 20. */
    public static Softplus softplus() {
        return new Softplus();
    }

    /** gelu, exact erf form. */
    public static Activation gelu() {
        return Standard.GELU;
    }

    /** silu (swish). */
    public static Activation silu() {
        return Standard.SILU;
    }
}
