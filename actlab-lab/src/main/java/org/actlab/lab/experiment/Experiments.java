package org.actlab.lab.experiment;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The registry of the ten experiments, in lecture order. */
public final class Experiments {

    private static final List<Experiment> ALL = List.of(
            new LinearCollapse(),
            new UniversalApproximation(),
            new LogisticSaturation(),
            new VanishingGradients(),
            new NotZeroCentred(),
            new ActivationCost(),
            new TanhVsLogistic(),
            new ReluProperties(),
            new DeadRelu(),
            new LeakyRelu());

    private Experiments() {
    }

    /** Every experiment, in lecture order. */
    public static List<Experiment> all() {
        return ALL;
    }

    /** The names, in lecture order. */
    public static List<String> names() {
        return ALL.stream().map(Experiment::name).collect(Collectors.toList());
    }

    /**
     * The experiment of that name.
     *
     * @throws IllegalArgumentException naming the unknown name, the nearest known one and the list
     */
    public static Experiment byName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Experiment e : ALL) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        String nearest = names().stream()
                .min(Comparator.comparingInt(known -> editDistance(known, wanted)))
                .orElseThrow();
        String hint = editDistance(nearest, wanted) <= Math.max(2, wanted.length() / 3)
                || nearest.contains(wanted) && !wanted.isEmpty()
                ? " (did you mean '" + nearest + "'?)" : "";
        throw new IllegalArgumentException("unknown experiment '" + name + "'" + hint
                + "; known: " + String.join(", ", names()));
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
