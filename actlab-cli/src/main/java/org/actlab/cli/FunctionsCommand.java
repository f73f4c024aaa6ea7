package org.actlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.activation.Traits;
import org.actlab.lab.run.Catalogue;
import org.actlab.lab.run.RunJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code actlab functions}: the catalogue as a table or JSON. */
@Command(name = "functions", mixinStandardHelpOptions = true,
        description = "List every activation: spec with default parameters, formula, range, zero-centred, "
                + "saturating, monotonic and cost class.")
final class FunctionsCommand extends ActlabCommand {

    @Option(names = "--json", description = "Print a JSON array of objects, one per activation.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        List<Activation> catalogue = Activations.catalogue();
        if (json) {
            out.println(RunJson.write(Catalogue.activations()));
        } else {
            out.print(table(catalogue));
        }
        out.flush();
        return Main.OK;
    }

    static String table(List<Activation> catalogue) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"spec (defaults)", "f(x)", "range", "zero-centred", "saturating", "monotonic", "cost"});
        for (Activation f : catalogue) {
            Traits t = f.traits();
            rows.add(new String[]{f.spec(), t.formula(), t.range(), yesNo(t.zeroCentred()), yesNo(t.saturating()),
                yesNo(t.monotonic()), t.cost().name().toLowerCase(Locale.ROOT)});
        }
        return Table.format(rows);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
