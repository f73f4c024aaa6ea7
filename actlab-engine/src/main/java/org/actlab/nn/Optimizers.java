package org.actlab.nn;

import java.util.List;
import org.actlab.spec.Param;
import org.actlab.spec.Registry;
import org.actlab.spec.Schema;

/**
 * The registry of optimisers. With g the gradient, η the learning rate and t the step (from 1),
 * each slot is updated element-wise (arithmetic in double, state stored as float):
 * <ul>
 * <li>{@code sgd}: w ← w − η·g</li>
 * <li>{@code momentum(mu=0.9)}: v ← μ·v + g; w ← w − η·v (PyTorch's form)</li>
 * <li>{@code nesterov(mu=0.9)}: v ← μ·v + g; w ← w − η·(g + μ·v) (PyTorch's form)</li>
 * <li>{@code adagrad(eps=1e-10)}: G ← G + g²; w ← w − η·g/(√G + ε)</li>
 * <li>{@code rmsprop(rho=0.9, eps=1e-8)}: s ← ρ·s + (1−ρ)·g²; w ← w − η·g/(√s + ε)</li>
 * <li>{@code adam(beta1=0.9, beta2=0.999, eps=1e-8)}: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 *     w ← w − η·m̂/(√v̂ + ε) with m̂ = m/(1−β1^t), v̂ = v/(1−β2^t) (Kingma &amp; Ba 2015)</li>
 * <li>{@code adamw(weight_decay=0.01, beta1=0.9, beta2=0.999, eps=1e-8)}: first w ← w − η·λ·w on
 *     decayed slots (decoupled decay, Loshchilov &amp; Hutter 2019), then the Adam step</li>
 * </ul>
 */
public final class Optimizers {

    private static final String KIND = "optimiser";
    private static final Param EPS = Param.of("eps", 1e-8).positive();
    private static final Param BETA1 = Param.of("beta1", 0.9).atLeast(0).below(1);
    private static final Param BETA2 = Param.of("beta2", 0.999).positive().below(1);
    private static final Registry<Optimizer> REGISTRY = new Registry<Optimizer>(KIND)
            .register("sgd", v -> new Rule(v.spec(), Kind.SGD, 0, 0, 0, 0, 0))
            .register(Schema.of(KIND, "momentum", Param.of("mu", 0.9).atLeast(0).below(1)),
                    v -> new Rule(v.spec(), Kind.MOMENTUM, v.get(0), 0, 0, 0, 0))
            .register(Schema.of(KIND, "nesterov", Param.of("mu", 0.9).atLeast(0).below(1)),
                    v -> new Rule(v.spec(), Kind.NESTEROV, v.get(0), 0, 0, 0, 0))
            .register(Schema.of(KIND, "adagrad", Param.of("eps", 1e-10).positive()),
                    v -> new Rule(v.spec(), Kind.ADAGRAD, 0, 0, 0, v.get(0), 0))
            .register(Schema.of(KIND, "rmsprop", Param.of("rho", 0.9).atLeast(0).below(1), EPS),
                    v -> new Rule(v.spec(), Kind.RMSPROP, v.get(0), 0, 0, v.get(1), 0))
            .register(Schema.of(KIND, "adam", BETA1, BETA2, EPS),
                    v -> new Rule(v.spec(), Kind.ADAM, 0, v.get(0), v.get(1), v.get(2), 0))
            .register(Schema.of(KIND, "adamw", Param.of("weight_decay", 0.01).atLeast(0), BETA1, BETA2, EPS),
                    v -> new Rule(v.spec(), Kind.ADAMW, 0, v.get(1), v.get(2), v.get(3), v.get(0)));

    private Optimizers() {
    }

    /** The registered names. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** The registry: schemas, names and aliases. */
    public static Registry<Optimizer> registry() {
        return REGISTRY;
    }

    /**
     * Parses an optimiser spec such as {@code "sgd"}, {@code "momentum(0.9)"} or {@code "adam(beta1=0.8)"}.
     *
     * @throws IllegalArgumentException naming the unknown name or the bad parameter
     */
    public static Optimizer parse(String spec) {
        return REGISTRY.parse(spec);
    }

    private enum Kind { SGD, MOMENTUM, NESTEROV, ADAGRAD, RMSPROP, ADAM, ADAMW }

    /** One class for every rule: the rules differ only in a few lines of {@link #step}. */
    private static final class Rule implements Optimizer {
        private final String spec;
        private final Kind kind;
        /** μ for momentum and nesterov, ρ for rmsprop. */
        private final double mu;
        private final double beta1;
        private final double beta2;
        private final double eps;
        private final double weightDecay;
        private float[][] first;
        private float[][] second;
        private boolean[] decayed;
        private long t;

