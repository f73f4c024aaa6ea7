package org.actlab.activation;

import java.util.List;
import java.util.Map;
import org.actlab.spec.Registry;
import org.actlab.spec.Schema;

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

    static {
        for (Standard s : Standard.values()) {
            REGISTRY.register(Schema.ofFloats("activation", s.id()), v -> s);
        }
        REGISTRY.register(LeakyRelu.SCHEMA, v -> new LeakyRelu(v.f(0)))
                .register(PRelu.SCHEMA, v -> new PRelu(v.f(0)))
                .register(RRelu.SCHEMA, v -> new RRelu(v.f(0), v.f(1)))
                .register(Elu.SCHEMA, v -> new Elu(v.f(0)))
                .register(Celu.SCHEMA, v -> new Celu(v.f(0)))
                .register(Softplus.SCHEMA, v -> new Softplus(v.f(0), v.f(1)))
                .register(HardTanh.SCHEMA, v -> new HardTanh(v.f(0), v.f(1)))
                .register(SoftShrink.SCHEMA, v -> new SoftShrink(v.f(0)))
                .register(HardShrink.SCHEMA, v -> new HardShrink(v.f(0)))
                .register(Threshold.SCHEMA, v -> new Threshold(v.f(0), v.f(1)))
                .register(ThresholdedRelu.SCHEMA, v -> new ThresholdedRelu(v.f(0)))
                .register(Squareplus.SCHEMA, v -> new Squareplus(v.f(0)))
                .register(Isru.SCHEMA, v -> new Isru(v.f(0)));

        REGISTRY.alias("linear", Standard.IDENTITY.id())
                .alias("logistic", Standard.SIGMOID.id())
                .alias("swish", Standard.SILU.id())
                .alias("hard_silu", Standard.HARD_SWISH.id())
                // PyTorch spells these as one word (F.hardtanh) and JAX/Keras with an underscore.
                .alias("hardtanh", HardTanh.ID)
                .alias("soft_shrink", SoftShrink.ID)
                .alias("hard_shrink", HardShrink.ID);
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
