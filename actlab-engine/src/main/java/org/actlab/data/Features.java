package org.actlab.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.text.DidYouMean;

/**
 * TF Playground's input features computed from the first two columns x1, x2 of a data set:
 * {@code x1}, {@code x2}, {@code x1^2}, {@code x2^2}, {@code x1*x2}, {@code sin(x1)}, {@code sin(x2)}.
 *
 * <p>Also accepted: {@code x1²}, {@code x2²}, {@code x1x2}, {@code sin x1}, and the Playground's
 * own ids {@code x}, {@code y}, {@code xSquared}, {@code ySquared}, {@code xTimesY}, {@code sinX},
 * {@code sinY}. Features of x2 need a data set with at least two columns.
 */
public final class Features {

    /** The canonical feature names, in the Playground's order. */
    public static final List<String> NAMES = List.of("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)");

    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        for (String name : NAMES) {
            ALIASES.put(name, name);
        }
        aliases("x1", "x");
        aliases("x2", "y");
        aliases("x1^2", "x1²", "xsquared");
        aliases("x2^2", "x2²", "ysquared");
        aliases("x1*x2", "x1x2", "x1·x2", "xtimesy");
        aliases("sin(x1)", "sinx1", "sinx");
        aliases("sin(x2)", "sinx2", "siny");
    }

    private static void aliases(String name, String... aliases) {
        for (String alias : aliases) {
            ALIASES.put(alias, name);
        }
    }

    private Features() {
    }

    /** The canonical name of a feature, or IllegalArgumentException naming it. */
    public static String canonical(String feature) {
        String key = feature.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        String name = ALIASES.get(key);
        if (name == null) {
            throw new IllegalArgumentException("unknown feature '" + feature + "'" + DidYouMean.hint(key, NAMES)
                    + "; expected some of " + String.join(", ", NAMES));
        }
        return name;
    }

    /**
     * A new data set whose columns are the named features of {@code data}'s first two columns, in
     * the order given; targets are shared (not copied).
     *
     * @throws IllegalArgumentException for an unknown or repeated feature, an empty list, or a
     *                                  feature of x2 on a 1-column set
     */
    public static Dataset expand(Dataset data, List<String> features) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("no features given; expected some of " + String.join(", ", NAMES));
        }
        List<String> names = new ArrayList<>();
        for (String feature : features) {
            String name = canonical(feature);
            if (names.contains(name)) {
                throw new IllegalArgumentException("feature '" + feature + "' given twice");
            }
            if (name.contains("x2") && data.features() < 2) {
                throw new IllegalArgumentException("feature '" + feature + "' needs a second input column; "
                        + data.name() + " has " + data.features());
            }
            names.add(name);
        }
        int width = names.size();
        float[] out = new float[data.n() * width];
        for (int row = 0; row < data.n(); row++) {
            double x1 = data.x()[row * data.features()];
            double x2 = data.features() > 1 ? data.x()[row * data.features() + 1] : Double.NaN;
            for (int j = 0; j < width; j++) {
                out[row * width + j] = (float) value(names.get(j), x1, x2);
            }
        }
        return new Dataset(data.name(), out, data.y(), data.n(), width, data.targets(), data.task());
    }

    private static double value(String name, double x1, double x2) {
        switch (name) {
            case "x1":
                return x1;
            case "x2":
                return x2;
            case "x1^2":
                return x1 * x1;
            case "x2^2":
                return x2 * x2;
            case "x1*x2":
                return x1 * x2;
            case "sin(x1)":
                return Math.sin(x1);
            case "sin(x2)":
                return Math.sin(x2);
            default:
                throw new AssertionError(name);
        }
    }
}
