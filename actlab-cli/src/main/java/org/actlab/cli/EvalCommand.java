package org.actlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code actlab eval}: f(x) and f'(x) through the bulk kernels, as CSV {@code x,value,derivative}.
 * The derivative is the kernels' backward pass with dL/da = 1, so it checks the same code path
 * training uses.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate an activation and its derivative at given points; prints CSV x,value,derivative.",
        footer = {"", "Examples:", "  actlab eval relu --x 0 -1 1", "  actlab eval 'leaky_relu(0.1)' --range -2:2:5 --hex",
            "  actlab eval tanh --x-file points.txt --path scalar"})
final class EvalCommand extends ActlabCommand {

    @Parameters(index = "0", paramLabel = "SPEC", description = "Activation spec, e.g. relu, 'elu(alpha=0.5)'.")
    String activation;

    @Option(names = "--path", paramLabel = "auto|scalar|simd", defaultValue = "auto",
            description = "Kernel path: auto (chosen at start-up), scalar, or simd. Default: ${DEFAULT-VALUE}.")
    String path;

    @Option(names = "--hex", description = "Print floats as hexadecimal (Float.toHexString) instead of decimal.")
    boolean hex;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Points points;

    static final class Points {
        @Option(names = "--x", arity = "1..*", split = ",", paramLabel = "X",
                description = "Points (decimal, hex like 0x1p-3, inf, nan); several after one --x or comma-separated.")
        List<String> xs;

        @Option(names = "--x-file", paramLabel = "FILE", description = "A file with one number per line ('-': standard input).")
        Path file;

        @Option(names = "--range", paramLabel = "A:B:N", description = "N evenly spaced points from A to B inclusive.")
        String range;
    }

    @Override
    public Integer call() {
        Activation f = Activations.parse(activation);
        ActivationKernels kernels = Kernels.forPath(path);
        float[] x = points();
        ActivationKernels.Evaluated at = kernels.evaluate(f, x);
        PrintWriter out = out();
        StringBuilder text = new StringBuilder("x,value,derivative\n");
        for (int i = 0; i < x.length; i++) {
            text.append(format(x[i])).append(',').append(format(at.values()[i])).append(',')
                    .append(format(at.slopes()[i])).append('\n');
            if (text.length() > 1 << 16) {
                out.print(text);
                text.setLength(0);
                if (Output.closed(out)) {
                    // The reader went away (eval ... | head -1): stop instead of formatting the rest for nobody.
                    return Main.OK;
                }
            }
        }
        out.print(text);
        out.flush();
        return Main.OK;
    }

    private float[] points() {
        if (points.xs != null) {
            float[] x = new float[points.xs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = Numbers.parseFloat(points.xs.get(i), "--x");
            }
            return x;
        }
        if (points.file != null) {
            return Numbers.readFile(points.file);
        }
        return Numbers.range(points.range);
    }

    private String format(float v) {
        return hex ? Float.toHexString(v) : Float.toString(v);
    }
}
