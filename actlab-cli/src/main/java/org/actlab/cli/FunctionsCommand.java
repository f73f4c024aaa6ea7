package org.actlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.activation.Traits;
import org.actlab.lab.run.RunJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code actlab functions}: the catalogue as a table or JSON. */
@Command(name = "functions", mixinStandardHelpOptions = true,
        description = "List every activation: spec with default parameters, formula, range, zero-centred, "
                + "saturating, monotonic and cost class.")
final class FunctionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array of objects, one per activation.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Activation> catalogue = Activations.catalogue();
        if (json) {
            out.println(RunJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(catalogue)));
        } else {
            out.print(table(catalogue));
        }
        out.flush();
        return Main.OK;
    }

    static ArrayNode toJson(List<Activation> catalogue) {
        ArrayNode array = RunJson.mapper().createArrayNode();
        for (Activation f : catalogue) {
            Traits t = f.traits();
            ObjectNode node = array.addObject();
            node.put("spec", f.spec());
            node.put("id", f.id());
            node.put("formula", t.formula());
            node.put("derivative", t.derivativeFormula());
            node.put("range", t.range());
            node.put("zeroCentred", t.zeroCentred());
            node.put("saturating", t.saturating());
            node.put("monotonic", t.monotonic());
            node.put("cost", t.cost().name().toLowerCase(Locale.ROOT));
            node.put("learnable", f.parameters().length > 0);
            node.put("stochastic", f.isStochastic());
            node.put("reference", t.reference());
        }
        return array;
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
