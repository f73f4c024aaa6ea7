package org.actlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.actlab.data.MemoryBudget;
import org.actlab.nn.DivergenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code actlab} command. To add a subcommand, add its class to the {@code subcommands} list of
 * the {@link Command} annotation below (one line); a subcommand extends {@link ActlabCommand},
 * writes through its {@code out()} and {@code err()}, and throws {@link IllegalArgumentException}
 * for bad input.
 *
 * <p>Exit codes: {@value #OK} success, {@value #INTERNAL_ERROR} unexpected error,
 * {@value #BAD_INPUT} bad input (option, value, spec, unreadable or malformed file),
 * {@value #DIVERGED} training diverged. Errors are one line on stderr; {@code --stacktrace} (anywhere
 * on the command line) or the environment variable {@code ACTLAB_DEBUG=1} adds the stack trace.
 */
@Command(name = "actlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "An activation-function laboratory: evaluate, plot and audit activations, and train small networks.",
        subcommands = {
            FunctionsCommand.class,
            EvalCommand.class,
            PlotCommand.class,
            AuditCommand.class,
            TrainCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            DiagnoseCommand.class,
            DataCommand.class,
            ExperimentCommand.class,
            ReplicateCommand.class,
            ReportCommand.class,
            SweepCommand.class,
            ServeCommand.class,
            PlaygroundCommand.class,
            CommandLine.HelpCommand.class,
        },
        footer = {"", "Exit codes: 0 ok, 1 unexpected error, 2 bad input, 3 training diverged.",
            "Add --stacktrace (or set ACTLAB_DEBUG=1) to see the stack trace of an error."})
public final class Main implements Callable<Integer> {

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;
    public static final int DIVERGED = 3;

    private static final String STACKTRACE_FLAG = "--stacktrace";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return OK;
    }

    public static void main(String[] args) {
        directStderr();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The launcher filters one start-up banner out of the JVM's stderr through a pipe; it also names the
     * caller's own stderr in {@code actlab.stderr}, so that everything the CLI writes goes there directly
     * (in order, and complete when the process exits) rather than through the filter.
     */
    private static void directStderr() {
        String direct = System.getProperty("actlab.stderr");
        if (direct == null || direct.isBlank()) {
            return;
        }
        try {
            // Append mode: opening a caller's regular file must not truncate it.
            System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(direct, true), true));
        } catch (IOException | SecurityException e) {
            // Keep the JVM's stderr: the filtered pipe still reaches the caller.
        }
    }

    /** Runs the command line with the given streams and returns the exit code; never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        List<String> rest = new ArrayList<>();
        boolean stacktrace = "1".equals(System.getenv("ACTLAB_DEBUG"));
        for (String arg : args) {
            if (arg.equals(STACKTRACE_FLAG)) {
                stacktrace = true;
            } else {
                rest.add(arg);
            }
        }
        boolean showTraces = stacktrace;
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(prefix(failed) + ": " + oneLine(e.getMessage())
                    + " (see " + failed.getCommandSpec().qualifiedName() + " --help)");
            if (showTraces) {
                e.printStackTrace(failed.getErr());
            }
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, failed, parseResult) -> report(e, failed, showTraces));
        try {
            return cli.execute(rest.toArray(new String[0]));
        } catch (Throwable e) {
            // picocli handles Exceptions; Errors such as a failed class initialisation arrive here.
            return report(e, cli, showTraces);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Prints one line for a failure and returns its exit code. */
    private static int report(Throwable e, CommandLine failed, boolean showTraces) {
        PrintWriter errors = failed.getErr();
        Throwable cause = e;
        // A bad -Dactlab.kernel fails the Kernels class initialiser: report what was wrong, as bad input.
        if (e instanceof ExceptionInInitializerError && e.getCause() != null) {
            cause = e.getCause();
        }
        int code;
        String message;
        if (cause instanceof DivergenceException) {
            code = DIVERGED;
            message = "training diverged: " + cause.getMessage();
        } else if (cause instanceof IllegalArgumentException) {
            code = BAD_INPUT;
            message = cause.getMessage();
        } else if (cause instanceof UncheckedIOException || cause instanceof IOException) {
            code = BAD_INPUT;
            message = cause instanceof UncheckedIOException ? cause.getMessage() : "I/O error: " + cause.getMessage();
        } else if (cause instanceof OutOfMemoryError) {
            code = BAD_INPUT;
            message = "out of memory: the input or network is too large for the Java heap of "
                    + MemoryBudget.human(Runtime.getRuntime().maxMemory()) + "; raise it (for example "
                    + MemoryBudget.RAISE_HINT + "8g) or ask for less";
        } else if (cause != e && cause instanceof IllegalStateException) {
            code = BAD_INPUT;
            message = cause.getMessage();
        } else {
            code = INTERNAL_ERROR;
            message = "internal error: " + cause.getClass().getName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                    + (showTraces ? "" : " (run again with --stacktrace for details)");
        }
        errors.println(prefix(failed) + ": " + oneLine(String.valueOf(message)));
        if (showTraces) {
            e.printStackTrace(errors);
        }
        errors.flush();
        return code;
    }

    private static String prefix(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    /** Messages may carry newlines from libraries; the contract is one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[]{"actlab " + (version == null ? "development" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
