package org.actlab.lab.experiment;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.actlab.text.DidYouMean;

/**
 * A fixed, ordered list of named things (experiments, replications) looked up by name, with the
 * one-line error of an unknown name.
 *
 * @param <T> what is listed
 */
public final class Registry<T> {

    private final String kind;
    private final List<T> all;
    private final List<String> names;

    /**
     * @param kind what an entry is, for messages ("experiment")
     * @param name an entry's name
     * @param all  the entries, in their display order
     */
    public Registry(String kind, Function<T, String> name, List<T> all) {
        this.kind = kind;
        this.all = List.copyOf(all);
        this.names = this.all.stream().map(name).toList();
    }

    /** Every entry, in order. */
    public List<T> all() {
        return all;
    }

    /** The names, in order. */
    public List<String> names() {
        return names;
    }

    /**
     * The entry of that name (case and surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the unknown name, the nearest known one and the list
     */
    public T byName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        int i = names.indexOf(wanted);
        if (i < 0) {
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "'" + DidYouMean.hint(wanted, names)
                    + "; known: " + String.join(", ", names));
        }
        return all.get(i);
    }
}
