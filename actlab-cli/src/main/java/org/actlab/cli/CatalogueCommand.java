package org.actlab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * The shape of a command over a named catalogue ({@code experiment}, {@code replicate}), written once:
 * the command itself asks for a subcommand, {@link Listing list} prints every name beside one line
 * about it, and {@link Running run NAME} looks the name up, so that an unknown name is a one-line
 * error with exit code 2.
 */
abstract class CatalogueCommand extends ActlabCommand {

    @Override
    public Integer call() {
        String name = spec.name();
        throw new ParameterException(spec.commandLine(), "missing subcommand: use '" + name + " list' or '" + name + " run NAME'");
    }

    /**
     * {@code list}: each entry's name, padded to the longest, and its line.
     *
     * @param <T> the catalogue's entries
     */
    abstract static class Listing<T> extends ActlabCommand {

        private final Supplier<List<T>> all;
        private final Function<T, String> name;
        private final Function<T, String> line;

        Listing(Supplier<List<T>> all, Function<T, String> name, Function<T, String> line) {
            this.all = all;
            this.name = name;
            this.line = line;
        }

        @Override
        public Integer call() {
            List<T> entries = all.get();
            int width = entries.stream().mapToInt(e -> name.apply(e).length()).max().orElse(10);
            PrintWriter out = out();
            for (T e : entries) {
                out.printf(Locale.ROOT, "%-" + width + "s  %s%n", name.apply(e), line.apply(e));
            }
            out.flush();
            return Main.OK;
        }
    }

    /**
     * {@code run NAME [--quick]}: the entry of that name, run by {@link #run}.
     *
     * @param <T> the catalogue's entries
     */
    abstract static class Running<T> extends ActlabCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "Which one, see 'actlab ${PARENT-COMMAND-NAME} list'.")
        String name;

        @Option(names = "--quick", description = "Fewer and smaller runs (seconds, not minutes); still gives a verdict.")
        boolean quick;

        private final Function<String, T> byName;

        Running(Function<String, T> byName) {
            this.byName = byName;
        }

        @Override
        public Integer call() {
            T entry;
            try {
                entry = byName.apply(name);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = out();
            run(entry, out);
            out.flush();
            return Main.OK;
        }

        /** Runs {@code entry} and prints its result on {@code out}. */
        abstract void run(T entry, PrintWriter out);
    }
}
