package org.actlab.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.actlab.text.DidYouMean;

/**
 * The names of one kind of thing (activations, optimisers, ...), each with its {@link Schema} and a
 * maker from checked {@link Values}, plus name aliases. {@link #parse} is the only way a spec string
 * becomes a value anywhere in actlab.
 *
 * @param <T> what the specs make
 */
public final class Registry<T> {

    private record Entry<T>(Schema schema, Function<Values, T> make) {
    }

    private final String kind;
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    /** An empty registry; {@code kind} names the things in messages ({@code "optimizer"}). */
    public Registry(String kind) {
        this.kind = kind;
    }

    /** What the specs name, as messages say it. */
    public String kind() {
        return kind;
    }

    /** Registers a name; the schema's kind must be this registry's. */
    public Registry<T> register(Schema schema, Function<Values, T> make) {
        if (!schema.kind().equals(kind)) {
            throw new IllegalArgumentException("a " + schema.kind() + " schema in the " + kind + " registry");
        }
        if (entries.containsKey(schema.name()) || aliases.containsKey(schema.name())) {
            throw new IllegalArgumentException(kind + " " + schema.name() + " registered twice");
        }
        entries.put(schema.name(), new Entry<>(schema, make));
        return this;
    }

    /** Registers a name without parameters. */
    public Registry<T> register(String name, Function<Values, T> make) {
        return register(new Schema(kind, name, List.of(), false), make);
    }

    /** Makes {@code alias} another name for the registered {@code canonical}. */
    public Registry<T> alias(String alias, String canonical) {
        if (!entries.containsKey(canonical) || entries.containsKey(alias)) {
            throw new IllegalArgumentException(kind + " alias " + alias + " -> " + canonical + " is not well-formed");
        }
        aliases.put(alias, canonical);
        return this;
    }

    /**
     * Parses a spec such as {@code "adam"}, {@code "momentum(0.8)"} or {@code "elu(alpha=0.5)"}.
     *
     * @throws IllegalArgumentException naming the unknown name (with a did-you-mean and the known
     *                                  names), the malformed text or the bad value
     */
    public T parse(String spec) {
        return make(values(spec));
    }

    /**
     * Makes the value of checked values from {@link #values}, without parsing again: a run
     * description keeps the values of a stateful thing's spec and makes a fresh one per use.
     */
    public T make(Values values) {
        return entry(values.schema().name()).make().apply(values);
    }

    /** The checked values of a spec, without making the value (its schema names the canonical name). */
    public Values values(String spec) {
        Spec parsed = Spec.parse(kind, spec);
        return entry(parsed.name()).schema().bind(parsed);
    }

    /** The canonical form of a spec, without making the value: {@code "ADAM"} gives {@code "adam(beta1=0.9, ...)"}. */
    public String canonical(String spec) {
        return values(spec).spec();
    }

    /** The schema of a name or alias (case-insensitive). */
    public Schema schema(String name) {
        return entry(name.strip().toLowerCase(Locale.ROOT)).schema();
    }

    /** Whether a name or alias is registered (case-insensitive). */
    public boolean contains(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        return entries.containsKey(aliases.getOrDefault(key, key));
    }

    /** The schemas in registration order. */
    public List<Schema> schemas() {
        return entries.values().stream().map(Entry::schema).toList();
    }

    /** The canonical names in registration order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The aliases and the names they stand for. */
    public Map<String, String> aliases() {
        return Collections.unmodifiableMap(aliases);
    }

    /** The value of a name with its defaults (0 for a required parameter). */
    public T withDefaults(String name) {
        Entry<T> e = entry(name);
        return e.make().apply(new Values(e.schema(), e.schema().defaults()));
    }

    private Entry<T> entry(String name) {
        Entry<T> entry = entries.get(aliases.getOrDefault(name, name));
        if (entry != null) {
            return entry;
        }
        StringBuilder message = new StringBuilder("unknown ").append(kind).append(" '").append(name).append('\'');
        List<String> candidates = new ArrayList<>(entries.keySet());
        candidates.addAll(aliases.keySet());
        message.append(DidYouMean.nearest(name, candidates).map(s -> "; did you mean '" + s + "'?").orElse("."));
        message.append(" Known: ").append(String.join(", ", entries.keySet()));
        throw new IllegalArgumentException(message.toString());
    }
}
