package org.actlab.lab.replicate;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.actlab.text.DidYouMean;

/** The registry of replications, cheapest first. */
public final class Replications {

    private static final List<Replication> ALL = List.of(new KlambauerSelu(), new LuBornDead(), new HeDepth(), new ClevertElu(),
            new GlorotTable1());

    private Replications() {
    }

    /** Every replication. */
    public static List<Replication> all() {
        return ALL;
    }

    /** The names. */
    public static List<String> names() {
        return ALL.stream().map(Replication::name).collect(Collectors.toList());
    }

    /**
     * The replication of that name.
     *
     * @throws IllegalArgumentException naming the unknown name, the nearest known one and the list
     */
    public static Replication byName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Replication r : ALL) {
            if (r.name().equals(wanted)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown replication '" + name + "'" + DidYouMean.hint(wanted, names())
                + "; known: " + String.join(", ", names()));
    }
}