        Rule(String spec, Kind kind, double mu, double beta1, double beta2, double eps, double weightDecay) {
            this.spec = spec;
            this.kind = kind;
            this.mu = mu;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
        }

        @Override
        public String spec() {
            return spec;
        }

        @Override
        public String toString() {
            return spec();
        }

        @Override
        public void initialise(int[] sizes, boolean[] decayedSlots) {
            if (decayedSlots.length != sizes.length) {
                throw new IllegalArgumentException("sizes has " + sizes.length + " slots but decayed has " + decayedSlots.length);
            }
            boolean needsFirst = kind != Kind.SGD;
            boolean needsSecond = kind == Kind.ADAM || kind == Kind.ADAMW;
            first = new float[sizes.length][];
            second = new float[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                first[i] = new float[needsFirst ? sizes[i] : 0];
                second[i] = new float[needsSecond ? sizes[i] : 0];
            }
            decayed = decayedSlots.clone();
            t = 0;
        }

        @Override
        public void step(float[][] params, float[][] grads, double learningRate) {
            if (first == null) {
                throw new IllegalStateException(spec() + ": call initialise before step");
            }
            if (params.length != first.length || grads.length != first.length) {
                throw new IllegalArgumentException(spec() + ": initialised for " + first.length + " slots, got "
                        + params.length + " parameter and " + grads.length + " gradient arrays");
            }
            t++;
            double lr = learningRate;
            double correction1 = 1 - Math.pow(beta1, t);
            double correction2 = 1 - Math.pow(beta2, t);
            for (int slot = 0; slot < params.length; slot++) {
                float[] w = params[slot];
                float[] g = grads[slot];
                float[] s1 = first[slot];
                float[] s2 = second[slot];
                int n = w.length;
                switch (kind) {
                    case SGD:
                        for (int i = 0; i < n; i++) {
                            w[i] = (float) (w[i] - lr * g[i]);
                        }
                        break;
                    case MOMENTUM:
                        for (int i = 0; i < n; i++) {
                            double v = mu * s1[i] + g[i];
                            s1[i] = (float) v;
                            w[i] = (float) (w[i] - lr * v);
                        }
                        break;
                    case NESTEROV:
                        for (int i = 0; i < n; i++) {
                            double v = mu * s1[i] + g[i];
                            s1[i] = (float) v;
                            w[i] = (float) (w[i] - lr * (g[i] + mu * v));
                        }
                        break;
                    case ADAGRAD:
                        for (int i = 0; i < n; i++) {
                            double sum = s1[i] + (double) g[i] * g[i];
                            s1[i] = (float) sum;
                            w[i] = (float) (w[i] - lr * g[i] / (Math.sqrt(sum) + eps));
                        }
                        break;
                    case RMSPROP:
                        for (int i = 0; i < n; i++) {
                            double s = mu * s1[i] + (1 - mu) * g[i] * g[i];
                            s1[i] = (float) s;
                            w[i] = (float) (w[i] - lr * g[i] / (Math.sqrt(s) + eps));
                        }
                        break;
                    default:
                        boolean decay = kind == Kind.ADAMW && decayed[slot] && weightDecay > 0;
                        for (int i = 0; i < n; i++) {
                            double wi = decay ? w[i] - lr * weightDecay * w[i] : w[i];
                            double m = beta1 * s1[i] + (1 - beta1) * g[i];
                            double v = beta2 * s2[i] + (1 - beta2) * g[i] * g[i];
                            s1[i] = (float) m;
                            s2[i] = (float) v;
                            w[i] = (float) (wi - lr * (m / correction1) / (Math.sqrt(v / correction2) + eps));
                        }
                        break;
                }
            }
        }

        @Override
        public void reset() {
            if (first != null) {
                for (int i = 0; i < first.length; i++) {
                    java.util.Arrays.fill(first[i], 0f);
                    java.util.Arrays.fill(second[i], 0f);
                }
            }
            t = 0;
        }

        @Override
        public Optimizer copy() {
            Rule copy = new Rule(spec, kind, mu, beta1, beta2, eps, weightDecay);
            if (first != null) {
                copy.first = new float[first.length][];
                copy.second = new float[second.length][];
                for (int i = 0; i < first.length; i++) {
                    copy.first[i] = first[i].clone();
                    copy.second[i] = second[i].clone();
                }
                copy.decayed = decayed.clone();
            }
            copy.t = t;
            return copy;
        }
    }
}
