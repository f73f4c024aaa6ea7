package org.actlab.activation;

/** Parameter checks shared by the parametrised activations; messages name the function, the parameter and the value. */
final class Params {

    private Params() {
    }

    /** A float as a person writes it in a message: {@code -1} rather than {@code -1.0}, else {@link Float#toString}. */
    static String show(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7f && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        return Float.toString(v);
    }

    static float finite(String id, String param, float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(id + " " + param + " must be finite, got " + show(v));
        }
        return v;
    }

    static float positive(String id, String param, float v) {
        if (!(v > 0) || v == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(id + " " + param + " must be > 0, got " + show(v));
        }
        return v;
    }

    static float nonNegative(String id, String param, float v) {
        if (!(v >= 0) || v == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(id + " " + param + " must be >= 0, got " + show(v));
        }
        return v;
    }

    /** The spec of a parametrised activation: {@code id(key=value, ...)} with {@link Float#toString}. */
    static String spec(String id, String[] keys, float... values) {
        StringBuilder s = new StringBuilder(id).append('(');
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(keys[i]).append('=').append(Float.toString(values[i]));
        }
        return s.append(')').toString();
    }
}
