package org.actlab.spec;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One setting of a configuration record, declared once: its key (the record component and JSON field
 * it fills) and its default. A {@link Settings} builder keeps a value per setting and reads the default
 * for any setting not given; the record it builds checks the values. This is the typed-key pattern of
 * Netty's {@code ChannelOption} and Flink's {@code ConfigOption}: one generic setter, not one
 * hand-written setter per field, and the defaults in one place.
 *
 * @param <T> the type of the setting's value
 */
public final class Setting<T> {

    private final String key;
    private final Supplier<? extends T> defaultValue;

    private Setting(String key, Supplier<? extends T> defaultValue) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
    }

    /** A setting whose default is a fixed value (null allowed: "none given"). */
    public static <T> Setting<T> of(String key, T defaultValue) {
        return new Setting<>(key, () -> defaultValue);
    }

    /** A setting whose default is computed each time it is read, such as the machine's core count. */
    public static <T> Setting<T> computed(String key, Supplier<? extends T> defaultValue) {
        return new Setting<>(key, defaultValue);
    }

    /** The key: the name of the record component and of the JSON field this setting fills. */
    public String key() {
        return key;
    }

    /** The value when none is given. */
    public T defaultValue() {
        return defaultValue.get();
    }

    @Override
    public String toString() {
        return key;
    }
}
