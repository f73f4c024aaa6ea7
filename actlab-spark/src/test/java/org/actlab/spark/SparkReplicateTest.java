package org.actlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.actlab.cli.Main;
import org.junit.jupiter.api.Test;

/** {@code actlab replicate run NAME --quick --spark local[2]} gives the local run's figures and verdict. */
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
    void aReplicationThatIsNotTrialsIsRefusedWithOneLine() {
        Run run = cli("replicate", "run", "klambauer-selu", "--quick", "--spark", "local[2]");
        assertEquals(2, run.code, run.err);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertTrue(run.err.contains("--spark works for: he-depth"), run.err);
    }

    @Test
    void aBadMasterIsRefusedWithOneLine() {
        Run run = cli("replicate", "run", "he-depth", "--quick", "--spark", "yarn");
        assertEquals(2, run.code, run.err);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertTrue(run.err.contains("got 'yarn'"), run.err);
    }
}
