package org.actlab.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A spec string split into its name and raw arguments, before any schema is applied.
 *
 * <p>Grammar: {@code name}, {@code name()}, {@code name(v, ...)} or {@code name(key=v, ...)}, with
 * positional values first. Names and keys are case-insensitive; whitespace around names,
 * parentheses, commas and equals signs is ignored.
 *
 * @param kind      what the spec names ({@code activation}, {@code optimizer}, ...), for messages
 * @param text      the spec as given, stripped
 * @param name      the lower-cased name
 * @param arguments the arguments in order
 */
public record Spec(String kind, String text, String name, List<Argument> arguments) {

    /**
     * One argument.
     *
     * @param key   the lower-cased key, or null for a positional value
     * @param value the value text, stripped
     */
    public record Argument(String key, String value) {
    }

    public Spec {
        arguments = List.copyOf(arguments);
    }

    /**
     * Splits a spec into name and arguments.
     *
     * @throws IllegalArgumentException naming the spec when it is empty or malformed
     */
    public static Spec parse(String kind, String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty " + kind + " spec");
        }
        String text = spec.strip();
        int open = text.indexOf('(');
        if (open < 0) {
            if (text.indexOf(')') >= 0) {
                throw malformed(kind, text, "')' without '('");
            }
            return new Spec(kind, text, text.toLowerCase(Locale.ROOT), List.of());
        }
        if (!text.endsWith(")")) {
            throw malformed(kind, text, "expected ')' at the end");
        }
        String name = text.substring(0, open).strip().toLowerCase(Locale.ROOT);
        String inside = text.substring(open + 1, text.length() - 1).strip();
        if (inside.indexOf('(') >= 0 || inside.indexOf(')') >= 0) {
            throw malformed(kind, text, "nested parentheses");
        }
        List<Argument> arguments = new ArrayList<>();
        if (!inside.isEmpty()) {
            String[] parts = inside.split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].strip();
                if (part.isEmpty()) {
                    throw malformed(kind, text, "empty parameter at position " + (i + 1));
                }
                int eq = part.indexOf('=');
                arguments.add(eq < 0 ? new Argument(null, part)
                        : new Argument(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip()));
            }
        }
        return new Spec(kind, text, name, arguments);
    }

    private static IllegalArgumentException malformed(String kind, String text, String why) {
        return new IllegalArgumentException("malformed " + kind + " spec '" + text + "': " + why);
    }
}
