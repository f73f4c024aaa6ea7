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
public final class UniversalApproximation implements Experiment {

    /** At the widest layer a non-linear activation must reach at most this fraction of the linear fit's error. */
    static final double APPROXIMATION_RATIO = 0.1;
    /** A non-linear error above this fraction of the linear fit's error at the widest layer contradicts the claim. */
    static final double NO_BETTER_THAN_LINEAR_RATIO = 0.5;
    /** Identity stays "flat" when its error ratio E(widest)/E(width 1) is at least this on every target. */
    static final double FLAT_RATIO = 0.7;
    /** An identity error ratio below this (the line improving with width) contradicts the claim. */
    static final double IDENTITY_FALL_RATIO = 0.3;

    private static final List<String> TARGETS = List.of("sin", "abs", "step");
    private static final List<String> ACTIVATIONS = List.of("tanh", "relu", "identity");
    private static final List<String> NONLINEAR = List.of("tanh", "relu");

    @Override
    public String name() {
        return "universal-approximation";
    }

    @Override
    public String claim() {
        return "One hidden layer with a non-linear activation can approximate any continuous function on an interval, "
                + "better the wider it is; with the identity it stays a straight line at any width.";
    }

    @Override
    public String setup() {
        return "sin x, |x| and step(x) on [−π, π] (200 training rows, 200 test rows, noise 0); one hidden layer of width "
                + "1, 2, 4, …, 256 (quick: 1, 4, 16, 64) with tanh, relu or identity; identity output, MSE, Adam at 0.01, "
                + "batch 20, 300 epochs (quick: 100). Figure: test MSE, and its ratio widest/narrowest.";
    }

    @Override
    public String criterion() {
        return String.format(Locale.ROOT, "On every target: supported when tanh and relu at the widest layer reach at most "
                        + "%.2f× the error of the linear fit (identity at the widest layer) and no more than their own error "
                        + "at width 1, while identity's error ratio E(widest)/E(width 1) is at least %.2f. Not supported "
                        + "when a non-linear activation's widest error exceeds %.2f× the linear fit's, or identity's ratio "
                        + "falls below %.2f.",
                APPROXIMATION_RATIO, FLAT_RATIO, NO_BETTER_THAN_LINEAR_RATIO, IDENTITY_FALL_RATIO);
    }

    /**
     * The verdict.
     *
     * @param versusLinear   E_nonlinear(widest)/E_identity(widest), per non-linear activation and target
     * @param widthRatios    E_nonlinear(widest)/E_nonlinear(width 1), in the same order
     * @param identityRatios E_identity(widest)/E_identity(width 1), one per target
     */
    static Verdict judge(double[] versusLinear, double[] widthRatios, double[] identityRatios) {
        boolean supported = true;
        boolean contradicted = false;
        for (int i = 0; i < versusLinear.length; i++) {
            supported &= versusLinear[i] <= APPROXIMATION_RATIO && widthRatios[i] <= 1;
            contradicted |= !(versusLinear[i] <= NO_BETTER_THAN_LINEAR_RATIO);
        }
        for (double r : identityRatios) {
            supported &= r >= FLAT_RATIO;
            contradicted |= !(r >= IDENTITY_FALL_RATIO);
        }
        return Verdict.of(supported, contradicted);
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

        for (String target : TARGETS) {
            List<Chart.Series> series = new ArrayList<>();
            Map<String, Object> ratioRow = new LinkedHashMap<>();
            Map<String, Object> linearRow = new LinkedHashMap<>();
            Map<String, Double> widest = new LinkedHashMap<>();
            for (String activation : ACTIVATIONS) {
                Map<String, Object> row = new LinkedHashMap<>();
                double[] means = new double[widths.size()];
                for (int w = 0; w < widths.size(); w++) {
                    int width = widths.get(w);
                    double[] errors = new double[options.seeds()];
                    for (int s = 0; s < options.seeds(); s++) {
                        errors[s] = done.get(trial(target, activation, width, options.quick(), options.seed(s))).number("error");
                    }
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
            charts.add(Chart.lines("Test MSE against width: " + target, "hidden units", "test MSE (mean over seeds)",
                    true, true, series));
        }

        double[] linear = Lab.doubles(versusLinear);
        double[] identity = Lab.doubles(identityRatios);
        Verdict verdict = judge(linear, Lab.doubles(widthRatios), identity);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ExperimentResult.HEADLINE, String.format(Locale.ROOT,
                "widest tanh/relu error ≤ %s× the linear fit's; identity E(widest)/E(1) ≥ %s",
                Figures.format(max(linear)), Figures.format(min(identity))));
        figures.put("widest non-linear error / linear fit's error", linearTable);
        figures.put("error ratio E(widest)/E(width 1)", ratioTable);
        figures.put("test MSE (mean ± std [min, max] over seeds)", errorTable);
        return new ExperimentResult(name(), claim(), setup() + (options.quick() ? " (quick run)" : ""), criterion(),
                verdict, figures, options.seedList(), charts);
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
