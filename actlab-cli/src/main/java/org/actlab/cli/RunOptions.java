package org.actlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.actlab.activation.Activations;
import org.actlab.lab.run.RunConfig;
import org.actlab.nn.Initializers;
import org.actlab.nn.OptimizerSpec;
import org.actlab.nn.Schedule;
import org.actlab.nn.TrainConfig;
import org.actlab.spec.Setting;
import org.actlab.spec.Settings;
import org.actlab.spec.Specified;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The run options of the commands that train ({@code train}, and {@code sweep} as shorthands for
 * {@code --set}): one option per {@link Setting} of a {@link RunConfig}, built with picocli's
 * programmatic API from the settings' own declarations. The help text and the default are the
 * setting's ({@link Setting#help()}, {@link Setting#shownDefault()}), so they are written once, beside
 * the default itself, and every command shows the same. What lives here is only the command line's
 * grammar: the flag names, how a list is split, and the shorthands a flag accepts
 * ({@code --hidden 0}, {@code --bias-init 0.1}).
 *
 * <p>A command takes them with {@code @Command(modelTransformer = RunOptions.All.class)}, which adds
 * the options to its model, and reads what was given with {@link #apply} or {@link #given}; options
 * left out keep the settings' defaults. Values are converted when the command runs, so a bad one is
 * the {@link IllegalArgumentException} of the parser it goes to: one line, exit code 2.
 */
final class RunOptions {

    /**
     * The command line's grammar of one setting.
     *
     * @param setting the setting it fills
     * @param names   the flag and its aliases, the first one canonical
     * @param label   the value's placeholder in the help
     * @param type    the type picocli reads (a {@link List} is split at {@code split})
     * @param element the list's element type; null for a single value
     * @param split   the regular expression that separates list elements; null for a single value
     * @param note    grammar only the command line has, a sentence said after the setting's help; may be empty
     * @param value   the setting's value from what picocli read
     */
    record Flag<T>(Setting<T> setting, String[] names, String label, Class<?> type, Class<?> element, String split,
                   String note, Function<Object, T> value) {

        /** The canonical flag, such as {@code --train-fraction}. */
        String name() {
            return names[0];
        }

        /** The help text: the setting's, this flag's note, and the setting's default. */
        String description() {
            return setting.help() + (note.isEmpty() ? "" : " " + note) + " Default: " + setting.shownDefault() + ".";
        }

        OptionSpec option() {
            // The flag as user object tells this option from a command's own of the same name (sweep --threads).
            OptionSpec.Builder b = OptionSpec.builder(names).type(type).description(description()).userObject(this);
            if (label != null) {
                b.paramLabel(label);
            }
            if (element != null) {
                // The synopsis shows the comma, not the regular expression that keeps "leaky_relu(0.1)" whole.
                b.auxiliaryTypes(element).splitRegex(split).splitRegexSynopsisLabel(",");
            }
            return b.build();
        }
    }

    /** Every run option, in the order of the help: data, network, training. */
    static final List<Flag<?>> FLAGS = List.of(
            single(RunConfig.DATA, "NAME", String.class, "--data"),
            single(RunConfig.LABEL, "COL", String.class, "--label"),
            flag(RunConfig.STANDARDIZE, Boolean.class, null, null, "", RunOptions::cast, "--standardize"),
            single(RunConfig.SAMPLES, "N", Integer.class, "--samples"),
            single(RunConfig.NOISE, "X", Double.class, "--noise"),
            single(RunConfig.TRAIN_FRACTION, "F", Double.class, "--train-fraction"),
            list(RunConfig.FEATURES, "F", String.class, ",", "", list -> strings(list), "--features"),
            // "--hidden 0" asks for no hidden layer: a linear or logistic model.
            list(RunConfig.HIDDEN, "N", Integer.class, ",", "0 for none.",
                    list -> list.size() == 1 && Integer.valueOf(0).equals(list.get(0)) ? List.of() : integers(list), "--hidden"),
            // Commas inside parentheses stay: leaky_relu(0.1),tanh is two activations.
            list(RunConfig.ACTIVATIONS, "SPEC", String.class, ",(?![^(]*\\))", "",
                    list -> strings(list).stream().map(Activations::parse).toList(), "--activation", "--activations"),
            single(RunConfig.OUTPUT, "NAME", String.class, "--output"),
            single(RunConfig.LOSS, "NAME", String.class, "--loss"),
            spec(RunConfig.INIT, "", Initializers::parse, "--init"),
            spec(RunConfig.BIAS_INIT, "A number N is constant(N).", text -> Initializers.parse(biasInit(text)), "--bias-init"),
            spec(TrainConfig.OPTIMIZER, "", OptimizerSpec::parse, "--optimizer"),
            single(TrainConfig.LEARNING_RATE, "RATE", Double.class, "--lr"),
            flag(RunConfig.BATCH, Integer.class, "N", null, "", n -> batch((Integer) n), "--batch"),
            single(TrainConfig.EPOCHS, "N", Integer.class, "--epochs"),
            single(TrainConfig.SEED, "S", Long.class, "--seed"),
            single(TrainConfig.L1, "X", Double.class, "--l1"),
            single(TrainConfig.L2, "X", Double.class, "--l2"),
            spec(TrainConfig.SCHEDULE, "", Schedule::parse, "--schedule"),
            single(TrainConfig.CLIP, "NORM", Double.class, "--clip"),
            single(TrainConfig.THREADS, "N", Integer.class, "--threads"));

    private RunOptions() {
    }

    /** Every run option, added to a command's model ahead of its own options: for {@code train}. */
    static final class All implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            return arrange(command, List.of(), true);
        }
    }

    /**
     * Every run option but {@code --threads}, added to a command's model after its own options: for
     * {@code sweep}, whose trials run on one thread each and whose own {@code --threads} sizes the pool.
     */
    static final class AllButThreads implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            return arrange(command, List.of(TrainConfig.THREADS), false);
        }
    }

    /**
     * Adds the run options, except those of the settings {@code left}, before or after the command's
     * own options; {@code --help} and {@code --version} stay last. (The help lists options in the
     * order they were added, so the command's own are taken out and put back.)
     */
    private static CommandSpec arrange(CommandSpec command, List<Setting<?>> left, boolean first) {
        List<OptionSpec> own = new ArrayList<>(command.options());
        own.forEach(command::remove);
        List<OptionSpec> help = own.stream().filter(o -> o.usageHelp() || o.versionHelp()).toList();
        own.removeAll(help);
        if (!first) {
            own.forEach(command::addOption);
        }
        for (Flag<?> flag : FLAGS) {
            if (!left.contains(flag.setting())) {
                command.addOption(flag.option());
            }
        }
        if (first) {
            own.forEach(command::addOption);
        }
        help.forEach(command::addOption);
        return command;
    }

    /** The flag of {@code setting}. */
    static Flag<?> of(Setting<?> setting) {
        for (Flag<?> flag : FLAGS) {
            if (flag.setting() == setting) {
                return flag;
            }
        }
        throw new IllegalArgumentException("no run option sets '" + setting.key() + "'");
    }

    /** True when {@code setting}'s option was given on this command line. */
    static boolean given(CommandSpec command, Setting<?> setting) {
        return matched(command, of(setting)) != null;
    }

    /** Sets every run option given on this command line in {@code settings}; the others keep their defaults. */
    static void apply(CommandSpec command, Settings<?> settings) {
        for (Flag<?> flag : FLAGS) {
            set(command, flag, settings);
        }
    }

    private static <T> void set(CommandSpec command, Flag<T> flag, Settings<?> settings) {
        OptionSpec option = matched(command, flag);
        if (option != null) {
            settings.set(flag.setting(), flag.value().apply(option.getValue()));
        }
    }

    /**
     * The run options given on this command line, by setting key, as JSON writes them (specs in
     * their canonical form): what {@code sweep} fixes for every trial.
     */
    static Map<String, Object> given(CommandSpec command) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (Flag<?> flag : FLAGS) {
            OptionSpec option = matched(command, flag);
            if (option != null) {
                given.put(flag.setting().key(), written(flag.value().apply(option.getValue())));
            }
        }
        return given;
    }

    /** A value as JSON holds it: a spec by its canonical text, lists element by element. */
    private static Object written(Object value) {
        if (value instanceof Specified specified) {
            return specified.spec();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RunOptions::written).toList();
        }
        return value;
    }

    /** The option of {@code flag} when this command has it as a run option and it was given, else null. */
    private static OptionSpec matched(CommandSpec command, Flag<?> flag) {
        OptionSpec option = command.findOption(flag.name());
        return option != null && option.userObject() == flag && command.commandLine().getParseResult().hasMatchedOption(option)
                ? option : null;
    }

    private static <T> Flag<T> flag(Setting<T> setting, Class<?> type, String label, String split, String note,
                                    Function<Object, T> value, String... names) {
        return new Flag<>(setting, names, label, type, null, split, note, value);
    }

    /** A single value that picocli reads as {@code type}, which is the setting's own. */
    private static <T> Flag<T> single(Setting<T> setting, String label, Class<T> type, String... names) {
        return flag(setting, type, label, null, "", type::cast, names);
    }

    /** A spec, parsed once here at the edge. */
    private static <T> Flag<T> spec(Setting<T> setting, String note, Function<String, T> parse, String... names) {
        return flag(setting, String.class, "SPEC", null, note, text -> parse.apply((String) text), names);
    }

    private static <T> Flag<T> list(Setting<T> setting, String label, Class<?> element, String split, String note,
                                    Function<List<?>, T> value, String... names) {
        return new Flag<>(setting, names, label, List.class, element, split, note, read -> value.apply((List<?>) read));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static List<String> strings(List<?> list) {
        return list.stream().map(String.class::cast).toList();
    }

    private static List<Integer> integers(List<?> list) {
        return list.stream().map(Integer.class::cast).toList();
    }

    private static Integer batch(Integer batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch + "; leave it out for a size chosen from the data");
        }
        return batch;
    }

    /** {@code --bias-init 0.1} is shorthand for {@code constant(0.1)}. */
    static String biasInit(String text) {
        try {
            double value = Double.parseDouble(text.trim());
            return "constant(value=" + value + ")";
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }
}
