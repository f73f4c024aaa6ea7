package org.actlab.bench;

/**
 * The four seed activations as the peer libraries name them, with an independent double-precision
 * reference for the sanity check each peer benchmark runs before timing.
 */
enum PeerFunction {
    SIGMOID, TANH, RELU, LEAKY_RELU;

    /** The slope of leaky ReLU for x &lt; 0, the same in every library (TensorFlow's default of 0.2 is overridden). */
    static final float LEAKY_SLOPE = 0.01f;

    /** Parses the JMH parameter value, for example {@code "leaky_relu"}. */
    static PeerFunction of(String id) {
        for (PeerFunction f : values()) {
            if (f.name().equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown peer function '" + id + "'; expected sigmoid, tanh, relu or leaky_relu");
    }

    /** f(x) in double precision: 1/(1+e^-x), tanh x, max(0, x), x ≥ 0 ? x : 0.01·x. */
    double reference(double x) {
        switch (this) {
            case SIGMOID:
                return 1 / (1 + Math.exp(-x));
            case TANH:
                return Math.tanh(x);
            case RELU:
                return Math.max(0, x);
            default:
                return x >= 0 ? x : LEAKY_SLOPE * x;
        }
    }

    /**
     * Throws unless {@code output[i]} matches f(input[i]) at a spread of indices, within 1e-5
     * absolute plus 1e-5 relative (the peers use fast vectorised approximations, not 1-ULP ones).
     */
    void check(String library, float[] input, float[] output) {
        if (input.length != output.length) {
            throw new IllegalStateException(library + " " + this + ": " + output.length + " outputs for " + input.length + " inputs");
        }
        for (int i = 0; i < input.length; i += Math.max(1, input.length / 101)) {
            double expected = reference(input[i]);
            if (!(Math.abs(output[i] - expected) <= 1e-5 + 1e-5 * Math.abs(expected))) {
                throw new IllegalStateException(library + " " + this + "(" + input[i] + ") = " + output[i]
                        + ", expected " + expected);
            }
        }
    }
}
