package org.actlab.lab.replicate;

import java.util.List;
import org.actlab.lab.experiment.Registry;

/** The registry of replications, cheapest first. */
public final class Replications {

    private static final Registry<Replication> ALL = new Registry<>("replication", Replication::name, List.of(
            new KlambauerSelu(), new LuBornDead(), new HeDepth(), new ClevertElu(), new GlorotTable1()));

    private Replications() {
    }

    /** Every replication. */
    public static List<Replication> all() {
        return ALL.all();
    }

    /** The names. */
    public static List<String> names() {
        return ALL.names();
    }

    /**
     * The replication of that name.
     *
     * @throws IllegalArgumentException naming the unknown name, the nearest known one and the list
     */
    public static Replication byName(String name) {
        return ALL.byName(name);
    }
}
