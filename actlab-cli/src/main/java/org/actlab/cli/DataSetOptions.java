package org.actlab.cli;

import java.util.Arrays;
import java.util.Map;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import org.actlab.data.Mnist;
import org.actlab.lab.run.RunConfig;
import org.actlab.nn.TrainConfig;
import org.actlab.spec.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The options of the commands that take a data set by name ({@code data}, {@code diagnose}): how many
 * rows, and the generator's noise and seed, declared once and mixed in with {@code @Mixin}.
 * ({@code train} has its own, which leave the run description's defaults in place.)
 */
final class DataSetOptions {

    @Option(names = "--samples", paramLabel = "N",
            description = "Rows: a generated set makes N (default " + RunConfig.DEFAULT_GENERATED_SAMPLES
                    + "); of MNIST or a file, the first N are kept (default all).")
    Integer samples;

    // The defaults of --noise and --seed are the run's (Defaults): the same data as train's when left out.
    @Option(names = "--noise", description = "Generated data: noise (TF Playground: 0..0.5). Default: ${DEFAULT-VALUE}.")
    double noise;

    @Option(names = "--seed", description = "Generated data: seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    /**
     * The defaults of {@code --noise} and {@code --seed}, from the run description's settings, for the
     * commands that mix these options in ({@code @Command(defaultValueProvider = DataSetOptions.Defaults.class)}).
     */
    static final class Defaults implements CommandLine.IDefaultValueProvider {

        private static final Map<String, Setting<?>> SHARED = Map.of("--noise", RunConfig.NOISE, "--seed", TrainConfig.SEED);

        @Override
        public String defaultValue(ArgSpec arg) {
            Setting<?> setting = arg instanceof OptionSpec option ? SHARED.get(option.longestName()) : null;
            return setting == null ? null : Setting.show(setting.defaultValue());
        }
    }

    /** The bundled MNIST or the generated set {@code name}, with {@link #samples} rows. */
    Dataset named(String name) {
        check();
        return name.equalsIgnoreCase("mnist") ? first(Mnist.bundled())
                : DataSets.generate(name, samples == null ? RunConfig.DEFAULT_GENERATED_SAMPLES : samples, noise, seed);
    }

    /** The first {@link #samples} rows of data read from elsewhere (all when not given). */
    Dataset first(Dataset d) {
        check();
        if (samples == null || samples >= d.n()) {
            return d;
        }
        int n = samples;
        return new Dataset(d.name(), Arrays.copyOf(d.x(), n * d.features()), Arrays.copyOf(d.y(), n * d.targets()), n,
                d.features(), d.targets(), d.task());
    }

    private void check() {
        if (samples != null && samples < 1) {
            throw new IllegalArgumentException("--samples must be >= 1, got " + samples);
        }
    }
}
