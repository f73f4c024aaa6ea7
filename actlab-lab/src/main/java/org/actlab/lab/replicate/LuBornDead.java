package org.actlab.lab.replicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.lab.experiment.Figures;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialResult;

/**
 * Lu, Shin, Su &amp; Karniadakis (2019), "Dying ReLU and Initialization: Theory and Numerical Examples":
 * a deep ReLU network with a symmetric initialisation is born dead (a constant function of its
 * input) with a probability that goes to 1 with depth at a fixed width; their randomized asymmetric
 * initialisation (RAI) lowers it.
 */
final class LuBornDead extends PaperReplication {

    /** Pre-registered: the narrowest He network at the largest depth must be born dead at least this often. */
    static final double DEEP_NARROW_MIN = 0.5;
    /** Differences in probability are judged against this many standard errors. */
    static final double STANDARD_ERRORS = 2;

    static final QuickOrFull<List<Integer>> WIDTHS = new QuickOrFull<>(List.of(2, 4), List.of(2, 3, 4, 5, 10));
    static final QuickOrFull<List<Integer>> DEPTHS = new QuickOrFull<>(List.of(2, 10, 20), List.of(2, 5, 10, 20, 40));
    static final QuickOrFull<Integer> NETWORKS = new QuickOrFull<>(200, 1000);
    static final QuickOrFull<Integer> POINTS = new QuickOrFull<>(100, 300);

    LuBornDead() {
        super("lu-born-dead",
                "Lu, Shin, Su & Karniadakis (2019/2020), Dying ReLU and Initialization: Theory and Numerical Examples, "
                        + "Commun. Comput. Phys. 28(5), arXiv:1903.06733",
                "With a symmetric initialisation (He normal, zero biases) a ReLU network of fixed width is born dead "
                        + "with a probability that goes to 1 as the depth grows (their theorem); RAI, which draws one entry of each "
                        + "unit's (weights, bias) from Beta(2, 1), lowers that probability.",
                String.format(Locale.ROOT, "(a) Under He, at every width the born-dead share at the largest depth exceeds that "
                        + "at the smallest by more than %.0f standard errors, and the narrowest width at the largest depth is "
                        + "born dead at least %.0f%% of the time; (b) at every cell of depth ≥ 10, RAI's share is below He's by "
                        + "more than %.0f standard errors or both are 0. Reproduced when (a) and (b) hold, partly when one "
                        + "does, not reproduced when neither does.",
                        STANDARD_ERRORS, 100 * DEEP_NARROW_MIN, STANDARD_ERRORS),
                "The paper's figures use its own widths, depths and input dimensions, and its exact per-cell figures could not "
                        + "be consulted offline: its theorem (probability → 1 with depth) and the qualitative RAI-versus-He result "
                        + "stand in as the paper's figures. Born-dead is checked on a finite grid of inputs. RAI is the engine's "
                        + "'rai' initialiser, drawn in float; its σ = 0.6007 is the value used with Beta(2, 1) by public "
                        + "implementations.",
                "1 input, x on %d points evenly spaced in [−√3, √3]; widths %s, depths %s "
                        + "(hidden layers), ReLU; %d networks per cell and initialisation; He normal (N(0, 2/n_in), zero "
                        + "biases) and RAI (Lu et al.'s Algorithm 1: per unit all fan-in + 1 entries, bias included, from "
                        + "N(0, 0.6007²/n_in), then one of them, drawn uniformly, replaced by Beta(2, 1)). Born dead: the "
                        + "last hidden layer's output is the same on every point.",
                quick -> new Object[] {POINTS.of(quick), WIDTHS.of(quick), DEPTHS.of(quick), NETWORKS.of(quick)});
    }

    /** The share of {@code networks} random networks that are born dead. */
    static double bornDeadShare(Propagation.Init init, int width, int depth, int networks, int points, long seed) {
        Activation relu = Activations.parse("relu");
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[points][1];
        for (int i = 0; i < points; i++) {
            x[i][0] = -Math.sqrt(3) + 2 * Math.sqrt(3) * i / (points - 1);
        }
        int dead = 0;
        for (int n = 0; n < networks; n++) {
            double[][] a = x;
            for (int l = 0; l < depth; l++) {
                int fanIn = a[0].length;
                double[] w = new double[width * fanIn];
                double[] b = new double[width];
                init.draw(w, b, width, fanIn, rng);
                a = Propagation.layer(a, w, b, width, relu);
            }
            dead += constant(a) ? 1 : 0;
        }
        return (double) dead / networks;
    }

