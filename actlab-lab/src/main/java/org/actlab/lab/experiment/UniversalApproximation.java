package org.actlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.data.Dataset;
import org.actlab.nn.Network;
import org.actlab.nn.Trainer;
import org.actlab.nn.TrainingResult;

/**
 * Claim 2: one hidden layer of a non-linear activation approximates a continuous function on an
 * interval ever better as it widens; a linear hidden layer stays a straight line at any width.
 *
 * <p>Figures per target, from the mean test MSE E over seeds: E_f(widest)/E_identity(widest), how
 * far below the best straight line a non-linear layer gets; and E(widest)/E(width 1), below 1 when
 * the error falls with width and near 1 when it stays flat. (A single tanh unit is already a smooth
 * step, so on the step target the error need not fall far with width: it only must not rise.)
 */
public final class UniversalApproximation extends StatedExperiment {

    /** Pre-registered: at the widest layer tanh and relu beat the linear fit by more than this many decades of test MSE. */
    static final double LINEAR_MARGIN_DECADES = 1;
    /** Pre-registered: "better the wider": the widest layer's test MSE is below the narrowest's by more than this many decades (2×). */
    static final double WIDTH_MARGIN_DECADES = Math.log10(2);

    private static final List<String> TARGETS = List.of("sin", "abs", "step");
    private static final List<String> ACTIVATIONS = List.of("tanh", "relu", "identity");
    private static final List<String> NONLINEAR = List.of("tanh", "relu");

    public UniversalApproximation() {
        super("universal-approximation",
                "One hidden layer with a non-linear activation can approximate any continuous function on an interval, "
                        + "better the wider it is; with the identity it stays a straight line at any width.",
                "sin x, |x| and step(x) on [−π, π] (200 training rows, 200 test rows, noise 0); one hidden layer of width "
                        + "1, 2, 4, …, 256 (quick: 1, 4, 16, 64) with tanh, relu or identity; identity output, MSE, Adam at 0.01, "
                        + "batch 20, 300 epochs (quick: 100). Figure: test MSE, and its ratio widest/narrowest.",
                String.format(Locale.ROOT, "Per seed, averaged over the three targets and over tanh and relu (t interval over "
                                + "seeds, 95%%): (1) log₁₀ E_identity(widest) − log₁₀ E(widest) above %.0f decade; (2) \"better the "
                                + "wider\": log₁₀ E(width 1) − log₁₀ E(widest) above log₁₀ 2. Supported when both intervals clear "
                                + "their margins; not supported when either lies below. Control: measure (2) on identity must not "
                                + "clear the margin (a line does not improve with width).",
                        LINEAR_MARGIN_DECADES));
    }

    private static List<Integer> widths(boolean quick) {
        return quick ? List.of(1, 4, 16, 64) : List.of(1, 2, 4, 8, 16, 32, 64, 128, 256);
    }

    private Trial trial(String target, String activation, int width, boolean quick, long seed) {
        return Trial.of(name(), "test-mse").with("target", target).with("activation", activation).with("width", width)
                .with("epochs", quick ? 100 : 300).with("seed", seed).build();
    }

    @Override
    public List<Trial> trials(RunOptions options) {
        List<Trial> trials = new ArrayList<>();
        for (String target : TARGETS) {
            for (String activation : ACTIVATIONS) {
                for (int width : widths(options.quick())) {
                    for (int s = 0; s < options.seeds(); s++) {
                        trials.add(trial(target, activation, width, options.quick(), options.seed(s)));
                    }
                }
            }
        }
        return trials;
    }

    /** Fits one hidden layer; measures the test MSE ({@code error}), NaN when training diverged. */
    @Override
    public TrialResult runTrial(Trial trial) {
        String target = trial.text("target");
        String activation = trial.text("activation");
        long seed = trial.seed();
        int rows = 200;
        Dataset train = Lab.data(target, rows, 0, seed);
        Dataset test = Lab.testData(target, rows, 0, seed);
        Network net = Network.create(Lab.regression(1, Lab.hidden(1, trial.integer("width"), activation),
                Lab.initFor(activation), "zeros"), seed);
        TrainingResult result = new Trainer(net, Lab.adam(trial.integer("epochs"), 20, 0.01, seed), train, null).run();
        return TrialResult.of(trial).put("error", result.stopped() == null ? net.loss(test) : Double.NaN).build();
    }

