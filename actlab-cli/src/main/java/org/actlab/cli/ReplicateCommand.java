package org.actlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.replicate.Replication;
import org.actlab.lab.replicate.ReplicationResult;
import org.actlab.lab.replicate.Replications;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code actlab replicate list} and {@code actlab replicate run NAME [--quick]}: published results, re-run. */
@Command(name = "replicate", mixinStandardHelpOptions = true,
        description = "List the paper replications, or run one and print the paper's figures beside ours and the verdict.",
        subcommands = {ReplicateCommand.ListCommand.class, ReplicateCommand.RunCommand.class})
public final class ReplicateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: use 'replicate list' or 'replicate run NAME'");
    }

    /** {@code actlab replicate list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the replications with their papers.")
    static final class ListCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            int width = Replications.names().stream().mapToInt(String::length).max().orElse(10);
            for (Replication r : Replications.all()) {
                spec.commandLine().getOut().printf(Locale.ROOT, "%-" + width + "s  %s%n", r.name(), r.paper());
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code actlab replicate run NAME [--quick] [--spark MASTER]}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run one replication and print the paper's figures beside ours, the criterion and the verdict.")
    static final class RunCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The replication, see 'actlab replicate list'.")
        String name;

        @Option(names = "--quick", description = "A smaller run (seconds, not minutes); still gives a verdict.")
        boolean quick;

        @Option(names = "--spark", paramLabel = "MASTER",
                description = "Run its trials on Apache Spark: local[N] (embedded) or spark://host:port (standalone).")
        String spark;

        @Override
        public Integer call() {
            Replication replication;
            try {
                replication = Replications.byName(name);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            ReplicationResult result;
            long start = System.nanoTime();
            if (spark == null) {
                result = replication.run(quick);
            } else {
                TrialExecutor executor = SparkExecutor.connect(spark);
                try {
                    result = replication.run(quick, executor);
                } finally {
                    SparkExecutor.close(executor, spec.commandLine().getErr(), "replicate");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s: %s (%.1f s)%n", result.name(), result.outcome(), seconds);
            out.println("paper:       " + result.paper());
            out.println("claim:       " + result.claim());
            out.println("setup:       " + result.setup());
            out.println("criterion:   " + result.criterion());
            out.println("differences: " + result.differences());
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"quantity", "paper", "ours"});
            for (ReplicationResult.Row row : result.rows()) {
                rows.add(new String[] {row.quantity(), row.paper(), row.ours()});
            }
            out.print(Table.format(rows));
            out.println(result.note());
            out.flush();
            return 0;
        }
    }
}
