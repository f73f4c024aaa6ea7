package org.actlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.actlab.lab.experiment.Progress;
import org.actlab.lab.experiment.Trial;
import org.actlab.lab.experiment.TrialExecutor;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.lab.replicate.Replication;
import org.actlab.lab.replicate.Replications;
import org.actlab.cli.Main;
import org.junit.jupiter.api.Test;

/** Replications on Spark give the local run's figures and verdict: he-depth through the CLI, lu-born-dead trial by trial. */
class SparkReplicateTest {

    record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** The output without the first line's wall time, "(12.3 s)". */
    private static String withoutTime(String out) {
        return out.replaceFirst("\\(\\d+(\\.\\d+)? s\\)", "(time)");
    }

    @Test
    void heDepthOnSparkGivesTheLocalFiguresAndVerdict() {
        Run local = cli("replicate", "run", "he-depth", "--quick");
        assertEquals(0, local.code, local.err);
        Run spark = cli("replicate", "run", "he-depth", "--quick", "--spark", "local[2]");
        assertEquals(0, spark.code, spark.err);
        assertTrue(local.out.startsWith("he-depth: "), local.out);
        assertTrue(local.out.contains("converged "), "per-run figures are printed: " + local.out);
        assertEquals(withoutTime(local.out), withoutTime(spark.out));
    }

    @Test
    void luBornDeadOnSparkGivesBitIdenticalTrialResults() {
        // A second replication, compared below the printed text: every trial result (born-dead shares as doubles,
        // compared bit for bit by Double.equals) and the whole result. The quick run's 12 trials take seconds.
        Replication replication = Replications.byName("lu-born-dead");
        List<Trial> trials = replication.trials(true);
        List<TrialResult> local = TrialExecutor.sequential().execute(trials, Progress.silent());
        List<TrialResult> spark;
        try (SparkTrialExecutor executor = SparkTrialExecutor.connect("local[2]")) {
            spark = executor.execute(trials, Progress.silent());
        }
        assertEquals(local, spark);
        assertEquals(replication.reduce(true, local), replication.reduce(true, spark));
        assertTrue(local.stream().anyMatch(r -> r.number("born dead") > 0), "some networks are born dead: " + local);
    }

    @Test
    void aBadMasterIsRefusedWithOneLine() {
        Run run = cli("replicate", "run", "he-depth", "--quick", "--spark", "yarn");
        assertEquals(2, run.code, run.err);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertTrue(run.err.contains("got 'yarn'"), run.err);
    }
}
