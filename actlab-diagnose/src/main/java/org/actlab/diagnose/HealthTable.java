package org.actlab.diagnose;

import java.util.Locale;

/** Plain-text rendering of a {@link HealthReport}: a fixed-width table, then one line per piece of advice. */
public final class HealthTable {

    private static final String HEADER_FORMAT = "%5s  %-22s %5s %9s %9s %7s %7s %7s %7s %7s %9s %9s %9s%n";
    private static final String ROW_FORMAT = "%5d  %-22s %5d %9s %9s %7s %7s %7s %7s %7s %9s %9s %9s%n";

    private HealthTable() {
    }

    /**
     * The report as text. Columns: layer, activation, units, mean and std of a, saturated pairs,
     * saturated units (both by the slope criterion), pairs near an asymptote (the output criterion), dead units, sign coherence (all shares in %), ‖dL/dW‖, ‖dL/db‖, ‖ΔW‖/‖W‖;
     * "-" stands for NaN.
     */
    public static String format(HealthReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "health after epoch %d: gradient ratio first/last layer %s%n",
                report.epoch(), number(report.gradientRatio())));
        out.append(String.format(Locale.ROOT, HEADER_FORMAT, "layer", "activation", "units", "mean", "std",
                "sat%", "satU%", "asym%", "dead%", "coh%", "|dW|", "|db|", "|dW|/|W|"));
        for (LayerHealth layer : report.layers()) {
            out.append(String.format(Locale.ROOT, ROW_FORMAT, layer.index(), clip(layer.activation(), 22),
                    layer.units(), fixed(layer.meanActivation()), fixed(layer.stdActivation()),
                    percent(layer.saturatedFraction()), percent(layer.saturatedUnits()), percent(layer.nearAsymptoteFraction()),
                    percent(layer.deadFraction()),
                    percent(layer.signCoherence()), number(layer.gradientNorm()), number(layer.biasGradientNorm()),
                    number(layer.updateRatio())));
        }
        if (report.advice().isEmpty()) {
            out.append("advice: none").append(System.lineSeparator());
        }
        for (Advice advice : report.advice()) {
            out.append(String.format(Locale.ROOT, "advice [%s]: %s%n    because %s%n", advice.rule(),
                    advice.recommendation(), advice.evidence()));
        }
        return out.toString();
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }

    private static String fixed(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        // Diverging layers reach 1e19 and more; scientific notation keeps the columns aligned.
        return String.format(Locale.ROOT, Math.abs(v) < 1000 ? "%.4f" : "%.2e", v);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * share);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }
}
