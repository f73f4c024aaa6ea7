package org.actlab.lab.experiment;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An experiment whose name, claim, setup and criterion are stated once, when it is built, before any
 * run: the texts every result carries, written in one place per experiment.
 */
abstract class StatedExperiment extends Stated implements Experiment {

    private final String setup;

    StatedExperiment(String name, String claim, String setup, String criterion) {
        super(name, claim, criterion);
        this.setup = Objects.requireNonNull(setup, "setup");
    }

    @Override
    public final String setup() {
        return setup;
    }

    /** The setup as run with these options: a quick run is marked as such (experiments may say more). */
    String setup(RunOptions options) {
        return setup + (options.quick() ? " (quick run)" : "");
    }

    /** The result of a run with these options, with this experiment's texts; the verdict comes from the effects. */
    ExperimentResult result(RunOptions options, Map<String, Object> figures, List<Long> seeds, List<Chart> charts,
                            List<Effect> effects) {
        return new ExperimentResult(name(), claim(), setup(options), criterion(), figures, seeds, charts, effects);
    }
}
