package org.actlab.lab.replicate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.actlab.data.Dataset;
import org.actlab.data.Mnist;
import org.actlab.data.Split;
import org.actlab.lab.experiment.Figures;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.nn.Network;
import org.actlab.nn.TrainConfig;
import org.actlab.nn.Trainer;
import org.actlab.nn.TrainingResult;

/**
 * Clevert, Unterthiner &amp; Hochreiter (2016), "Fast and Accurate Deep Network Learning by Exponential
 * Linear Units": ELU's negative values push the mean activation towards zero (less bias shift than
 * ReLU), and ELU networks learn faster.
 */
final class ClevertElu extends PaperReplication {

    private static final List<String> ACTIVATIONS = List.of("elu", "relu");
    private static final int WIDTH = 64;
    private static final int DEPTH = 5;

    static final QuickOrFull<Integer> ROWS = new QuickOrFull<>(1000, 8000);
    static final QuickOrFull<Integer> EPOCHS = new QuickOrFull<>(2, 5);

    ClevertElu() {
        super("clevert-elu",
                "Clevert, Unterthiner & Hochreiter (2016), Fast and Accurate Deep Network Learning by Exponential Linear "
                        + "Units (ELUs), ICLR",
                "ELU's mean unit activation is closer to zero than ReLU's, and ELU networks reach a lower training loss "
                        + "sooner (their MNIST experiments).",
                "Reproduced when in most seeds ELU's |mean hidden activation| is below ReLU's and ELU's training loss after "
                        + "the first epoch and after the last are both below ReLU's; partly when one of the two holds; not "
                        + "reproduced when neither does.",
                "The paper trains deeper and wider networks on the full 60k MNIST and on CIFAR and ImageNet, with its own "
                        + "learning rates; here a 5-layer network of 64 units learns a subset of the bundled 10k MNIST for a few "
                        + "epochs. The paper's figures are read as qualitative statements (closer to zero; faster), not numbers.",
                "Bundled MNIST-10k, %d training rows; 784 → %d × %d → 10 softmax with elu or "
                        + "relu, He normal, zero biases; SGD at 0.01, batch 32, %d epochs; %d seeds, the same for both. "
                        + "Mean hidden activation over every (row, unit) of the training rows after training, and the "
                        + "training loss of every epoch.",
                quick -> new Object[] {ROWS.of(quick), DEPTH, WIDTH, EPOCHS.of(quick), SEEDS.of(quick)});
    }

    /** One run: |mean hidden activation| after training, then the training loss of every epoch. */
    static double[] run(String activation, int rows, int epochs, long seed) {
        Dataset all = Mnist.bundled();
        int[] perm = Split.permutation(all.n(), seed);
        Dataset train = Split.rows(all, Arrays.copyOf(perm, rows));
        Network net = mnistNetwork(train, DEPTH, WIDTH, activation, "he_normal", seed);
        TrainingResult result = new Trainer(net, TrainConfig.builder().set(TrainConfig.EPOCHS, epochs).set(TrainConfig.BATCH, 32)
                .optimizer("sgd", 0.01).set(TrainConfig.SEED, seed).set(TrainConfig.THREADS, 1).build(), train, null).run();
        List<Network.LayerTrace> traces = net.trace(train.x(), train.n());
        double sum = 0;
        long count = 0;
        for (int l = 0; l < DEPTH; l++) {
            for (int i = 0; i < train.n() * WIDTH; i++) {
                sum += traces.get(l).a()[i];
                count++;
            }
        }
        double[] out = new double[1 + result.history().size()];
        out[0] = Math.abs(sum / count);
        for (int e = 0; e < result.history().size(); e++) {
            out[1 + e] = result.history().get(e).trainLoss();
        }
        return out;
    }

    @Override
    public List<Trial> trials(boolean quick) {
        return perArmAndSeed(quick, ACTIVATIONS, (activation, s) -> trial().with("activation", activation)
                .with("rows", ROWS.of(quick)).with("epochs", EPOCHS.of(quick)).with("seed", s + 1).build());
    }

    @Override
    public TrialResult runTrial(Trial trial) {
        return TrialResult.of(trial).put("run", run(trial.text("activation"), trial.integer("rows"), trial.integer("epochs"),
                trial.seed())).build();
    }

    @Override
    public ReplicationResult reduce(boolean quick, List<TrialResult> results) {
        int seeds = SEEDS.of(quick);
        double[][][] runs = new double[ACTIVATIONS.size()][seeds][];
        for (int a = 0; a < ACTIVATIONS.size(); a++) {
            for (int s = 0; s < seeds; s++) {
                runs[a][s] = results.get(a * seeds + s).numbers("run");
            }
        }
        int closer = 0;
        int faster = 0;
        StringBuilder[] means = {new StringBuilder(), new StringBuilder()};
        StringBuilder[] losses = {new StringBuilder(), new StringBuilder()};
        for (int s = 0; s < seeds; s++) {
            double[] elu = runs[0][s];
            double[] relu = runs[1][s];
            int last = elu.length - 1;
            closer += elu[0] < relu[0] ? 1 : 0;
            faster += elu.length == relu.length && elu.length > 1 && elu[1] < relu[1] && elu[last] < relu[last] ? 1 : 0;
            for (int a = 0; a < 2; a++) {
                means[a].append(s == 0 ? "" : ", ").append(Figures.format(runs[a][s][0]));
                losses[a].append(s == 0 ? "" : "; ").append(Figures.format(runs[a][s][1])).append(" → ")
                        .append(Figures.format(runs[a][s][runs[a][s].length - 1]));
            }
        }
        List<ReplicationResult.Row> rows = List.of(
                new ReplicationResult.Row("|mean hidden activation|, elu (per seed)", "closer to 0 than relu", means[0].toString()),
                new ReplicationResult.Row("|mean hidden activation|, relu (per seed)", "—", means[1].toString()),
                new ReplicationResult.Row("training loss first → last epoch, elu", "lower, sooner", losses[0].toString()),
                new ReplicationResult.Row("training loss first → last epoch, relu", "—", losses[1].toString()));
        boolean meanHolds = 2 * closer > seeds;
        boolean speedHolds = 2 * faster > seeds;
        ReplicationResult.Outcome outcome = meanHolds && speedHolds ? ReplicationResult.Outcome.reproduced
                : meanHolds || speedHolds ? ReplicationResult.Outcome.partly : ReplicationResult.Outcome.not_reproduced;
        String note = String.format(Locale.ROOT, "ELU's mean closer to zero in %d of %d seeds; ELU's loss lower after the "
                + "first and the last epoch in %d of %d.", closer, seeds, faster, seeds);
        return ReplicationResult.of(this, quick, outcome, rows, note);
    }
}
