package org.actlab.nn;

import java.util.List;

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

    private static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");

    private Optimizers() {
    }

    /** The registered names. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Parses an optimiser spec such as {@code "sgd"}, {@code "momentum(0.9)"} or {@code "adam(beta1=0.8)"}.
     *
     * @throws IllegalArgumentException naming the unknown name or the bad parameter
     */
    public static Optimizer parse(String spec) {
        Specs.Parsed parsed = Specs.parse("optimiser", spec);
        switch (parsed.name()) {
            case "sgd":
                Specs.bind(parsed, new String[0], new double[0]);
                return new Rule(Kind.SGD, 0, 0, 0, 0, 0);
            case "momentum":
            case "nesterov": {
                double mu = Specs.bind(parsed, new String[] {"mu"}, new double[] {0.9})[0];
                unitInterval(parsed, "mu", mu, true);
                return new Rule(parsed.name().equals("momentum") ? Kind.MOMENTUM : Kind.NESTEROV, mu, 0, 0, 0, 0);
            }
            case "adagrad": {
                double eps = Specs.bind(parsed, new String[] {"eps"}, new double[] {1e-10})[0];
                positive(parsed, "eps", eps);
                return new Rule(Kind.ADAGRAD, 0, 0, 0, eps, 0);
            }
            case "rmsprop": {
                double[] p = Specs.bind(parsed, new String[] {"rho", "eps"}, new double[] {0.9, 1e-8});
                unitInterval(parsed, "rho", p[0], true);
                positive(parsed, "eps", p[1]);
                return new Rule(Kind.RMSPROP, p[0], 0, 0, p[1], 0);
            }
            case "adam": {
                double[] p = Specs.bind(parsed, new String[] {"beta1", "beta2", "eps"}, new double[] {0.9, 0.999, 1e-8});
                unitInterval(parsed, "beta1", p[0], true);
                unitInterval(parsed, "beta2", p[1], false);
                positive(parsed, "eps", p[2]);
                return new Rule(Kind.ADAM, 0, p[0], p[1], p[2], 0);
            }
            case "adamw": {
                double[] p = Specs.bind(parsed, new String[] {"weight_decay", "beta1", "beta2", "eps"},
                        new double[] {0.01, 0.9, 0.999, 1e-8});
                if (!(p[0] >= 0)) {
                    throw new IllegalArgumentException("optimiser 'adamw': weight_decay must be >= 0, got " + Specs.show(p[0]));
                }
                unitInterval(parsed, "beta1", p[1], true);
                unitInterval(parsed, "beta2", p[2], false);
                positive(parsed, "eps", p[3]);
                return new Rule(Kind.ADAMW, 0, p[1], p[2], p[3], p[0]);
            }
            default:
                throw new IllegalArgumentException(Specs.unknown("optimiser", parsed.name(), NAMES));
        }
    }

    private static void unitInterval(Specs.Parsed parsed, String key, double value, boolean zeroAllowed) {
        if (!(value < 1) || !(zeroAllowed ? value >= 0 : value > 0)) {
            throw new IllegalArgumentException("optimiser '" + parsed.name() + "': " + key + " must be in "
                    + (zeroAllowed ? "[0, 1)" : "(0, 1)") + ", got " + Specs.show(value));
        }
    }

    private static void positive(Specs.Parsed parsed, String key, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("optimiser '" + parsed.name() + "': " + key + " must be > 0, got " + Specs.show(value));
        }
    }

    private enum Kind { SGD, MOMENTUM, NESTEROV, ADAGRAD, RMSPROP, ADAM, ADAMW }

    /** One class for every rule: the rules differ only in a few lines of {@link #step}. */
    private static final class Rule implements Optimizer {
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

        Rule(Kind kind, double mu, double beta1, double beta2, double eps, double weightDecay) {
            this.kind = kind;
            this.mu = mu;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
        }

        @Override
        public String spec() {
            switch (kind) {
                case SGD:
                    return "sgd";
                case MOMENTUM:
                    return "momentum(mu=" + Specs.show(mu) + ")";
                case NESTEROV:
                    return "nesterov(mu=" + Specs.show(mu) + ")";
                case ADAGRAD:
                    return "adagrad(eps=" + Specs.show(eps) + ")";
                case RMSPROP:
                    return "rmsprop(rho=" + Specs.show(mu) + ",eps=" + Specs.show(eps) + ")";
                case ADAM:
                    return "adam(beta1=" + Specs.show(beta1) + ",beta2=" + Specs.show(beta2) + ",eps=" + Specs.show(eps) + ")";
                default:
                    return "adamw(weight_decay=" + Specs.show(weightDecay) + ",beta1=" + Specs.show(beta1)
                            + ",beta2=" + Specs.show(beta2) + ",eps=" + Specs.show(eps) + ")";
            }
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
            Rule copy = new Rule(kind, mu, beta1, beta2, eps, weightDecay);
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
