package org.actlab.lab.experiment;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.actlab.text.DidYouMean;

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
        throw new IllegalArgumentException("unknown experiment '" + name + "'" + DidYouMean.hint(wanted, names())
                + "; known: " + String.join(", ", names()));
    }
}
