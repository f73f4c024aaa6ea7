package org.actlab.activation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.actlab.spec.Registry;
import org.actlab.spec.Schema;
import org.actlab.spec.Values;

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

    private static final Registry<Activation> REGISTRY = new Registry<>("activation");

    /** How each parametrised record prints its spec: its schema and its parameters' accessors. */
    private static final Map<Class<?>, Printer> PRINTERS = new HashMap<>();

    private record Printer(Schema schema, List<ToDoubleFunction<Activation>> parameters) {
        String format(Activation a) {
            double[] values = new double[parameters.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = parameters.get(i).applyAsDouble(a);
            }
            return schema.format(values);
        }
    }

    static {
        for (Standard s : Standard.values()) {
            REGISTRY.register(Schema.ofFloats("activation", s.id()), v -> s);
        }
        // Each type once: its schema, how a spec's values make one, and which accessors print it back.
        bind(LeakyRelu.class, LeakyRelu.SCHEMA, v -> new LeakyRelu(v.f(0)), LeakyRelu::slope);
        bind(PRelu.class, PRelu.SCHEMA, v -> new PRelu(v.f(0)), PRelu::slope);
        bind(RRelu.class, RRelu.SCHEMA, v -> new RRelu(v.f(0), v.f(1)), RRelu::lower, RRelu::upper);
        bind(Elu.class, Elu.SCHEMA, v -> new Elu(v.f(0)), Elu::alpha);
        bind(Celu.class, Celu.SCHEMA, v -> new Celu(v.f(0)), Celu::alpha);
        bind(Softplus.class, Softplus.SCHEMA, v -> new Softplus(v.f(0), v.f(1)), Softplus::beta, Softplus::threshold);
        bind(HardTanh.class, HardTanh.SCHEMA, v -> new HardTanh(v.f(0), v.f(1)), HardTanh::min, HardTanh::max);
        bind(SoftShrink.class, SoftShrink.SCHEMA, v -> new SoftShrink(v.f(0)), SoftShrink::lambda);
        bind(HardShrink.class, HardShrink.SCHEMA, v -> new HardShrink(v.f(0)), HardShrink::lambda);
        bind(Threshold.class, Threshold.SCHEMA, v -> new Threshold(v.f(0), v.f(1)), Threshold::threshold,
                Threshold::value);
        bind(ThresholdedRelu.class, ThresholdedRelu.SCHEMA, v -> new ThresholdedRelu(v.f(0)), ThresholdedRelu::theta);
        bind(Squareplus.class, Squareplus.SCHEMA, v -> new Squareplus(v.f(0)), Squareplus::b);
        bind(Isru.class, Isru.SCHEMA, v -> new Isru(v.f(0)), Isru::alpha);

        REGISTRY.alias("linear", Standard.IDENTITY.id())
                .alias("logistic", Standard.SIGMOID.id())
                .alias("swish", Standard.SILU.id())
                .alias("hard_silu", Standard.HARD_SWISH.id())
                // PyTorch spells these as one word (F.hardtanh) and JAX/Keras with an underscore.
                .alias("hardtanh", HardTanh.SCHEMA.name())
                .alias("soft_shrink", SoftShrink.SCHEMA.name())
                .alias("hard_shrink", HardShrink.SCHEMA.name());
    }

    @SafeVarargs
    private static <A extends Parametrised> void bind(Class<A> type, Schema schema, Function<Values, A> make,
                                                      ToDoubleFunction<A>... parameters) {
        if (parameters.length != schema.params().size()) {
            throw new AssertionError(schema.name() + ": " + parameters.length + " accessors for "
                    + schema.params().size() + " parameters");
        }
        REGISTRY.register(schema, make::apply);
        List<ToDoubleFunction<Activation>> accessors = new ArrayList<>();
        for (ToDoubleFunction<A> p : parameters) {
            accessors.add(a -> p.applyAsDouble(type.cast(a)));
        }
        PRINTERS.put(type, new Printer(schema, List.copyOf(accessors)));
    }

    /** The schema a parametrised record was registered with. */
    static Schema schemaOf(Parametrised a) {
        return PRINTERS.get(a.getClass()).schema();
    }

    /** The canonical spec of a parametrised record, from its registered schema and accessors. */
    static String spec(Parametrised a) {
        return PRINTERS.get(a.getClass()).format(a);
    }

    private Activations() {
    }

    /**
     * Parses a spec such as {@code "relu"}, {@code "leaky_relu(0.2)"} or {@code "elu(alpha=0.5)"}.
     *
     * @throws IllegalArgumentException naming the bad name (with a did-you-mean and the list of
     *                                  names) or the bad parameter
     */
    public static Activation parse(String spec) {
        return REGISTRY.parse(spec);
    }

    /** The registry itself: schemas, names and aliases, for servers and help texts. */
    public static Registry<Activation> registry() {
        return REGISTRY;
    }

    /** The canonical names of the catalogue, in catalogue order, without aliases. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** The aliases and the canonical names they stand for. */
    public static Map<String, String> aliases() {
        return REGISTRY.aliases();
    }

    /**
     * One activation per catalogue entry, each with its default parameters, in catalogue order.
     * {@code threshold} has no defaults; its entry here is {@code threshold(threshold=0.0, value=0.0)}.
     */
    public static List<Activation> catalogue() {
        return REGISTRY.names().stream().map(REGISTRY::withDefaults).toList();
    }

    /** The parameter keys of a name or alias, in positional order (empty for parameterless ones). */
    public static List<String> parameterKeys(String name) {
        return REGISTRY.schema(name).keys();
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
