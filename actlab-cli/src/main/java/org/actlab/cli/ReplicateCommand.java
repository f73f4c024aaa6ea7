package org.actlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.actlab.lab.replicate.Replication;
import org.actlab.lab.replicate.ReplicationResult;
import org.actlab.lab.replicate.Replications;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code actlab replicate list} and {@code actlab replicate run NAME [--quick]}: published results, re-run. */
@Command(name = "replicate", mixinStandardHelpOptions = true,
        description = "List the paper replications, or run one and print the paper's figures beside ours and the verdict.",
        subcommands = {ReplicateCommand.ListCommand.class, ReplicateCommand.RunCommand.class})
public final class ReplicateCommand extends CatalogueCommand {

    /** {@code actlab replicate list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the replications with their papers.")
    static final class ListCommand extends Listing<Replication> {
        ListCommand() {
            super(Replications::all, Replication::name, Replication::paper);
        }
    }

    /** {@code actlab replicate run NAME [--quick] [--spark MASTER]}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run one replication and print the paper's figures beside ours, the criterion and the verdict.")
    static final class RunCommand extends Running<Replication> {

        @Mixin
        SparkExecutor.Option spark;

        RunCommand() {
            super(Replications::byName);
        }

        @Override
        void run(Replication replication, PrintWriter out) {
            long start = System.nanoTime();
            ReplicationResult result = spark.master == null ? replication.run(quick)
                    : spark.run(executor -> replication.run(quick, executor), err(), "replicate");
            double seconds = (System.nanoTime() - start) / 1e9;
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
        }
    }
}
