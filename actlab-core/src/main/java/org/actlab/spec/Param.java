package org.actlab.spec;

import java.util.List;
import java.util.Locale;

/**
 * One declared parameter of a spec: its key, default, admissible values and key aliases. Values are
 * always finite; bounds narrow them further. Serialised as is to the page.
 *
 * @param key          the canonical key
 * @param defaultValue the value when omitted, or null when the parameter is required
 * @param min          the lower bound, or null for none
 * @param minExclusive whether {@code min} itself is excluded
 * @param max          the upper bound, or null for none
 * @param maxExclusive whether {@code max} itself is excluded
 * @param integer      whether only whole numbers are admitted
 * @param aliases      other keys accepted for this one (PyTorch's or Keras' names)
 */
public record Param(String key, Double defaultValue, Double min, boolean minExclusive, Double max,
                    boolean maxExclusive, boolean integer, List<String> aliases) {

    public Param {
        if (key == null || key.isBlank() || !key.equals(key.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("a parameter key must be non-empty lower case, got '" + key + "'");
        }
        aliases = List.copyOf(aliases);
    }

    /** An optional parameter with a default, any finite value. */
    public static Param of(String key, double defaultValue) {
        return new Param(key, defaultValue, null, false, null, false, false, List.of());
    }

    /** A parameter without a default. */
    public static Param required(String key) {
        return new Param(key, null, null, false, null, false, false, List.of());
    }

    /** Only values &gt; 0. */
    public Param positive() {
        return new Param(key, defaultValue, 0.0, true, max, maxExclusive, integer, aliases);
    }

    /** Only values ≥ {@code bound}. */
    public Param atLeast(double bound) {
        return new Param(key, defaultValue, bound, false, max, maxExclusive, integer, aliases);
    }

    /** Only values ≤ {@code bound}. */
    public Param atMost(double bound) {
        return new Param(key, defaultValue, min, minExclusive, bound, false, integer, aliases);
    }

    /** Only values &lt; {@code bound}. */
    public Param below(double bound) {
        return new Param(key, defaultValue, min, minExclusive, bound, true, integer, aliases);
    }

    /** Only whole numbers. */
    public Param whole() {
        return new Param(key, defaultValue, min, minExclusive, max, maxExclusive, true, aliases);
    }

    /** Also accepts {@code other} as the key. */
    public Param alias(String other) {
        List<String> more = new java.util.ArrayList<>(aliases);
        more.add(other);
        return new Param(key, defaultValue, min, minExclusive, max, maxExclusive, integer, more);
    }

    /** Whether the value is admitted. */
    public boolean admits(double value) {
        return Double.isFinite(value)
                && (min == null || (minExclusive ? value > min : value >= min))
                && (max == null || (maxExclusive ? value < max : value <= max))
                && (!integer || value == Math.rint(value));
    }

    /** What is admitted, for messages: {@code "finite"}, {@code "> 0"}, {@code "in [0, 1)"}, {@code "a whole number >= 1"}. */
    public String rule() {
        String range;
        if (min != null && max != null) {
            range = "in " + (minExclusive ? "(" : "[") + Numbers.show(min) + ", " + Numbers.show(max) + (maxExclusive ? ")" : "]");
        } else if (min != null) {
            range = (minExclusive ? "> " : ">= ") + Numbers.show(min);
        } else if (max != null) {
            range = (maxExclusive ? "< " : "<= ") + Numbers.show(max);
        } else {
            range = integer ? "" : "finite";
        }
        return integer ? ("a whole number " + range).strip() : range;
    }
}
