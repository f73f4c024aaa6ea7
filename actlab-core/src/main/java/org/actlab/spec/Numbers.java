package org.actlab.spec;

/** How spec values are read and written. */
final class Numbers {

    private Numbers() {
    }

    /** A number as a person reads it in a message: {@code 1} rather than {@code 1.0}. */
    static String show(double v) {
        return show(v, false);
    }

    /** As {@link #show(double)}, in float's shortest form when {@code singlePrecision}. */
    static String show(double v, boolean singlePrecision) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        return singlePrecision ? Float.toString((float) v) : Double.toString(v);
    }

    /**
     * The canonical printed form of a value: Java's shortest decimal that reads back to the same
     * value in the schema's precision ({@code 1.0}, {@code 0.01}, {@code 1.0E-8}), and whole
     * numbers for integer parameters.
     */
    static String canonical(double v, boolean singlePrecision, boolean integer) {
        if (integer) {
            return Long.toString((long) v);
        }
        return singlePrecision ? Float.toString((float) v) : Double.toString(v);
    }

    /**
     * Reads a value in the schema's precision. Java's parsers accept type suffixes ({@code 1d},
     * {@code 2f}); they are refused, so that a typo is never silently read as a number.
     */
    static double parse(String text, boolean singlePrecision) {
        char last = text.isEmpty() ? ' ' : Character.toLowerCase(text.charAt(text.length() - 1));
        if (last == 'd' || last == 'f') {
            throw new NumberFormatException(text);
        }
        // Parsed directly as a float for float parameters: a decimal read as double and then rounded
        // to float can land on a neighbour, which would break spec round trips.
        return singlePrecision ? Float.parseFloat(text) : Double.parseDouble(text);
    }
}
