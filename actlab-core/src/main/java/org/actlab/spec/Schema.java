package org.actlab.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one name of a registry takes: its parameters in positional order, each with its default,
 * bounds and key aliases. The schema binds parsed arguments, checks values and prints the one
 * canonical form {@code name(key=value, key=value)} (just {@code name} without parameters).
 *
 * <p>Every message has one shape: {@code <kind> <name>: <what is wrong>}, naming the bad value.
 *
 * @param kind            what the name is ({@code activation}, {@code optimizer}, {@code initializer},
 *                        {@code schedule}), for messages
 * @param name            the canonical name
 * @param params          the parameters, in positional order
 * @param singlePrecision whether values are floats (activations) rather than doubles: they are read,
 *                        checked and printed in that precision, so that specs round-trip exactly
 */
public record Schema(String kind, String name, List<Param> params, boolean singlePrecision) {

    public Schema {
        if (name == null || name.isBlank() || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("a " + kind + " name must be non-empty lower case, got '" + name + "'");
        }
        params = List.copyOf(params);
        List<String> seen = new ArrayList<>();
        for (Param p : params) {
            for (String key : keysOf(p)) {
                if (seen.contains(key)) {
                    throw new IllegalArgumentException(kind + " " + name + " declares key '" + key + "' twice");
                }
                seen.add(key);
            }
        }
    }

    /** A double-precision schema. */
    public static Schema of(String kind, String name, Param... params) {
        return new Schema(kind, name, List.of(params), false);
    }

    /** A single-precision schema (activations compute in float). */
    public static Schema ofFloats(String kind, String name, Param... params) {
        return new Schema(kind, name, List.of(params), true);
    }

    private static List<String> keysOf(Param p) {
        List<String> keys = new ArrayList<>();
        keys.add(p.key());
        keys.addAll(p.aliases());
        return keys;
    }

    /** The canonical keys, in positional order. */
    public List<String> keys() {
        return params.stream().map(Param::key).toList();
    }

    /** The defaults in positional order; a required parameter without one gives 0. */
    public double[] defaults() {
        double[] values = new double[params.size()];
        for (int i = 0; i < values.length; i++) {
            Double d = params.get(i).defaultValue();
            values[i] = d == null ? 0 : d;
        }
        return values;
    }

    /**
     * Binds the arguments of a parsed spec to the parameters: positional values in order, then
     * {@code key=value} pairs; omitted ones take their defaults. Every value is checked.
     *
     * @throws IllegalArgumentException naming the bad argument or value
     */
    public Values bind(Spec spec) {
        List<Spec.Argument> arguments = spec.arguments();
        if (arguments.size() > params.size()) {
            throw error(params.isEmpty() ? "takes no parameters, got " + arguments.size()
                    : "takes at most " + params.size() + " parameter" + (params.size() == 1 ? "" : "s")
                    + " (" + String.join(", ", keys()) + "), got " + arguments.size());
        }
        Double[] bound = new Double[params.size()];
        boolean keywordSeen = false;
        for (int i = 0; i < arguments.size(); i++) {
            Spec.Argument argument = arguments.get(i);
            int slot;
            if (argument.key() != null) {
                keywordSeen = true;
                slot = slotOf(argument.key());
                if (slot < 0) {
                    throw error("has no parameter '" + argument.key() + "'; "
                            + (params.isEmpty() ? "it takes none" : "its parameters: " + String.join(", ", keys())));
                }
            } else {
                if (keywordSeen) {
                    throw error("positional value '" + argument.value() + "' after a key=value parameter");
                }
                slot = i;
            }
            Param p = params.get(slot);
            if (bound[slot] != null) {
                throw error(p.key() + " given twice");
            }
            double value;
            try {
                value = Numbers.parse(argument.value(), singlePrecision);
            } catch (NumberFormatException e) {
                throw error(p.key() + ": cannot parse '" + argument.value() + "' as a number");
            }
            bound[slot] = value;
        }
        double[] values = new double[params.size()];
        for (int i = 0; i < values.length; i++) {
            Param p = params.get(i);
            Double v = bound[i] != null ? bound[i] : p.defaultValue();
            if (v == null) {
                throw error("needs " + p.key() + " (it has no default), for example " + name + "(" + p.key() + "=...)");
            }
            values[i] = v;
        }
        return new Values(this, check(values));
    }

    private int slotOf(String key) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).key().equals(key) || params.get(i).aliases().contains(key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Checks values against the declared bounds, in positional order; constructors call this so
     * that a value made in code meets the same rules as one parsed from a spec.
     *
     * @return {@code values}
     * @throws IllegalArgumentException naming the first bad value
     */
    public double[] check(double... values) {
        if (values.length != params.size()) {
            throw new IllegalArgumentException(kind + " " + name + " takes " + params.size() + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            Param p = params.get(i);
            if (!p.admits(values[i])) {
                throw error(p.key() + " must be " + p.rule() + ", got " + Numbers.show(values[i], singlePrecision));
            }
        }
        return values;
    }

    /** The canonical spec of these values: {@code name(key=value, ...)}, or {@code name} without parameters. */
    public String format(double... values) {
        if (values.length != params.size()) {
            throw new IllegalArgumentException(kind + " " + name + " takes " + params.size() + " values, got " + values.length);
        }
        if (params.isEmpty()) {
            return name;
        }
        StringBuilder s = new StringBuilder(name).append('(');
        for (int i = 0; i < values.length; i++) {
            Param p = params.get(i);
            s.append(i > 0 ? ", " : "").append(p.key()).append('=')
                    .append(Numbers.canonical(values[i], singlePrecision, p.integer()));
        }
        return s.append(')').toString();
    }

    /** A message in the one shape: {@code <kind> <name>: <what>}. */
    public IllegalArgumentException error(String what) {
        return new IllegalArgumentException(kind + " " + name + ": " + what);
    }

    /** A value for a message, in this schema's precision ({@code -1}, not {@code -1.0}). */
    public String show(double value) {
        return Numbers.show(value, singlePrecision);
    }
}
