package org.actlab.lab.experiment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one trial measured: named values (numbers, strings, booleans, lists of numbers), plain data
 * like the {@link Trial} itself so that results travel as well as trials do (whole numbers kept as Long).
 *
 * @param trial    the trial that was run
 * @param measures the measured values in a fixed order
 */
public record TrialResult(Trial trial, Map<String, Object> measures) implements Serializable {

    public TrialResult {
        Objects.requireNonNull(trial, "trial");
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : Objects.requireNonNull(measures, "measures").entrySet()) {
            copy.put(e.getKey(), plain(trial, e.getKey(), e.getValue()));
        }
        measures = Collections.unmodifiableMap(copy);
    }

    /** A builder of the result of {@code trial}. */
    public static Builder of(Trial trial) {
        return new Builder(trial);
    }

    /** A number. */
    public double number(String key) {
        return ((Number) value(key, Number.class)).doubleValue();
    }

    /** A whole number. */
    public int integer(String key) {
        return ((Number) value(key, Number.class)).intValue();
    }

    /** A boolean. */
    public boolean flag(String key) {
        return (Boolean) value(key, Boolean.class);
    }

    /** A string. */
    public String text(String key) {
        return (String) value(key, String.class);
    }

    /** A list of numbers as an array. */
    public double[] numbers(String key) {
        List<?> list = (List<?>) value(key, List.class);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }

    private Object value(String key, Class<?> type) {
        Object v = measures.get(key);
        if (v == null || !type.isInstance(v)) {
            throw new IllegalArgumentException(trial + ": measure '" + key + "' is "
                    + (v == null ? "missing" : "not a " + type.getSimpleName() + ": " + v));
        }
        return v;
    }

    private static Object plain(Trial trial, String key, Object value) {
        if (value instanceof double[] array) {
            List<Object> list = new ArrayList<>(array.length);
            for (double v : array) {
                list.add(v);
            }
            return Collections.unmodifiableList(list);
        }
        if (value instanceof List<?> items) {
            // The stored form of a double[], met again when a result is deserialised.
            List<Object> list = new ArrayList<>(items.size());
            for (Object item : items) {
                if (!(item instanceof Number n)) {
                    throw new IllegalArgumentException(trial + ": measure '" + key + "' must hold numbers, got " + item);
                }
                list.add(n.doubleValue());
            }
            return Collections.unmodifiableList(list);
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        throw new IllegalArgumentException(trial + ": measure '" + key + "' must be a number, string, boolean, "
                + "double[] or list of doubles, got " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** Collects measures in order. */
    public static final class Builder {
        private final Trial trial;
        private final Map<String, Object> measures = new LinkedHashMap<>();

        private Builder(Trial trial) {
            this.trial = trial;
        }

        /** Adds one measure. */
        public Builder put(String key, Object value) {
            if (measures.put(key, value) != null) {
                throw new IllegalArgumentException(trial + ": measure '" + key + "' given twice");
            }
            return this;
        }

        public TrialResult build() {
            return new TrialResult(trial, measures);
        }
    }
}
