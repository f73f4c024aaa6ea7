package org.actlab.spec;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One setting of a configuration record, declared once: its key (the record component and JSON field
 * it fills), its default, and what it means ({@link #help()}), which the CLI prints as the option's
 * help with the default after it. A {@link Settings} builder keeps a value per setting and reads the
 * default for any setting not given; the record it builds checks the values. This is the typed-key
 * pattern of Netty's {@code ChannelOption} and Flink's {@code ConfigOption} (which carries its
 * description too): one generic setter, not one hand-written setter per field, and the defaults and
 * their help in one place.
 *
 * @param <T> the type of the setting's value
 */
public final class Setting<T> {

    private final String key;
    private final Supplier<? extends T> defaultValue;
    private final String help;
    /** The default in words, for a default that stands for a choice made later; null: the value itself. */
    private final String defaultInWords;

    private Setting(String key, Supplier<? extends T> defaultValue, String help, String defaultInWords) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.help = Objects.requireNonNull(help, "help");
        if (help.isBlank()) {
            throw new IllegalArgumentException("setting '" + key + "' needs a help text, got '" + help + "'");
        }
        this.defaultInWords = defaultInWords;
    }

    /**
     * A setting whose default is a fixed value (null allowed: "none given").
     *
     * @param help what the setting means, as a sentence that the default can follow
     */
    public static <T> Setting<T> of(String key, T defaultValue, String help) {
        return new Setting<>(key, () -> defaultValue, help, null);
    }

    /**
     * A setting whose default is computed each time it is read, such as the machine's core count,
     * and so is shown in words ({@code "all cores"}), not as this machine's value.
     */
    public static <T> Setting<T> computed(String key, Supplier<? extends T> defaultValue, String help, String defaultInWords) {
        return new Setting<>(key, defaultValue, help, Objects.requireNonNull(defaultInWords, "defaultInWords"));
    }

    /**
     * This setting with its default shown in words: for a default that stands for a choice made
     * later, such as a batch size of 0 meaning "chosen from the data".
     */
    public Setting<T> defaultShownAs(String words) {
        return new Setting<>(key, defaultValue, help, Objects.requireNonNull(words, "words"));
    }

    /** The key: the name of the record component and of the JSON field this setting fills. */
    public String key() {
        return key;
    }

    /** The value when none is given. */
    public T defaultValue() {
        return defaultValue.get();
    }

    /** What the setting means: one or two sentences, ending in a full stop. */
    public String help() {
        return help;
    }

    /** The default as help texts print it: its words when declared so, else {@link #show} of the value. */
    public String shownDefault() {
        return defaultInWords != null ? defaultInWords : show(defaultValue());
    }

    /** True when the default is shown in words rather than as its value. */
    public boolean defaultInWords() {
        return defaultInWords != null;
    }

    /**
     * A setting's value as a person writes it: a spec's canonical form, whole numbers without a
     * fraction ({@code 0}, not {@code 0.0}), a list comma-separated, a switch as {@code on}/{@code off}.
     */
    public static String show(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Specified specified) {
            return specified.spec();
        }
        if (value instanceof Double || value instanceof Float) {
            return Numbers.show(((Number) value).doubleValue());
        }
        if (value instanceof Boolean on) {
            return on ? "on" : "off";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Setting::show).collect(Collectors.joining(","));
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return key;
    }
}
