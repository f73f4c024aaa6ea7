package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.data.Dataset;
import org.actlab.diagnose.Diagnostics;
import org.actlab.nn.Network;
import org.actlab.nn.Trainer;

/**
 * Claim 10: leaky ReLU, f(x) = x for x &gt; 0 and αx otherwise (α = 0.01), has f' ≥ α &gt; 0
 * everywhere, so no unit can die: gradients keep flowing even into a unit knocked far negative, and
 * its negative outputs pull the mean output closer to zero than ReLU's.
 */
public final class LeakyRelu extends StatedExperiment {

    private static final double COMPARISON_RATE = 0.1;

    public LeakyRelu() {
        super("leaky-relu",
                "Leaky ReLU does not die: gradients keep flowing into a knocked-out unit so that it recovers, and its "
                        + "mean output is closer to zero than ReLU's.",
                "(a) " + Dying.knockoutSetup(false) + " Run for leaky_relu (slope 0.01) and, as the control, relu. (b) the "
                        + "diagnostics' |mean hidden output| μ (training rows) of relu and leaky_relu networks of the dead-relu "
                        + "sweep with bias 0 and learning rate " + COMPARISON_RATE + ", same seeds. Quick: fewer epochs. (The "
                        + "sweep's dead share is not measured here: f' ≥ 0.01 makes it 0 by definition.)",
                String.format(Locale.ROOT, "(a) Share of seeds whose knocked-out leaky_relu unit recovers (active on some row "
                                + "again and lower loss) above %.1f (t interval over seeds, 95%%); control: the same share for relu "
                                + "must not be above %.1f. (b) |mean output| relu minus leaky_relu, paired by seed, above 0. "
                                + "Supported when both claim intervals clear their margins, not supported when either lies wholly "
                                + "on the wrong side.", DeadRelu.RECOVERY_SHARE, DeadRelu.RECOVERY_SHARE));
    }

    /** The setup as run: a quick run states its own sizes where the full setup says "Quick: fewer epochs.". */
    @Override
    String setup(RunOptions options) {
        return setup().replace("Quick: fewer epochs.",
                options.quick() ? "(quick run: 5 + 5 knock-out epochs, 8 comparison epochs)" : "");
    }

    /** The pre-registered effects. */
    static List<Effect> effects(double[] leakyRecovered, double[] reluRecovered, double[] reluOutput, double[] leakyOutput) {
        return List.of(
                Effect.ofSeeds("share of seeds where the knocked-out leaky_relu unit recovers", Effect.Role.claim,
                        Effect.Direction.above, DeadRelu.RECOVERY_SHARE, leakyRecovered),
                Effect.paired("|mean hidden output| relu − leaky_relu", Effect.Role.claim, Effect.Direction.above, 0,
                        reluOutput, leakyOutput),
                Effect.ofSeeds("share of seeds where the knocked-out relu unit recovers", Effect.Role.control,
                        Effect.Direction.above, DeadRelu.RECOVERY_SHARE, reluRecovered));
    }

    private static final List<String> COMPARED = List.of("leaky_relu", "relu");

    private Trial outputTrial(String activation, boolean quick, long seed) {
        return Trial.of(name(), "mean-output").with("activation", activation).with("epochs", quick ? 8 : 30)
                .with("seed", seed).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>(Dying.Knockouts.trials(name(), COMPARED, options));
        for (int s = 0; s < options.seeds(); s++) {
            for (String activation : COMPARED) {
                trials.add(outputTrial(activation, options.quick(), options.seed(s)));
            }
        }
        return trials;
    }

    /** A knock-out (see {@link Dying}) or the |mean hidden output| of one trained network. */
    @Override
    public TrialResult runTrial(Trial trial) {
        if (trial.measure().equals("knockout")) {
            return Dying.runKnockout(trial);
        }
        int epochs = trial.integer("epochs");
        long seed = trial.seed();
        Dataset train = Dying.standardised(Lab.data("circle", 400, 0.1, seed));
        Network net = Network.create(Lab.binary(2, Lab.hidden(2, Dying.SWEEP_WIDTH, trial.text("activation")),
                "he_normal", "zeros"), seed);
        Diagnostics diagnostics = HealthFigures.listener(train, epochs);
        new Trainer(net, Lab.sgd(epochs, 10, COMPARISON_RATE, seed), train, null).addListener(diagnostics).run();
        return TrialResult.of(trial)
                .put("mean output", Math.abs(HealthFigures.hiddenMeanActivation(HealthFigures.last(diagnostics)))).build();
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        Dying.Knockouts knockouts = Dying.Knockouts.of(name(), COMPARED, options, done, (seeds, row) -> row.put(
                "bias right after the knock-out", Summary.of(seeds.stream().mapToDouble(Dying.Knockout::biasAfterKnock).toArray())));
        Map<String, double[]> recovered = knockouts.recovered();

        double[] leakyOutput = new double[options.seeds()];
        double[] reluOutput = new double[options.seeds()];
        for (int s = 0; s < options.seeds(); s++) {
            for (String activation : COMPARED) {
                double mean = done.get(outputTrial(activation, options.quick(), options.seed(s))).number("mean output");
                (activation.equals("relu") ? reluOutput : leakyOutput)[s] = mean;
            }
        }
        Summary leaky = Summary.of(leakyOutput);
        Summary relu = Summary.of(reluOutput);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("leaky_relu", leaky);
        output.put("relu", relu);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "knocked-out unit recovered: leaky %d/%d, relu %d/%d; |mean output| leaky %s vs relu %s",
                knockouts.recoveredSeeds("leaky_relu"), options.seeds(), knockouts.recoveredSeeds("relu"), options.seeds(),
                Figures.format(leaky.mean()), Figures.format(relu.mean())));
        figures.put("(a) knock-out and recovery", knockouts.table());
        figures.put("(b) |mean hidden output| (mean ± std [min, max] over seeds)", output);
        List<Chart> charts = List.of(
                Chart.bars("|Mean hidden output|, bias 0, learning rate " + COMPARISON_RATE, "activation",
                        "|mean output|", false, List.of("leaky_relu", "relu"),
                        List.of(new Chart.Series("mean over seeds", null, new double[] {leaky.mean(), relu.mean()}))),
                Chart.bars("Knocked-out unit recovered (share of seeds)", "activation", "share", false,
                        List.of("leaky_relu", "relu"), List.of(new Chart.Series("share of seeds", null, new double[] {
                                Summary.of(recovered.get("leaky_relu")).mean(), Summary.of(recovered.get("relu")).mean()}))));
        return result(options, figures, options.seedList(), charts, effects(recovered.get("leaky_relu"), recovered.get("relu"),
                reluOutput, leakyOutput));
    }
}
