package org.actlab.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses the small spec language shared by initialisers, optimisers and schedules:
 * {@code name}, {@code name(v1, v2)} or {@code name(key=v, ...)}, and binds the arguments to a
 * fixed list of keys with defaults. Messages name the bad text.
 */
final class Specs {

    private Specs() {
    }

    /** A parsed spec: the lower-case name and raw arguments, each {@code key=value} or a bare value. */
    record Parsed(String kind, String text, String name, List<String> arguments) {
    }

    static Parsed parse(String kind, String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(kind + " spec is empty");
        }
        String text = spec.strip();
        int open = text.indexOf('(');
        if (open < 0) {
            return new Parsed(kind, text, text.toLowerCase(Locale.ROOT), List.of());
        }
        if (!text.endsWith(")")) {
            throw new IllegalArgumentException(kind + " spec '" + text + "' has '(' without a closing ')'");
        }
        String name = text.substring(0, open).strip().toLowerCase(Locale.ROOT);
        String inside = text.substring(open + 1, text.length() - 1).strip();
        List<String> arguments = new ArrayList<>();
        if (!inside.isEmpty()) {
            for (String part : inside.split(",", -1)) {
                if (part.isBlank()) {
                    throw new IllegalArgumentException(kind + " spec '" + text + "' has an empty argument");
                }
                arguments.add(part.strip());
            }
        }
        return new Parsed(kind, text, name, arguments);
    }

    /**
     * Binds arguments to {@code keys}, positional first, then {@code key=value}; a NaN default
     * marks a required argument.
     */
    static double[] bind(Parsed parsed, String[] keys, double[] defaults) {
        double[] values = defaults.clone();
        boolean[] set = new boolean[keys.length];
        int position = 0;
        boolean named = false;
        for (String argument : parsed.arguments()) {
            int eq = argument.indexOf('=');
            int index;
            String valueText;
            if (eq >= 0) {
                named = true;
                String key = argument.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                index = Arrays.asList(keys).indexOf(key);
                if (index < 0) {
                    throw new IllegalArgumentException(parsed.kind() + " '" + parsed.name() + "' has no parameter '" + key
                            + "'; its parameters are " + (keys.length == 0 ? "none" : String.join(", ", keys)));
                }
                valueText = argument.substring(eq + 1).strip();
            } else {
                if (named) {
                    throw new IllegalArgumentException(parsed.kind() + " spec '" + parsed.text()
                            + "': a positional argument follows a named one");
                }
                if (position >= keys.length) {
                    throw new IllegalArgumentException(parsed.kind() + " '" + parsed.name() + "' takes at most "
                            + keys.length + " argument(s), got " + parsed.arguments().size() + " in '" + parsed.text() + "'");
                }
                index = position++;
                valueText = argument;
            }
            if (set[index]) {
                throw new IllegalArgumentException(parsed.kind() + " '" + parsed.name() + "': " + keys[index] + " given twice");
            }
            set[index] = true;
            values[index] = number(parsed, keys[index], valueText);
        }
        for (int i = 0; i < keys.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException(parsed.kind() + " '" + parsed.name() + "' needs " + keys[i]
                        + ", for example " + parsed.name() + "(" + keys[i] + "=...)");
            }
        }
        return values;
    }

    private static double number(Parsed parsed, String key, String text) {
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(parsed.kind() + " '" + parsed.name() + "': " + key
                        + " must be finite, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parsed.kind() + " '" + parsed.name() + "': " + key
                    + " is not a number: '" + text + "'");
        }
    }

    static String unknown(String kind, String name, List<String> known) {
        return "unknown " + kind + " '" + name + "'; expected one of " + String.join(", ", known);
    }

    /** Shortest decimal that parses back to the same double, without a trailing ".0". */
    static String show(double value) {
        String text = Double.toString(value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