    @Override
    public ExperimentResult reduce(RunOptions options, List<TrialResult> results) {
        Trials.Lookup done = new Trials.Lookup(results);
        List<Integer> widths = widths(options.quick());

        Map<String, Object> errorTable = new LinkedHashMap<>();
        Map<String, Object> ratioTable = new LinkedHashMap<>();
        List<Double> versusLinear = new ArrayList<>();
        List<Double> widthRatios = new ArrayList<>();
        List<Double> identityRatios = new ArrayList<>();
        Map<String, Object> linearTable = new LinkedHashMap<>();
        List<Chart> charts = new ArrayList<>();

        int n = options.seeds();
        double[] versusLinearBySeed = new double[n];
        double[] widerBySeed = new double[n];
        double[] identityWiderBySeed = new double[n];
        int last = widths.size() - 1;
        for (String target : TARGETS) {
            Map<String, double[][]> errorsBySeed = new LinkedHashMap<>();
            List<Chart.Series> series = new ArrayList<>();
            Map<String, Object> ratioRow = new LinkedHashMap<>();
            Map<String, Object> linearRow = new LinkedHashMap<>();
            Map<String, Double> widest = new LinkedHashMap<>();
            for (String activation : ACTIVATIONS) {
                Map<String, Object> row = new LinkedHashMap<>();
                double[] means = new double[widths.size()];
                double[][] bySeed = new double[widths.size()][];
                errorsBySeed.put(activation, bySeed);
                for (int w = 0; w < widths.size(); w++) {
                    int width = widths.get(w);
                    double[] errors = done.seeds(options, seed -> trial(target, activation, width, options.quick(), seed))
                            .number("error");
                    bySeed[w] = errors;
                    Summary summary = Summary.of(errors);
                    row.put("width " + width, summary);
                    means[w] = summary.mean();
                }
                double ratio = means[means.length - 1] / means[0];
                ratioRow.put(activation, ratio);
                widest.put(activation, means[means.length - 1]);
                (NONLINEAR.contains(activation) ? widthRatios : identityRatios).add(ratio);
                errorTable.put(target + " / " + activation, row);
                series.add(new Chart.Series(activation, Lab.doubles(widths), means));
            }
            ratioTable.put(target, ratioRow);
            for (String activation : NONLINEAR) {
                double r = widest.get(activation) / widest.get("identity");
                versusLinear.add(r);
                linearRow.put(activation, r);
            }
            linearTable.put(target, linearRow);
            for (int s = 0; s < n; s++) {
                double identityWidest = Math.log10(errorsBySeed.get("identity")[last][s]);
                for (String activation : NONLINEAR) {
                    double[][] e = errorsBySeed.get(activation);
                    versusLinearBySeed[s] += (identityWidest - Math.log10(e[last][s])) / (NONLINEAR.size() * TARGETS.size());
                    widerBySeed[s] += (Math.log10(e[0][s]) - Math.log10(e[last][s])) / (NONLINEAR.size() * TARGETS.size());
                }
                double[][] id = errorsBySeed.get("identity");
                identityWiderBySeed[s] += (Math.log10(id[0][s]) - Math.log10(id[last][s])) / TARGETS.size();
            }
            charts.add(Chart.lines("Test MSE against width: " + target, "hidden units", "test MSE (mean over seeds)",
                    true, true, series));
        }

        double[] linear = Lab.doubles(versusLinear);
        double[] identity = Lab.doubles(identityRatios);
        List<Effect> effects = List.of(
                Effect.ofSeeds("decades of test MSE, linear fit over tanh/relu at the widest layer", Effect.Role.claim,
                        Effect.Direction.above, LINEAR_MARGIN_DECADES, versusLinearBySeed),
                Effect.ofSeeds("decades of test MSE, width 1 over widest, tanh/relu", Effect.Role.claim,
                        Effect.Direction.above, WIDTH_MARGIN_DECADES, widerBySeed),
                Effect.ofSeeds("decades of test MSE, width 1 over widest, identity", Effect.Role.control,
                        Effect.Direction.above, WIDTH_MARGIN_DECADES, identityWiderBySeed));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "widest tanh/relu error ≤ %s× the linear fit's; identity E(widest)/E(1) ≥ %s",
                Figures.format(max(linear)), Figures.format(min(identity))));
        figures.put("widest non-linear error / linear fit's error", linearTable);
        figures.put("error ratio E(widest)/E(width 1)", ratioTable);
        figures.put("test MSE (mean ± std [min, max] over seeds)", errorTable);
        return result(options, figures, options.seedList(), charts, effects);
    }

    static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Double.isNaN(v) ? v : Math.max(m, v);
        }
        return m;
    }

    static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Double.isNaN(v) ? v : Math.min(m, v);
        }
        return m;
    }
}
