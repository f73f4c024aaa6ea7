package org.actlab.lab.replicate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.actlab.data.Dataset;
import org.actlab.data.Mnist;
import org.actlab.lab.experiment.Trial;
import org.actlab.nn.Network;
import org.actlab.nn.NetworkSpec;

/**
 * A replication whose name, paper, claim, criterion and differences from the paper are stated once,
 * when it is built, before any run; only the setup depends on the run (quick or full).
 */
abstract class PaperReplication implements Replication {

    /** Seeds of a run: 3 quick, 5 full (the runs of a seed are paired across arms). */
    static final QuickOrFull<Integer> SEEDS = new QuickOrFull<>(3, 5);

    private final String name;
    private final String paper;
    private final String claim;
    private final String criterion;
    private final String differences;

    PaperReplication(String name, String paper, String claim, String criterion, String differences) {
        this.name = Objects.requireNonNull(name, "name");
        this.paper = Objects.requireNonNull(paper, "paper");
        this.claim = Objects.requireNonNull(claim, "claim");
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        this.differences = Objects.requireNonNull(differences, "differences");
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
    public final String name() {
        return name;
    }

    @Override
    public final String paper() {
        return paper;
    }

    @Override
    public final String claim() {
        return claim;
    }

    @Override
    public final String criterion() {
        return criterion;
    }

    @Override
    public final String differences() {
        return differences;
    }
}
