package org.actlab.diagnose;

import org.actlab.activation.Activation;
import org.actlab.activation.Traits;

/**
 * Small independent activations for hand-built cases, so that the diagnostics' arithmetic is tested
 * without the catalogue. Derivatives are computed in double from the closed forms.
 */
enum TestActivations implements Activation {
    SIGMOID("sigmoid", false, x -> (float) logistic(x), x -> (float) (logistic(x) * (1 - logistic(x)))),
    TANH("tanh", true, x -> (float) Math.tanh(x), x -> (float) (1 - Math.tanh(x) * Math.tanh(x))),
    RELU("relu", false, x -> x > 0 || Float.isNaN(x) ? x : 0f, x -> x > 0 ? 1f : Float.isNaN(x) ? Float.NaN : 0f),
    LEAKY_RELU("leaky_relu", false, x -> x > 0 || Float.isNaN(x) ? x : 0.01f * x,
            x -> x > 0 ? 1f : Float.isNaN(x) ? Float.NaN : 0.01f),
    /** x·σ(x): its largest slope, ≈ 1.0998 near x ≈ 2.4, lies away from 0 and any grid point. */
    SWISH("swish", false, x -> (float) (x * logistic(x)),
            x -> (float) (logistic(x) + x * logistic(x) * (1 - logistic(x)))),
    /** e^x: its slope grows without bound. */
    EXPONENTIAL("exponential", false, x -> (float) Math.exp(x), x -> (float) Math.exp(x)),
    /** x³: its slope 3x² grows without bound and vanishes at 0. */
    CUBE("cube", true, x -> x * x * x, x -> 3 * x * x),
    IDENTITY("identity", true, x -> x, x -> 1f);

    /** A float function of a float, written in the arithmetic each closed form above states. */
    @FunctionalInterface
    interface FloatFunction {
        float at(float x);
    }

    private final String id;
    private final boolean zeroCentred;
    private final FloatFunction value;
    private final FloatFunction slope;

    TestActivations(String id, boolean zeroCentred, FloatFunction value, FloatFunction slope) {
        this.id = id;
        this.zeroCentred = zeroCentred;
        this.value = value;
        this.slope = slope;
    }

    static double logistic(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    @Override
    public float apply(float x) {
        return value.at(x);
    }

    @Override
    public float derivative(float x) {
        return slope.at(x);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String spec() {
        return id;
    }

    @Override
    public Traits traits() {
        return new Traits("test", "test", "test", zeroCentred, this == SIGMOID || this == TANH, true,
                Traits.Cost.CHEAP, "test");
    }
}
