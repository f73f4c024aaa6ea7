package org.actlab.lab.experiment;

import java.util.List;

/** The registry of the ten experiments, in lecture order. */
public final class Experiments {

    private static final Registry<Experiment> ALL = new Registry<>("experiment", Experiment::name, List.of(
            new LinearCollapse(),
            new UniversalApproximation(),
            new LogisticSaturation(),
            new VanishingGradients(),
            new NotZeroCentred(),
            new ActivationCost(),
            new TanhVsLogistic(),
            new ReluProperties(),
            new DeadRelu(),
            new LeakyRelu()));

    private Experiments() {
    }

    /** Every experiment, in lecture order. */
    public static List<Experiment> all() {
        return ALL.all();
    }

    /** The names, in lecture order. */
    public static List<String> names() {
        return ALL.names();
    }

    /**
     * The experiment of that name.
     *
     * @throws IllegalArgumentException naming the unknown name, the nearest known one and the list
     */
    public static Experiment byName(String name) {
        return ALL.byName(name);
    }
}
