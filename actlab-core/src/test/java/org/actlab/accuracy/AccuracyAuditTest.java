package org.actlab.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.actlab.activation.Activations;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import org.junit.jupiter.api.Test;

/** The audit on a small sample: shape of the result, its honesty (it catches a bad kernel), validation. */
class AccuracyAuditTest {

    private static final int SAMPLES = 20_000;

    @Test
    void wholeCatalogueOnEveryPathMeetsTheContractOnASmallSample() {
        AccuracyAudit.Config config = AccuracyAudit.Config.defaults().withSamples(SAMPLES);
        List<int[]> progress = new ArrayList<>();
        List<AccuracyAudit.Row> rows = new AccuracyAudit(config)
                .run((done, total, row) -> progress.add(new int[] {done, total}));
        int paths = AccuracyAudit.availablePaths().size();
        assertEquals(Activations.catalogue().size() * paths, rows.size());
        assertEquals(rows.size(), progress.size());
        assertEquals(rows.size(), progress.get(progress.size() - 1)[0]);
        for (AccuracyAudit.Row r : rows) {
            assertEquals(SAMPLES, r.samples());
            // 1 ULP plus the reference's own slack next to the roots of f'.
            assertTrue(r.maxUlpValue() <= 1.0, r.toString());
            assertTrue(r.maxUlpDerivative() <= 1.25, r.toString());
        }
    }

    @Test
    void sameSeedSameRows() {
        AccuracyAudit.Config config = AccuracyAudit.Config.defaults().withSamples(2_000)
                .withActivations(List.of(Activations.parse("gelu"), Activations.parse("softplus")))
                .withPaths(List.of(Kernels.scalar()));
        assertEquals(new AccuracyAudit(config).run(), new AccuracyAudit(config).run());
    }

    /** A kernel two float steps off on every element: the audit must report 2 to 3 ULP (3 where the steps cross a power of two), not hide it. */
    @Test
    void catchesAKernelThatIsOffByTwoUlps() {
        // The audit passes dA = 1, so dZ two steps down is f' two steps down.
        ActivationKernels sloppy = new PlantedKernels("sloppy", (z, a) -> Math.nextUp(Math.nextUp(a)),
                (z, dZ) -> Math.nextDown(Math.nextDown(dZ)));
        AccuracyAudit.Config config = AccuracyAudit.Config.defaults().withSamples(1_000)
                .withActivations(List.of(Activations.parse("tanh"))).withPaths(List.of(sloppy));
        AccuracyAudit.Row row = new AccuracyAudit(config).run().get(0);
        assertEquals("sloppy", row.path());
        assertTrue(row.maxUlpValue() >= 1.5 && row.maxUlpValue() <= 3.5, row.toString());
        assertTrue(row.maxUlpDerivative() >= 1.5, row.toString());
    }

    @Test
    void markdownTable() {
        List<AccuracyAudit.Row> rows = List.of(new AccuracyAudit.Row("relu", "scalar", 10, 0, 1f, 0.5, -2f),
                new AccuracyAudit.Row("gelu", "vector(256 bit)", 10, 0.51234, 3f, Double.POSITIVE_INFINITY, 4f));
        String md = AccuracyAudit.toMarkdown(rows);
        String[] lines = md.split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("| function | path | samples |"));
        assertEquals("| relu | scalar | 10 | 0.000 | - | 0.500 | -2.0 |", lines[2]);
        assertEquals("| gelu | vector(256 bit) | 10 | 0.512 | 3.0 | Infinity | 4.0 |", lines[3]);
    }

    @Test
    void configValidation() {
        AccuracyAudit.Config d = AccuracyAudit.Config.defaults();
        assertEquals(AccuracyAudit.DEFAULT_SAMPLES, d.samplesPerFunction());
        assertTrue(d.samplesPerFunction() >= 1_000_000);
        assertEquals("samples per function must be >= 2, got 0",
                assertThrows(IllegalArgumentException.class, () -> d.withSamples(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withActivations(List.of()));
        assertThrows(IllegalArgumentException.class, () -> d.withPaths(List.of()));
    }
}
