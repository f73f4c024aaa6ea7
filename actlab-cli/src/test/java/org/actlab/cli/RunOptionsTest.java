package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.actlab.lab.run.RunConfig;
import org.actlab.lab.run.RunJson;
import org.actlab.nn.TrainConfig;
import org.actlab.spec.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The run options are built from {@link RunConfig}'s settings: every setting has a flag, every flag's
 * help shows the setting's own help and default, and the default printed reads back as the setting's
 * value; {@code train} and {@code sweep} show the same texts; a command line and a JSON run description
 * with the same settings give equal configs.
 */
class RunOptionsTest {

    /** The help with all white space taken out: picocli wraps lines wherever it likes, even before "(". */
    private static String squeezed(String help) {
        return help.replaceAll("\\s+", "");
    }

    @Test
    void everySettingHasAFlagWhoseHelpShowsTheSettingsHelpAndDefault() {
        Set<Setting<?>> flagged = new HashSet<>();
        for (RunOptions.Flag<?> flag : RunOptions.FLAGS) {
            assertTrue(flagged.add(flag.setting()), "one flag per setting: " + flag.setting());
        }
        assertEquals(Set.copyOf(RunConfig.SETTINGS.values()), flagged, "every setting of a run has a flag, and no other does");

        String train = squeezed(Cli.run("train", "--help").succeeds().out());
        String sweep = squeezed(Cli.run("sweep", "--help").succeeds().out());
        for (RunOptions.Flag<?> flag : RunOptions.FLAGS) {
            Setting<?> setting = flag.setting();
            String label = flag.type() == Boolean.class ? "" : flag.element() == null ? "=" + flag.label()
                    : "=" + flag.label() + "[," + flag.label() + "...]";
            String expected = squeezed(String.join(", ", flag.names()) + label + setting.help());
            int at = train.indexOf(expected);
            assertTrue(at >= 0, "train --help shows " + flag.name() + " with the setting's help '" + setting.help() + "'");
            int shown = train.indexOf("Default:", at);
            String defaultText = squeezed("Default: " + setting.shownDefault() + ".");
            assertTrue(train.startsWith(defaultText, shown), flag.name() + ": expected " + defaultText + " at "
                    + train.substring(shown, Math.min(train.length(), shown + 60)));
            if (setting == TrainConfig.THREADS) {
                // sweep's own --threads sizes its pool; its trials each run on one thread.
                assertFalse(sweep.contains(expected), "sweep has no run option --threads");
            } else {
                int inSweep = sweep.indexOf(expected);
                assertTrue(inSweep >= 0, "sweep --help shows " + flag.name() + " as train does");
                assertTrue(sweep.startsWith(defaultText, sweep.indexOf("Default:", inSweep)), "sweep shows the default of " + flag.name());
            }
        }
    }

