package org.actlab.lab.replicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.lab.experiment.Figures;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialResult;

/**
 * Klambauer, Unterthiner, Mayr &amp; Hochreiter (2017), "Self-Normalizing Neural Networks": with
 * LeCun-normal weights, SELU drives the mean and variance of the activations to the fixed point
 * (0, 1) through many layers.
 */
final class KlambauerSelu extends PaperReplication {

    /** Pre-registered: "at the fixed point" means |mean| ≤ this and |variance − 1| ≤ this at the last layer. */
    static final double TOLERANCE = 0.1;
    private static final List<String> ACTIVATIONS = List.of("selu", "relu", "tanh");

    static final QuickOrFull<Integer> DEPTH = new QuickOrFull<>(32, 64);
    static final QuickOrFull<Integer> WIDTH = new QuickOrFull<>(128, 256);
    static final QuickOrFull<Integer> ROWS = new QuickOrFull<>(128, 256);

    KlambauerSelu() {
        super("klambauer-selu",
                "Klambauer, Unterthiner, Mayr & Hochreiter (2017), Self-Normalizing Neural Networks, NeurIPS",
                "With LeCun-normal initialisation (N(0, 1/n)), the mean and variance of SELU activations converge to the "
                        + "fixed point (0, 1) from layer to layer, so a deep SELU network keeps them there.",
                String.format(Locale.ROOT, "Reproduced when SELU's last-layer mean is within %.1f of 0 and its variance "
                        + "within %.1f of 1 (mean over seeds), while relu and tanh are both outside that box; partly when SELU is "
                        + "inside but relu or tanh is too; not reproduced when SELU is outside.", TOLERANCE, TOLERANCE),
                "The paper's fixed-point analysis is for wide layers and its experiments train SNNs on UCI, Tox21 and HTRU2; "
                        + "here only the forward signal of random networks at initialisation is measured, with fewer units "
                        + "and rows, in float activations over double sums.",
                "Fully connected networks of %d layers of %d units with selu, relu and tanh; "
                        + "LeCun-normal weights, zero biases; %d input rows x ~ N(0, I); %d seeds; mean and variance of all "
                        + "activations of each layer, averaged over seeds.",
                quick -> new Object[] {DEPTH.of(quick), WIDTH.of(quick), ROWS.of(quick), SEEDS.of(quick)});
    }

    /** The random stream of seed index {@code s} (0, 1, …). */
    static long seed(int s) {
        return 1000L * s + 7;
    }

    /** Mean and variance per layer (index 0: the input), averaged over seeds. */
    static double[][] profile(String activation, int depth, int width, int rows, int seeds) {
        double[][] out = new double[depth + 1][2];
        for (int s = 0; s < seeds; s++) {
            double[][] m = moments(activation, depth, width, rows, seed(s));
            accumulate(out, m[0], m[1], seeds);
        }
        return out;
    }

    /** Adds one seed's per-layer mean and variance, divided by the number of seeds, to the running average. */
    private static void accumulate(double[][] out, double[] mean, double[] variance, int seeds) {
        for (int l = 0; l < out.length; l++) {
            out[l][0] += mean[l] / seeds;
            out[l][1] += variance[l] / seeds;
        }
    }

    /** Per layer (index 0: the input) of one random network and input: {mean[], variance[]}. */
    static double[][] moments(String activation, int depth, int width, int rows, long seed) {
        Activation f = Activations.parse(activation);
        double[][] out = new double[2][depth + 1];
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] a = new double[rows][width];
        for (double[] row : a) {
            for (int k = 0; k < width; k++) {
                row[k] = Propagation.gaussian(rng);
            }
        }
        double[] w = new double[width * width];
        double[] b = new double[width];
        for (int l = 0; l <= depth; l++) {
            if (l > 0) {
                Propagation.LECUN_NORMAL.draw(w, b, width, width, rng);
                a = Propagation.layer(a, w, b, width, f);
            }
            double[] mv = Propagation.meanVariance(a);
            out[0][l] = mv[0];
            out[1][l] = mv[1];
        }
        return out;
    }

    @Override
    public List<Trial> trials(boolean quick) {
        return perArmAndSeed(quick, ACTIVATIONS, (activation, s) -> trial().with("activation", activation)
                .with("depth", DEPTH.of(quick)).with("width", WIDTH.of(quick)).with("rows", ROWS.of(quick))
                .with("seed", seed(s)).build());
    }

    @Override
    public TrialResult runTrial(Trial trial) {
        double[][] m = moments(trial.text("activation"), trial.integer("depth"), trial.integer("width"),
                trial.integer("rows"), trial.seed());
        return TrialResult.of(trial).put("mean", m[0]).put("variance", m[1]).build();
    }

    static boolean atFixedPoint(double mean, double variance) {
        return Math.abs(mean) <= TOLERANCE && Math.abs(variance - 1) <= TOLERANCE;
    }

    @Override
    public ReplicationResult reduce(boolean quick, List<TrialResult> results) {
        int depth = DEPTH.of(quick);
        List<ReplicationResult.Row> rows = new ArrayList<>();
        boolean seluInside = false;
        boolean othersOutside = true;
        int next = 0;
        for (String activation : ACTIVATIONS) {
            double[][] p = new double[depth + 1][2];
            for (int s = 0; s < SEEDS.of(quick); s++) {
                TrialResult r = results.get(next++);
                accumulate(p, r.numbers("mean"), r.numbers("variance"), SEEDS.of(quick));
            }
            double mean = p[depth][0];
            double variance = p[depth][1];
            boolean inside = atFixedPoint(mean, variance);
            if (activation.equals("selu")) {
                seluInside = inside;
            } else {
                othersOutside &= !inside;
            }
            rows.add(new ReplicationResult.Row(activation + ": mean, variance at layer " + depth,
                    activation.equals("selu") ? "→ (0, 1)" : "not claimed (compared by the paper's argument)",
                    String.format(Locale.ROOT, "(%s, %s); layer %d: (%s, %s)", Figures.format(mean), Figures.format(variance),
                            depth / 2, Figures.format(p[depth / 2][0]), Figures.format(p[depth / 2][1]))));
        }
        ReplicationResult.Outcome outcome = !seluInside ? ReplicationResult.Outcome.not_reproduced
                : othersOutside ? ReplicationResult.Outcome.reproduced : ReplicationResult.Outcome.partly;
        String note = seluInside
                ? "SELU stays at (0, 1) through " + depth + " layers" + (othersOutside ? "; relu and tanh drift away." : "; but a comparison arm stays too.")
                : "SELU leaves the (0, 1) box by layer " + depth + ".";
        return ReplicationResult.of(this, quick, outcome, rows, note);
    }
}
