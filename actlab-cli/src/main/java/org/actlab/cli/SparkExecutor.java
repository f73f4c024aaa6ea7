package org.actlab.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Function;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.sweep.Sweep;

/**
 * The Spark trial executor for {@code --spark MASTER} (sweep, replicate run). Spark is loaded by name
 * only here, so the CLI starts without its jars; ./actlab puts actlab-spark's jars on the class path
 * only when --spark is given.
 */
final class SparkExecutor {

    private SparkExecutor() {
    }

    /** The {@code --spark MASTER} option of the commands that run trials, declared once and mixed in with {@code @Mixin}. */
    static final class Option {

        @picocli.CommandLine.Option(names = "--spark", paramLabel = "MASTER",
                description = "Run the trials on Apache Spark: local[N] (embedded) or spark://host:port (standalone).")
        String master;

        /** Runs {@code work} on Spark at {@link #master}, then stops Spark (a failure to stop is noted on {@code err}). */
        <R> R run(Function<TrialExecutor, R> work, PrintWriter err, String command) {
            TrialExecutor executor = connect(master);
            try {
                return work.apply(executor);
            } finally {
                close(executor, err, command);
            }
        }
    }

    /**
     * Starts Spark on {@code master}.
     *
     * @throws IllegalArgumentException for a bad master string, or when actlab-spark is not on the class path
     */
    static TrialExecutor connect(String master) {
        check(master);
        Class<?> type;
        try {
            type = Class.forName("org.actlab.spark.SparkTrialExecutor");
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--spark " + master + " needs the actlab-spark module on the class path; "
                    + "build it (mvn -B -DskipTests package) and run through ./actlab");
        }
        try {
            return (TrialExecutor) type.getMethod("connect", String.class).invoke(null, master);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start Spark: " + e, e);
        }
    }

    /** Checks the master string without starting anything. */
    static void check(String master) {
        if (!Sweep.SPARK_MASTER.matcher(master.trim()).matches()) {
            throw new IllegalArgumentException("--spark wants local[N] or spark://host:port, got '" + master + "'");
        }
    }

    /** Stops an executor that holds resources (Spark's context), noting a failure to stop on {@code err}. */
    static void close(TrialExecutor executor, PrintWriter err, String command) {
        if (executor instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                err.println("actlab " + command + ": note: closing " + executor + ": " + e.getMessage());
            }
        }
    }
}
