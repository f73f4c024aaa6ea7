package org.actlab.lab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values one option takes in a sweep: a list ({@code relu,tanh}) or a numeric range
 * {@code lo:hi:linN} / {@code lo:hi:logN} (N points, ends included). A grid takes every value; a
 * random search draws from the list, or uniformly (log-uniformly for {@code log}) from the range.
 *
 * @param option the canonical option name (a {@code RunConfig} field)
 * @param values the listed values (strings, or lists of strings for list options); empty for a range
 * @param range  the range, or null for a list
 */
public record Axis(String option, List<Object> values, Range range) {

    /** A numeric range: N points from lo to hi, linear or logarithmic. */
    public record Range(double lo, double hi, boolean log, int points) {
        public Range {
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
                throw new IllegalArgumentException("range needs finite lo <= hi, got " + lo + ":" + hi);
            }
            if (log && !(lo > 0)) {
                throw new IllegalArgumentException("a log range needs lo > 0, got " + lo);
            }
            if (points < 1) {
                throw new IllegalArgumentException("a range needs at least 1 point, got " + points);
            }
        }

        /** The grid points, ends included. */
        List<Object> gridPoints() {
            List<Object> out = new ArrayList<>(points);
            for (int i = 0; i < points; i++) {
                double t = points == 1 ? 0 : (double) i / (points - 1);
                out.add(log ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo));
            }
            // The ends exactly as written, free of exp/log rounding.
            out.set(0, lo);
            out.set(points - 1, hi);
            return out;
        }

        double draw(Random random) {
            double u = random.nextDouble();
            return log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        }

        @Override
        public String toString() {
            return fmt(lo) + ":" + fmt(hi) + ":" + (log ? "log" : "lin") + points;
        }

        private static String fmt(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }

    private static final Pattern RANGE = Pattern.compile("([^:]+):([^:]+)(?::(lin|log)?(\\d+))?");

    public Axis {
        values = List.copyOf(values);
        if (range == null && values.isEmpty()) {
            throw new IllegalArgumentException("option '" + option + "' has an empty grid");
        }
    }

    /**
     * Parses {@code text}: a range {@code lo:hi[:linN|logN]} or values separated by commas outside
     * parentheses and brackets ({@code leaky_relu(0.1),relu}; a list option's value is {@code [8,8]}).
     */
    static Axis parse(String option, String text, boolean listOption) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new Axis(option, List.of(), null);
        }
        Matcher m = RANGE.matcher(t);
        if (!listOption && m.matches()) {
            try {
                double lo = Double.parseDouble(m.group(1).trim());
                double hi = Double.parseDouble(m.group(2).trim());
                boolean log = "log".equals(m.group(3));
                int n = m.group(4) == null ? 5 : Integer.parseInt(m.group(4));
                return new Axis(option, List.of(), new Range(lo, hi, log, n));
            } catch (NumberFormatException notARange) {
                // Not numbers: a list value that happens to hold a colon; read it as a list below.
            }
        }
        List<Object> values = new ArrayList<>();
        for (String item : splitTopLevel(t)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException("option '" + option + "' has an empty value in '" + text + "'");
            }
            values.add(listOption ? listValue(item) : item.trim());
        }
        return new Axis(option, values, null);
    }

    /** A list option's value: {@code [8,8]} or {@code 8} (one element). */
    static List<String> listValue(String item) {
        String s = item.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String part : splitTopLevel(s)) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** Splits at commas that are not inside parentheses or brackets. */
    static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** The values of a grid over this axis. */
    List<Object> grid() {
        return range == null ? values : range.gridPoints();
    }

    /** One random value. */
    Object draw(Random random) {
        return range == null ? values.get(random.nextInt(values.size())) : range.draw(random);
    }

    /** The values as written in a sweep file: a range string, or the list. */
    Object written() {
        return range == null ? values : range.toString().toLowerCase(Locale.ROOT);
    }
}
