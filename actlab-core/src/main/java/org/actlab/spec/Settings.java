package org.actlab.spec;

import java.util.HashMap;
import java.util.Map;

/**
 * A builder's values, by {@link Setting}: {@link #set} stores one, {@link #get} reads it back or the
 * setting's default. Extended by the builders of the configuration records, whose {@code build()}
 * reads every setting and lets the record's constructor check them.
 *
 * @param <B> the concrete builder, which {@link #set} returns
 */
public abstract class Settings<B extends Settings<B>> {

    private final Map<Setting<?>, Object> values = new HashMap<>();

    protected Settings() {
    }

    /** This builder, as its own type. */
    protected abstract B self();

    /** Gives {@code setting} the value {@code value} (checked when the record is built). */
    public final <T> B set(Setting<T> setting, T value) {
        values.put(setting, value);
        return self();
    }

    /** The value given for {@code setting}, else its default. */
    @SuppressWarnings("unchecked")
    public final <T> T get(Setting<T> setting) {
        return values.containsKey(setting) ? (T) values.get(setting) : setting.defaultValue();
    }
}