    /** What {@code train} would run for these arguments, without running it. */
    private static RunConfig trainConfig(String... args) {
        CommandLine cli = new CommandLine(new Main());
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(args));
        CommandLine.ParseResult parsed = cli.parseArgs(all.toArray(String[]::new));
        return ((TrainCommand) parsed.subcommand().commandSpec().userObject()).config();
    }

    @Test
    void theDefaultThatHelpPrintsIsTheSettingsValue() {
        RunConfig defaults = RunConfig.defaults();
        assertEquals(defaults, trainConfig(), "no options: every setting's default");
        int checked = 0;
        for (RunOptions.Flag<?> flag : RunOptions.FLAGS) {
            Setting<?> setting = flag.setting();
            if (setting.defaultInWords() || flag.type() == Boolean.class) {
                // A choice made later (auto batch, all cores, the last column), or a switch: no value to give back.
                continue;
            }
            // Giving the printed default changes nothing: the text is the value, not a copy of it.
            assertEquals(defaults, trainConfig(flag.name(), setting.shownDefault()), flag.name() + " " + setting.shownDefault());
            checked++;
        }
        assertEquals(17, checked, "flags whose default is printed as a value");
    }

    @Test
    void aCommandLineAndAJsonRunDescriptionGiveEqualConfigs() throws Exception {
        RunConfig cli = trainConfig("--data", "spiral", "--label", "y", "--standardize", "--samples", "300", "--noise", "0.1",
                "--train-fraction", "0.7", "--features", "x1,x2,x1^2,sin(x2)", "--hidden", "5,3",
                "--activations", "leaky_relu(0.1),tanh", "--output", "sigmoid", "--loss", "cross_entropy", "--init", "he_normal",
                "--bias-init", "0.1", "--optimizer", "adam(beta1=0.8)", "--lr", "0.01", "--batch", "16", "--epochs", "4",
                "--seed", "7", "--l1", "0.0001", "--l2", "0.001", "--schedule", "cosine", "--clip", "5", "--threads", "3");
        String json = """
                {"data": "spiral", "label": "y", "standardize": true, "samples": 300, "noise": 0.1, "trainFraction": 0.7,
                 "features": ["x1", "x2", "x1^2", "sin(x2)"], "hidden": [5, 3], "activations": ["leaky_relu(0.1)", "tanh"],
                 "output": "sigmoid", "loss": "cross_entropy", "init": "he_normal", "biasInit": "constant(0.1)",
                 "optimizer": "adam(beta1=0.8)", "learningRate": 0.01, "batch": 16, "epochs": 4, "seed": 7, "l1": 0.0001,
                 "l2": 0.001, "schedule": "cosine", "clip": 5, "threads": 3}""";
        JsonNode given = RunJson.mapper().readTree(json);
        Set<String> keys = new HashSet<>();
        given.fieldNames().forEachRemaining(keys::add);
        assertEquals(RunConfig.SETTINGS.keySet(), keys, "the JSON gives every setting");
        RunConfig read = RunJson.mapper().readValue(json, RunConfig.class);
        assertEquals(read, cli);
        // Every setting differs from its default, so every flag took part.
        JsonNode written = RunJson.mapper().valueToTree(cli);
        JsonNode defaults = RunJson.mapper().valueToTree(RunConfig.defaults());
        for (String key : RunConfig.SETTINGS.keySet()) {
            assertNotEquals(defaults.get(key), written.get(key), key);
        }
    }

    @Test
    void badValuesAreOneLineWithExitTwo() {
        Cli.run("train", "--epochs", "many").fails(2, "'many' is not an int");
        Cli.run("train", "--noise", "abc").fails(2, "'abc'");
        Cli.run("train", "--seed", "1.5").fails(2, "'1.5'");
        Cli.run("train", "--hidden", "4,x").fails(2, "'x'");
        Cli.run("train", "--batch", "0").fails(2, "--batch must be >= 1, got 0");
        Cli.run("train", "--schedule", "cosinus").fails(2, "cosinus");
        Cli.run("train", "--init", "he_nromal").fails(2, "he_nromal");
        Cli.run("train", "--bias-init", "zeroes").fails(2, "zeroes");
        Cli.run("train", "--clip", "-1").fails(2, "-1");
        Cli.run("sweep", "--epochs", "many").fails(2, "'many' is not an int");
        Cli.run("sweep", "--optimizer", "adamm", "--grid", "lr=0.1,0.2").fails(2, "adamm");
    }

    @Test
    void dataAndDiagnoseTakeTheRunsDefaultNoiseAndSeed(@TempDir Path dir) throws Exception {
        String noise = Setting.show(RunConfig.NOISE.defaultValue());
        String seed = Setting.show(TrainConfig.SEED.defaultValue());
        for (String command : List.of("data", "diagnose")) {
            String help = squeezed(Cli.run(command, "--help").succeeds().out());
            assertTrue(help.contains(squeezed("--noise=<noise> Generated data: noise (TF Playground: 0..0.5). Default: " + noise + ".")), help);
            assertTrue(help.contains(squeezed("--seed=<seed> Generated data: seed. Default: " + seed + ".")), help);
        }
        String leftOut = data(dir, "left-out.csv");
        assertEquals(data(dir, "given.csv", "--noise", noise, "--seed", seed), leftOut);
        // Not the Java fields' zero: seed 0 draws other points.
        assertNotEquals(data(dir, "zero.csv", "--seed", "0"), leftOut);
    }

    /** The CSV of {@code actlab data spiral --samples 5} with {@code more} options. */
    private static String data(Path dir, String name, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("data", "spiral", "--samples", "5", "--out", dir.resolve(name).toString()));
        args.addAll(List.of(more));
        Cli.run(args.toArray(String[]::new)).succeeds();
        return Files.readString(dir.resolve(name));
    }
}
