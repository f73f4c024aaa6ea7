package org.actlab.nn;

import org.actlab.spec.Named;
import org.actlab.spec.Values;

/**
 * An optimiser as a run description holds it: the checked hyperparameters of a spec, parsed once
 * at the edge and immutable, equal to another when their canonical specs are equal. An
 * {@link Optimizer} carries state (velocities, moment estimates), so a config cannot hold one;
 * each {@link Trainer} makes its own with {@link #create()}, which binds these values without
 * parsing the spec again.
 */
public final class OptimizerSpec extends Named {

    private final Values values;

    private OptimizerSpec(Values values) {
        super(values.spec());
        this.values = values;
    }

    /**
     * Parses and checks an optimiser spec such as {@code "sgd"} or {@code "adam(beta1=0.8)"}.
     *
     * @throws IllegalArgumentException naming the unknown name or the bad parameter
     */
    public static OptimizerSpec parse(String spec) {
        return new OptimizerSpec(Optimizers.registry().values(spec));
    }

    /** A new optimiser with these hyperparameters and no state. */
    public Optimizer create() {
        return Optimizers.registry().make(values);
    }
}
