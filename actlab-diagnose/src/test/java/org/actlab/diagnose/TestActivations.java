package org.actlab.diagnose;

import org.actlab.activation.Activation;
import org.actlab.activation.Traits;

/**
 * Small independent activations for hand-built cases, so that the diagnostics' arithmetic is tested
 * without the catalogue. Derivatives are computed in double from the closed forms.
 */
enum TestActivations implements Activation {
    SIGMOID("sigmoid", false) {
        @Override
        public float apply(float x) {
            return (float) logistic(x);
        }

        @Override
        public float derivative(float x) {
            double s = logistic(x);
            return (float) (s * (1 - s));
        }
    },
    TANH("tanh", true) {
        @Override
        public float apply(float x) {
            return (float) Math.tanh(x);
        }

        @Override
        public float derivative(float x) {
            double t = Math.tanh(x);
            return (float) (1 - t * t);
        }
    },
    RELU("relu", false) {
        @Override
        public float apply(float x) {
            return x > 0 || Float.isNaN(x) ? x : 0f;
        }

        @Override
        public float derivative(float x) {
            return x > 0 ? 1f : Float.isNaN(x) ? Float.NaN : 0f;
        }
    },
    LEAKY_RELU("leaky_relu", false) {
        @Override
        public float apply(float x) {
            return x > 0 || Float.isNaN(x) ? x : 0.01f * x;
        }

        @Override
        public float derivative(float x) {
            return x > 0 ? 1f : Float.isNaN(x) ? Float.NaN : 0.01f;
        }
    },
    /** x·σ(x): its largest slope, ≈ 1.0998 near x ≈ 2.4, lies away from 0 and any grid point. */
    SWISH("swish", false) {
        @Override
        public float apply(float x) {
            return (float) (x * logistic(x));
        }

        @Override
        public float derivative(float x) {
            double s = logistic(x);
            return (float) (s + x * s * (1 - s));
        }
    },
    /** e^x: its slope grows without bound. */
    EXPONENTIAL("exponential", false) {
        @Override
        public float apply(float x) {
            return (float) Math.exp(x);
        }

        @Override
        public float derivative(float x) {
            return (float) Math.exp(x);
        }
    },
    /** x³: its slope 3x² grows without bound and vanishes at 0. */
    CUBE("cube", true) {
        @Override
        public float apply(float x) {
            return x * x * x;
        }

        @Override
        public float derivative(float x) {
            return 3 * x * x;
        }
    },
    IDENTITY("identity", true) {
        @Override
        public float apply(float x) {
            return x;
        }

        @Override
        public float derivative(float x) {
            return 1f;
        }
    };

    private final String id;
    private final boolean zeroCentred;

    TestActivations(String id, boolean zeroCentred) {
        this.id = id;
        this.zeroCentred = zeroCentred;
    }

    static double logistic(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
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
