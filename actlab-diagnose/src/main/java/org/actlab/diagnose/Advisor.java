package org.actlab.diagnose;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The lecture's rules, each turning one measured figure of a {@link HealthReport} into advice.
 * Layer rules look at hidden layers only: the output layer's activation is set by the task.
 *
 * <ul>
 *   <li>{@value #SATURATION}: a hidden layer whose activation saturates on both sides (logistic,
 *       tanh) has saturatedFraction ≥ {@link AdviceThresholds#saturatedFraction()} → smaller or
 *       Xavier initialisation; tanh (for logistic) or the ReLU family.</li>
 *   <li>{@value #NEAR_ASYMPTOTE}: a hidden layer that the slope rule did not flag has
 *       nearAsymptoteFraction ≥ {@link AdviceThresholds#saturatedFraction()}: its outputs sit near
 *       f(±∞), as the top sigmoid layer of Glorot and Bengio's (2010) Figure 2 does, while f′ there
 *       is still above the slope limit → normalised (Xavier/Glorot) initialisation, or a zero-centred
 *       activation (tanh, softsign) for logistic.</li>
 *   <li>{@value #DEAD_UNITS}: deadFraction ≥ {@link AdviceThresholds#deadFraction()} → lower learning
 *       rate, positive bias initialisation (0.1), leaky ReLU.</li>
 *   <li>{@value #NOT_ZERO_CENTRED}: layer l−1's activation is not zero-centred, its μ/RMS ≥
 *       {@link AdviceThresholds#centring()} and layer l's signCoherence ≥
 *       {@link AdviceThresholds#signCoherence()} (the weight gradients of a unit share one sign, so
 *       updates zig-zag) → tanh or leaky ReLU in layer l−1.</li>
 *   <li>{@value #VANISHING}: gradientRatio &lt; {@link AdviceThresholds#vanishingRatio()} → ReLU
 *       family with He initialisation.</li>
 *   <li>{@value #EXPLODING}: gradientRatio &gt; {@link AdviceThresholds#explodingRatio()} → lower
 *       learning rate, gradient clipping.</li>
 * </ul>
 * NaN figures (no gradients seen) never trigger a rule.
 */
public final class Advisor {

    public static final String SATURATION = "saturation";
    public static final String NEAR_ASYMPTOTE = "near-asymptote";
    public static final String DEAD_UNITS = "dead-units";
    public static final String NOT_ZERO_CENTRED = "not-zero-centred";
    public static final String VANISHING = "vanishing-gradients";
    public static final String EXPLODING = "exploding-gradients";

    private Advisor() {
    }

    /** The advice for these layers (hidden first, output last) and this gradient ratio. */
    public static List<Advice> advise(List<LayerHealth> layers, double gradientRatio, AdviceThresholds t) {
        List<Advice> advice = new ArrayList<>();
        int hidden = layers.size() - 1;
        for (int i = 0; i < hidden; i++) {
            LayerHealth layer = layers.get(i);
            if (layer.saturating() && layer.saturatedFraction() >= t.saturatedFraction()) {
                String instead = layer.zeroCentred() ? "the ReLU family (relu, leaky_relu)" : "tanh or the ReLU family";
                advice.add(new Advice(SATURATION,
                        "initialise smaller weights (Xavier/Glorot) or use " + instead + " in layer " + i,
                        fmt("layer %d (%s): %s of (sample, unit) pairs saturated (threshold %s), %s of units saturated",
                                i, layer.activation(), pct(layer.saturatedFraction()), pct(t.saturatedFraction()),
                                pct(layer.saturatedUnits()))));
            } else if (layer.nearAsymptoteFraction() >= t.saturatedFraction()) {
                String instead = layer.zeroCentred() ? "" : " or a zero-centred activation (tanh, softsign)";
                advice.add(new Advice(NEAR_ASYMPTOTE,
                        "initialise with normalised (Xavier/Glorot) weights" + instead + " in layer " + i,
                        fmt("layer %d (%s): %s of outputs within 5%% of the output range of an asymptote (threshold %s), "
                                        + "%s of units; mean output %.3g; %s of pairs saturated by slope",
                                i, layer.activation(), pct(layer.nearAsymptoteFraction()), pct(t.saturatedFraction()),
                                pct(layer.nearAsymptoteUnits()), layer.meanActivation(), pct(layer.saturatedFraction()))));
            }
        }
        for (int i = 0; i < hidden; i++) {
            LayerHealth layer = layers.get(i);
            if (layer.deadFraction() >= t.deadFraction()) {
                long dead = Math.round(layer.deadFraction() * layer.units());
                advice.add(new Advice(DEAD_UNITS,
                        "lower the learning rate, initialise biases positive (e.g. constant(0.1)) or use leaky_relu in layer " + i,
                        fmt("layer %d (%s): %d of %d units dead (%s, threshold %s): f'(z) = 0 on every evaluation sample",
                                i, layer.activation(), dead, layer.units(), pct(layer.deadFraction()),
                                pct(t.deadFraction()))));
            }
        }
        for (int l = 1; l < layers.size(); l++) {
            LayerHealth feeding = layers.get(l - 1);
            LayerHealth receiving = layers.get(l);
            double centring = feeding.meanActivation() / feeding.rmsActivation();
            if (!feeding.zeroCentred() && centring >= t.centring() && receiving.signCoherence() >= t.signCoherence()) {
                String instead = feeding.activation().startsWith("leaky_relu") ? "tanh" : "tanh or leaky_relu";
                advice.add(new Advice(NOT_ZERO_CENTRED,
                        "use " + instead + " in layer " + (l - 1) + " so that layer " + l + "'s inputs take both signs",
                        fmt("layer %d (%s): mean activation %.3g = %.2f of its RMS (threshold %.2f); layer %d: %s of units "
                                        + "have weight gradients of one sign (threshold %s)",
                                l - 1, feeding.activation(), feeding.meanActivation(), centring, t.centring(), l,
                                pct(receiving.signCoherence()), pct(t.signCoherence()))));
            }
        }
        if (layers.size() >= 2) {
            double first = layers.get(0).gradientNorm();
            double last = layers.get(layers.size() - 1).gradientNorm();
            String evidence = fmt("||dL/dW|| of layer 0 = %.3g, of layer %d = %.3g: ratio %.3g", first,
                    layers.size() - 1, last, gradientRatio);
            if (gradientRatio < t.vanishingRatio()) {
                advice.add(new Advice(VANISHING, "use the ReLU family (relu, leaky_relu) with He initialisation",
                        evidence + fmt(" < %.3g", t.vanishingRatio())));
            } else if (gradientRatio > t.explodingRatio()) {
                advice.add(new Advice(EXPLODING, "lower the learning rate or clip gradients (clip norm)",
                        evidence + fmt(" > %.3g", t.explodingRatio())));
            }
        }
        return advice;
    }

    /**
     * The same advice as {@link #advise}, worked out when first read. The advice is text for people:
     * the CLI, the playground and the report read it, but a sweep trial keeps only the figures, and
     * formatting the evidence (String.format, several numbers per rule) took about a third of a tiny
     * sweep trial's CPU time and allocation (docs/SWEEPS.md, "Throughput"). The list is immutable;
     * it keeps its own copy of the layers, which are immutable records.
     */
    static List<Advice> whenRead(List<LayerHealth> layers, double gradientRatio, AdviceThresholds t) {
        return new WhenRead(List.copyOf(layers), gradientRatio, Objects.requireNonNull(t, "thresholds"));
    }

    /** {@link #whenRead}'s list: {@link #advise} runs once, on the first read, on whichever thread reads. */
    static final class WhenRead extends AbstractList<Advice> implements RandomAccess {
        private final List<LayerHealth> layers;
        private final double gradientRatio;
        private final AdviceThresholds thresholds;
        /** Null until first read; an immutable list, so a race only computes the same advice twice. */
        private volatile List<Advice> advice;

        private WhenRead(List<LayerHealth> layers, double gradientRatio, AdviceThresholds thresholds) {
            this.layers = layers;
            this.gradientRatio = gradientRatio;
            this.thresholds = thresholds;
        }

        private List<Advice> advice() {
            List<Advice> a = advice;
            if (a == null) {
                a = List.copyOf(advise(layers, gradientRatio, thresholds));
                advice = a;
            }
            return a;
        }

        @Override
        public Advice get(int index) {
            return advice().get(index);
        }

        @Override
        public int size() {
            return advice().size();
        }
    }

    private static String pct(double share) {
        return fmt("%.1f%%", 100 * share);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
