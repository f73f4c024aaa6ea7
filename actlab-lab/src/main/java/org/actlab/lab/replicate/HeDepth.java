package org.actlab.lab.replicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.data.Standardisation;
import org.actlab.lab.experiment.Figures;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;
import org.actlab.nn.TrainConfig;
import org.actlab.nn.Trainer;
import org.actlab.nn.TrainingResult;

/**
 * He, Zhang, Ren &amp; Sun (2015), "Delving Deep into Rectifiers", Figure 3: a 30-layer ReLU network
 * initialised with Xavier's N(0, 1/n) stalls, with He's N(0, 2/n) it converges; at 22 layers both converge.
 */
final class HeDepth extends PaperReplication {

    /** Pre-registered: "converges" when the final training loss is below this fraction of the first epoch's. */
    static final double CONVERGED = 0.5;
    /** Pre-registered: "stalls" when the final training loss is above this fraction of the first epoch's. */
    static final double STALLED = 0.9;
    private static final int WIDTH = 32;
    private static final List<Integer> DEPTHS = List.of(22, 30);
    private static final List<String> INITS = List.of("xavier_normal", "he_normal");

    static final QuickOrFull<Integer> EPOCHS = new QuickOrFull<>(8, 30);

    HeDepth() {
        super("he-depth",
                "He, Zhang, Ren & Sun (2015), Delving Deep into Rectifiers, ICCV, Figure 3",
                "A 30-layer ReLU network does not learn with Xavier initialisation and converges with He initialisation; "
                        + "at 22 layers both converge (He sooner).",
                String.format(Locale.ROOT, "A run converges when its last training loss is below %.1f× its first epoch's, "
                        + "stalls when above %.1f×. Reproduced when at 30 layers most He runs converge and most Xavier runs stall, "
                        + "and at 22 layers most runs of both converge; partly when only the 30-layer contrast holds; not "
                        + "reproduced otherwise.", CONVERGED, STALLED),
                "The paper trains convolutional networks on ImageNet for many epochs; here a fully connected network of "
                        + WIDTH + " units per layer learns a 2-D toy set for a few epochs. Its Xavier variant is N(0, 1/n), which "
                        + "equals Glorot's 2/(n_in + n_out) for the square hidden layers used here.",
                "circle (400 rows, noise 0.1, standardised); 2 → %d × L relu → 1 sigmoid for "
                        + "depths %s; Xavier normal (N(0, 2/(n_in + n_out)) = N(0, 1/n) for square layers) or He normal "
                        + "(N(0, 2/n_in)), zero biases; SGD with momentum 0.9 at 0.01, batch 20, %d epochs; %d seeds. The "
                        + "ratio of the last to the first epoch's training loss per run.",
                quick -> new Object[] {WIDTH, DEPTHS, EPOCHS.of(quick), SEEDS.of(quick)});
    }

    /** Last over first epoch's training loss of one run (NaN when it diverged). */
    static double lossRatio(String init, int depth, int epochs, long seed) {
        Dataset data = DataSets.generate("circle", 400, 0.1, seed);
        data = Standardisation.fit(data).apply(data);
        Network net = Network.create(new NetworkSpec(2, hidden(depth, WIDTH, "relu"), 1, NetworkSpec.Output.SIGMOID, NetworkSpec.Loss.BCE,
                init, "zeros"), seed);
        TrainingResult result = new Trainer(net, TrainConfig.builder().set(TrainConfig.EPOCHS, epochs).set(TrainConfig.BATCH, 20)
                .optimizer("momentum(0.9)", 0.01).set(TrainConfig.SEED, seed).set(TrainConfig.THREADS, 1).build(), data, null).run();
        if (result.stopped() != null || result.history().isEmpty()) {
            return Double.NaN;
        }
        List<TrainingResult.EpochMetrics> h = result.history();
        return h.get(h.size() - 1).trainLoss() / h.get(0).trainLoss();
    }

    @Override
    public TrialResult runTrial(Trial trial) {
        return TrialResult.of(trial).put("ratio", lossRatio(trial.text("init"), trial.integer("depth"), trial.integer("epochs"),
                trial.seed())).build();
    }

    @Override
    public List<Trial> trials(boolean quick) {
        // Every run is a trial (depth, init, seed), listed in the order reduce reads them.
        List<Trial> trials = new ArrayList<>();
        for (int depth : DEPTHS) {
            for (String init : INITS) {
                for (int s = 0; s < SEEDS.of(quick); s++) {
                    trials.add(trial().with("init", init).with("depth", depth).with("epochs", EPOCHS.of(quick))
                            .with("seed", s + 1).build());
                }
            }
        }
        return trials;
    }

    @Override
    public ReplicationResult reduce(boolean quick, List<TrialResult> results) {
        List<ReplicationResult.Row> rows = new ArrayList<>();
        int seeds = SEEDS.of(quick);
        int next = 0;
        boolean[][] mostConverge = new boolean[DEPTHS.size()][INITS.size()];
        boolean[][] mostStall = new boolean[DEPTHS.size()][INITS.size()];
        for (int d = 0; d < DEPTHS.size(); d++) {
            for (int i = 0; i < INITS.size(); i++) {
                int converged = 0;
                int stalled = 0;
                StringBuilder ratios = new StringBuilder();
                for (int s = 0; s < seeds; s++) {
                    double r = results.get(next++).number("ratio");
                    converged += r < CONVERGED ? 1 : 0;
                    stalled += !(r <= STALLED) ? 1 : 0;
                    ratios.append(s == 0 ? "" : ", ").append(Figures.format(r));
                }
                mostConverge[d][i] = 2 * converged > seeds;
                mostStall[d][i] = 2 * stalled > seeds;
                boolean paperConverges = DEPTHS.get(d) == 22 || INITS.get(i).equals("he_normal");
                rows.add(new ReplicationResult.Row(DEPTHS.get(d) + " layers, " + INITS.get(i),
                        paperConverges ? "converges" : "stalls",
                        String.format(Locale.ROOT, "converged %d/%d, stalled %d/%d (last/first loss %s)", converged, seeds,
                                stalled, seeds, ratios)));
            }
        }
        boolean contrast30 = mostConverge[1][1] && mostStall[1][0];
        boolean both22 = mostConverge[0][0] && mostConverge[0][1];
        ReplicationResult.Outcome outcome = contrast30 && both22 ? ReplicationResult.Outcome.reproduced
                : contrast30 ? ReplicationResult.Outcome.partly : ReplicationResult.Outcome.not_reproduced;
        String note = String.format(Locale.ROOT, "30 layers: He converges and Xavier stalls: %s; 22 layers: both converge: %s.",
                contrast30, both22);
        return ReplicationResult.of(this, quick, outcome, rows, note);
    }
}
