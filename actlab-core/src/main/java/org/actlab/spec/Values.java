package org.actlab.spec;

/**
 * The checked values of one bound spec, in the schema's positional order.
 *
 * @param schema the schema they were bound against
 * @param values one per parameter
 */
public record Values(Schema schema, double[] values) {

    /** The value of parameter {@code i} in positional order. */
    public double get(int i) {
        return values[i];
    }

    /** The value of parameter {@code i} as a float (exact for single-precision schemas). */
    public float f(int i) {
        return (float) values[i];
    }

    /** The value of whole-number parameter {@code i}. */
    public int whole(int i) {
        return (int) values[i];
    }

    /** The values by canonical key, in positional order. */
    public java.util.Map<String, Double> byKey() {
        java.util.Map<String, Double> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(schema.params().get(i).key(), values[i]);
        }
        return map;
    }

    /** The canonical spec. */
    public String spec() {
        return schema.format(values);
    }
}
