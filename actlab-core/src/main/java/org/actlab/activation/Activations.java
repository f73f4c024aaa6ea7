package org.actlab.activation;

import java.util.List;

/**
 * The registry: parses spec strings ({@code name}, {@code name(v, ...)} or
 * {@code name(key=v, ...)}), resolves aliases ({@code linear}, {@code logistic}, {@code swish}),
 * lists the catalogue, and offers static factories.
 *
 * <p>For every activation a, {@code parse(a.spec()).equals(a)}.
 */
public final class Activations {

    private Activations() {
    }

    /**
     * Parses a spec such as {@code "relu"}, {@code "leaky_relu(0.2)"} or {@code "elu(alpha=0.5)"}.
     *
     * @throws IllegalArgumentException naming the bad name (with a did-you-mean and the list of
     *                                  names) or the bad parameter
     */
    public static Activation parse(String spec) {
        throw new UnsupportedOperationException("registry not written yet: " + spec);
    }

    /** The canonical names of the catalogue, in catalogue order, without aliases. */
    public static List<String> names() {
        throw new UnsupportedOperationException("registry not written yet");
    }

    /** One activation per catalogue entry, each with its default parameters, in catalogue order. */
    public static List<Activation> catalogue() {
        throw new UnsupportedOperationException("registry not written yet");
    }
}