    private static boolean constant(double[][] a) {
        for (double[] row : a) {
            for (int u = 0; u < row.length; u++) {
                if (row[u] != a[0][u]) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double standardError(double p, int n) {
        return Math.sqrt(Math.max(p * (1 - p), 1.0 / n) / n);
    }

    /** The two initialisations compared, by the name a trial carries. */
    private static final Map<String, Propagation.Init> INITS = Map.of("he_normal", Propagation.HE_NORMAL, "rai", Propagation.RAI);

    @Override
    public List<Trial> trials(boolean quick) {
        // Per cell (width, depth): He with the cell's seed, RAI with the next one.
        List<Trial> trials = new ArrayList<>();
        for (int width : WIDTHS.of(quick)) {
            for (int depth : DEPTHS.of(quick)) {
                long seed = 31L * width + depth;
                for (String init : List.of("he_normal", "rai")) {
                    trials.add(trial().with("init", init).with("width", width).with("depth", depth)
                            .with("networks", NETWORKS.of(quick)).with("points", POINTS.of(quick))
                            .with("seed", init.equals("rai") ? seed + 1 : seed).build());
                }
            }
        }
        return trials;
    }

    @Override
    public TrialResult runTrial(Trial trial) {
        Propagation.Init init = INITS.get(trial.text("init"));
        if (init == null) {
            throw new IllegalArgumentException(trial + ": unknown init '" + trial.text("init") + "'");
        }
        return TrialResult.of(trial).put("born dead", bornDeadShare(init, trial.integer("width"), trial.integer("depth"),
                trial.integer("networks"), trial.integer("points"), trial.seed())).build();
    }

    @Override
    public ReplicationResult reduce(boolean quick, List<TrialResult> results) {
        List<Integer> widths = WIDTHS.of(quick);
        List<Integer> depths = DEPTHS.of(quick);
        int n = NETWORKS.of(quick);
        boolean heRises = true;
        boolean raiLower = true;
        double deepNarrow = Double.NaN;
        List<ReplicationResult.Row> rows = new ArrayList<>();
        int next = 0;
        for (int width : widths) {
            double[] he = new double[depths.size()];
            double[] rai = new double[depths.size()];
            StringBuilder heText = new StringBuilder();
            StringBuilder raiText = new StringBuilder();
            for (int d = 0; d < depths.size(); d++) {
                int depth = depths.get(d);
                he[d] = results.get(next++).number("born dead");
                rai[d] = results.get(next++).number("born dead");
                heText.append(d == 0 ? "" : ", ").append("L").append(depth).append(' ').append(Figures.percent(he[d]));
                raiText.append(d == 0 ? "" : ", ").append("L").append(depth).append(' ').append(Figures.percent(rai[d]));
                if (depth >= 10 && !(he[d] == 0 && rai[d] == 0)) {
                    raiLower &= he[d] - rai[d] > STANDARD_ERRORS * Math.hypot(standardError(he[d], n), standardError(rai[d], n));
                }
            }
            int last = depths.size() - 1;
            heRises &= he[last] - he[0] > STANDARD_ERRORS * Math.hypot(standardError(he[last], n), standardError(he[0], n));
            if (width == widths.get(0)) {
                deepNarrow = he[last];
            }
            rows.add(new ReplicationResult.Row("He, width " + width + ": born dead by depth", "→ 100% as depth → ∞",
                    heText.toString()));
            rows.add(new ReplicationResult.Row("RAI, width " + width + ": born dead by depth", "below He",
                    raiText.toString()));
        }
        boolean a = heRises && deepNarrow >= DEEP_NARROW_MIN;
        ReplicationResult.Outcome outcome = a && raiLower ? ReplicationResult.Outcome.reproduced
                : a || raiLower ? ReplicationResult.Outcome.partly : ReplicationResult.Outcome.not_reproduced;
        String note = String.format(Locale.ROOT, "He: rises with depth at every width: %s; narrowest at the largest depth %s; "
                + "RAI below He at every cell of depth ≥ 10: %s.", heRises, Figures.percent(deepNarrow), raiLower);
        return ReplicationResult.of(this, quick, outcome, rows, note);
    }
}
