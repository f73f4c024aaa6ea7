package org.actlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.actlab.data.Csv;
import org.actlab.data.DataSets;
import org.actlab.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code actlab data}: writes a generated data set (or the bundled MNIST) as CSV. */
@Command(name = "data", mixinStandardHelpOptions = true, defaultValueProvider = DataSetOptions.Defaults.class,
        description = "Write a generated data set as CSV (x1,x2,...,label or y), or list the data sets.",
        footer = {"", "Examples:", "  actlab data --list", "  actlab data spiral --samples 400 --noise 0.1 --out spiral.csv"})
final class DataCommand extends ActlabCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A data set name (see --list) or mnist.")
    String name;

    @Option(names = "--list", description = "List the data sets and exit.")
    boolean list;

    @Mixin
    DataSetOptions dataSet;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Output CSV file (written whole or not at all).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = out();
        if (list) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"name", "description"});
            for (String n : DataSets.names()) {
                rows.add(new String[]{n, DataSets.description(n)});
            }
            rows.add(new String[]{"mnist", "10,000 bundled MNIST digits, 784 pixels in [0,1], 10 classes"});
            stdout.print(Table.format(rows));
            stdout.flush();
            return Main.OK;
        }
        if (name == null) {
            throw new IllegalArgumentException("give a data set NAME (or --list); names: " + String.join(", ", DataSets.names())
                    + ", mnist");
        }
        if (out == null) {
            throw new IllegalArgumentException("give --out FILE.csv");
        }
        Dataset data = dataSet.named(name);
        Csv.write(data, out);
        stdout.println("wrote " + data.n() + " rows of " + data.name() + " to " + out);
        return Main.OK;
    }
}
