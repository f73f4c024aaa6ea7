package org.actlab.lab.replicate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import org.actlab.data.Dataset;
import org.actlab.data.Mnist;
import org.actlab.lab.experiment.Stated;
import org.actlab.lab.experiment.Trial;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;

/**
 * A replication whose name, paper, claim, criterion, differences from the paper and setup are stated
 * once, when it is built, before any run; the setup is a format whose arguments depend on the run
 * (quick or full).
 */
abstract class PaperReplication extends Stated implements Replication {

    /** Seeds of a run: 3 quick, 5 full (the runs of a seed are paired across arms). */
    static final QuickOrFull<Integer> SEEDS = new QuickOrFull<>(3, 5);

    /** The values a setup format is filled with, for a quick or a full run. */
    @FunctionalInterface
    interface SetupArguments {
        Object[] of(boolean quick);
    }

    private final String paper;
    private final String differences;
    private final String setupFormat;
    private final SetupArguments setupArguments;

    /**
     * @param setupFormat    the setup, as a {@link String#format} pattern (root locale)
     * @param setupArguments its arguments for a quick or a full run
     */
    PaperReplication(String name, String paper, String claim, String criterion, String differences, String setupFormat,
                     SetupArguments setupArguments) {
        super(name, claim, criterion);
        this.paper = Objects.requireNonNull(paper, "paper");
        this.differences = Objects.requireNonNull(differences, "differences");
        this.setupFormat = Objects.requireNonNull(setupFormat, "setupFormat");
        this.setupArguments = Objects.requireNonNull(setupArguments, "setupArguments");
    }

    /**
     * Trials arm-major: for each arm, one per seed index s = 0 … {@link #SEEDS} − 1, built by {@code make}
     * (which sets the arm's keys and the seed s stands for); result a · seeds + s is arm a's with seed index s.
     */
    static <A> List<Trial> perArmAndSeed(boolean quick, List<A> arms, BiFunction<A, Integer, Trial> make) {
        List<Trial> trials = new ArrayList<>();
        for (A arm : arms) {
            for (int s = 0; s < SEEDS.of(quick); s++) {
                trials.add(make.apply(arm, s));
            }
        }
        return trials;
    }

    /** {@code depth} hidden layers of {@code width} units of one activation. */
    static List<NetworkSpec.LayerSpec> hidden(int depth, int width, String activation) {
        return Collections.nCopies(depth, new NetworkSpec.LayerSpec(width, activation));
    }

    /** A softmax classifier of MNIST digits like {@code train}'s with {@code depth × width} hidden units, zero biases. */
    static Network mnistNetwork(Dataset train, int depth, int width, String activation, String init, long seed) {
        return Network.create(new NetworkSpec(train.features(), hidden(depth, width, activation), Mnist.CLASSES,
                NetworkSpec.Output.SOFTMAX, NetworkSpec.Loss.SOFTMAX_CE, init, "zeros"), seed);
    }

    @Override
    public final String paper() {
        return paper;
    }

    @Override
    public final String setup(boolean quick) {
        return String.format(Locale.ROOT, setupFormat, setupArguments.of(quick));
    }

    @Override
    public final String differences() {
        return differences;
    }
}
