package org.actlab.lab.experiment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One unit of an experiment's work: a run description plus what to measure. It is plain data
 * (names, numbers, booleans and lists of them), so it can be written to JSON, shipped to another
 * thread, process or machine, and run there by {@link Trials#run(Trial)}: the result depends on the
 * trial alone. Whole numbers are kept as Long, so that a trial read back from JSON (where 5 is just
 * a number) equals the one written.
 *
 * @param experiment the name of the experiment whose {@link Experiment#runTrial} runs it
 * @param measure    what to measure, a name the experiment defines (for example {@code "knockout"})
 * @param run        the run description: data set, network, training and seed, as key → value in a
 *                   fixed order; values are strings, booleans, numbers (Integer and Long stored as
 *                   Long, Double) or lists of these
 */
public record Trial(String experiment, String measure, Map<String, Object> run) implements Serializable {

    public Trial {
        if (experiment == null || experiment.isBlank()) {
            throw new IllegalArgumentException("a trial needs an experiment name, got '" + experiment + "'");
        }
        if (measure == null || measure.isBlank()) {
            throw new IllegalArgumentException("trial of '" + experiment + "' needs a measure, got '" + measure + "'");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : Objects.requireNonNull(run, "run").entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "run key"), plain(experiment, e.getKey(), e.getValue()));
        }
        run = Collections.unmodifiableMap(copy);
    }

    /** A builder for a trial of {@code experiment} measuring {@code measure}. */
    public static Builder of(String experiment, String measure) {
        return new Builder(experiment, measure);
    }

    /** A string value of the run description. */
    public String text(String key) {
        return (String) value(key, String.class);
    }

    /** A numeric value as a double. */
    public double number(String key) {
        return ((Number) value(key, Number.class)).doubleValue();
    }

    /** An integral value as an int. */
    public int integer(String key) {
        return Math.toIntExact(whole(key));
    }

    /** An integral value as a long (seeds). */
    public long whole(String key) {
        Number n = (Number) value(key, Number.class);
        if (n instanceof Double) {
            throw new IllegalArgumentException(this + ": '" + key + "' must be a whole number, got " + n);
        }
        return n.longValue();
    }

    /** A boolean value. */
    public boolean flag(String key) {
        return (Boolean) value(key, Boolean.class);
    }

    /** The conventional seed entry, {@code "seed"}. */
    public long seed() {
        return whole("seed");
    }

    private Object value(String key, Class<?> type) {
        Object v = run.get(key);
        if (v == null) {
            throw new IllegalArgumentException(this + ": no '" + key + "' in the run description");
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(this + ": '" + key + "' must be a " + type.getSimpleName() + ", got " + v);
        }
        return v;
    }

    /** For progress lines: {@code "measure key=value, …"}. */
    public String describe() {
        return measure + " " + run.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return experiment + ": " + describe();
    }

    private static Object plain(String experiment, String key, Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(plain(experiment, key, item));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException("trial of '" + experiment + "': '" + key + "' must be a string, boolean, "
                + "Integer, Long, Double or a list of them, got " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** Collects the run description in order. */
    public static final class Builder {
        private final String experiment;
        private final String measure;
        private final Map<String, Object> run = new LinkedHashMap<>();

        private Builder(String experiment, String measure) {
            this.experiment = experiment;
            this.measure = measure;
        }

        /** Adds one entry. */
        public Builder with(String key, Object value) {
            if (run.put(key, value) != null) {
                throw new IllegalArgumentException("trial of '" + experiment + "': '" + key + "' given twice");
            }
            return this;
        }

        public Trial build() {
            return new Trial(experiment, measure, run);
        }
    }
}
