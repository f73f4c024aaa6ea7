package org.actlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.lab.plot.ActivationChart;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code actlab plot}: f and f' of one or more activations as SVG or PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Plot activations (solid) and their derivatives (dashed), shading where |f'| < 1%% of its "
                + "largest value on the plotted range.",
        footer = {"", "Examples:", "  actlab plot sigmoid tanh relu --out act.svg",
            "  actlab plot 'leaky_relu(0.1)' --range -3:3 --out leaky.png"})
final class PlotCommand extends ActlabCommand {

    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Activation specs.")
    List<String> specs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file, .svg or .png.")
    Path out;

    @Option(names = "--range", paramLabel = "A:B", defaultValue = "-6:6", description = "x range. Default: ${DEFAULT-VALUE}.")
    String range;

    @Option(names = "--width", defaultValue = "800", description = "Width in pixels. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", defaultValue = "500", description = "Height in pixels. Default: ${DEFAULT-VALUE}.")
    int height;

    @Override
    public Integer call() {
        List<Activation> functions = new ArrayList<>();
        for (String s : specs) {
            functions.add(Activations.parse(s));
        }
        String[] ends = range.split(":", -1);
        if (ends.length != 2) {
            throw new IllegalArgumentException("--range: '" + range + "' is not A:B, for example -6:6");
        }
        double from = Numbers.parseDouble(ends[0], "--range start");
        double to = Numbers.parseDouble(ends[1], "--range end");
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw new IllegalArgumentException("--out: cannot tell the image format of '" + out + "': use a .svg or .png name");
        }
        JFreeChart chart = ActivationChart.create(functions, from, to);
        ActivationChart.write(chart, out, width, height);
        out().println("wrote " + out);
        return Main.OK;
    }
}
