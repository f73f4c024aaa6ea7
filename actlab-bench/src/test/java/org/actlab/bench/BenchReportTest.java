package org.actlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    /** 1M elements in 500 µs is 2.097152 Gelem/s; the median of 4 values is the mean of the middle two. */
    @Test
    void convertsMicrosecondsPerOperationToElementsPerSecond() throws Exception {
        String json = "{\"benchmark\":\"org.actlab.bench.MemoryStreamBench.copy\",\"threads\":2,"
                + "\"params\":{\"size\":\"1048576\"},"
                + "\"primaryMetric\":{\"scoreUnit\":\"us/op\",\"rawData\":[[500.0,1000.0],[250.0,2000.0]]}}";
        BenchReport.Row row = BenchReport.toRow(new ObjectMapper().readTree(json));
        assertEquals("memory", row.library());
        assertEquals("copy", row.benchmark());
        assertEquals(2, row.parallelism());
        assertEquals("Gelem/s", row.unit());
        assertEquals(1048576 / 500e3, row.values()[0], 1e-12);
        assertEquals((1048576 / 500e3 + 1048576 / 1000e3) / 2, row.median(), 1e-12);
        assertEquals(1048576 / 2000e3, row.min(), 1e-12);
        assertEquals(1048576 / 250e3, row.max(), 1e-12);
    }

    /** L1_FORWARD is 2·128·256·784 = 51,380,224 flops; in 1000 µs that is 51.380224 GFLOP/s. */
    @Test
    void convertsGemmTimesToGflops() throws Exception {
        String json = "{\"benchmark\":\"org.actlab.bench.GemmBench.multiply\",\"threads\":1,"
                + "\"params\":{\"shape\":\"L1_FORWARD\",\"kernel\":\"vector\",\"threads\":\"2\"},"
                + "\"primaryMetric\":{\"scoreUnit\":\"us/op\",\"rawData\":[[1000.0]]}}";
        BenchReport.Row row = BenchReport.toRow(new ObjectMapper().readTree(json));
        assertEquals(51.380224, row.median(), 1e-9);
        assertEquals(2, row.parallelism());
        assertEquals(Map.of("shape", "L1_FORWARD", "kernel", "vector", "threads", "2"), row.params());
    }

    /** One 128-row step in 2,000 µs is 64,000 samples/s. */
    @Test
    void convertsTrainingStepsToSamplesPerSecond() throws Exception {
        String json = "{\"benchmark\":\"org.actlab.bench.Dl4jTrainingBench.step\",\"threads\":1,"
                + "\"params\":{\"threads\":\"1\"},"
                + "\"primaryMetric\":{\"scoreUnit\":\"us/op\",\"rawData\":[[2000.0]]}}";
        BenchReport.Row row = BenchReport.toRow(new ObjectMapper().readTree(json));
        assertEquals("DL4J", row.library());
        assertEquals(64000, row.median(), 1e-9);
    }

    /**
     * CpuTime's counters: 6,000,000 CPU ns over 3 calls is 2,000 µs per step (64,000 samples/s),
     * 1,000,000 ns over 1 call 1,000 µs (128,000); an iteration without calls is skipped.
     */
    @Test
    void readsCpuTimeCounters() throws Exception {
        String json = "{\"benchmark\":\"org.actlab.bench.ActlabTrainingBench.step\",\"threads\":1,"
                + "\"params\":{\"threads\":\"1\"},"
                + "\"primaryMetric\":{\"scoreUnit\":\"us/op\",\"rawData\":[[4000.0,4000.0,4000.0]]},"
                + "\"secondaryMetrics\":{\"cpuNanos\":{\"rawData\":[[6000000.0,1000000.0,0.0]]},"
                + "\"calls\":{\"rawData\":[[3.0,1.0,0.0]]}}}";
        BenchReport.Row row = BenchReport.toRow(new ObjectMapper().readTree(json));
        assertEquals(32000, row.median(), 1e-9);
        assertEquals(2, row.cpu().length);
        assertEquals(64000, row.cpu()[0], 1e-9);
        assertEquals(128000, row.cpu()[1], 1e-9);
        assertEquals(96000, row.cpuMedian(), 1e-9);
    }

    /** A sweep needs three sizes of a forward pass; copy joins it as the reference line but is no sweep alone. */
    @Test
    void sizeSweepGroupsForwardRowsBySize() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<BenchReport.Row> rows = new java.util.ArrayList<>();
        for (int size : new int[] {1024, 4096, 16384}) {
            rows.add(BenchReport.toRow(json.readTree("{\"benchmark\":\"org.actlab.bench.ActivationKernelBench.forward\","
                    + "\"threads\":1,\"params\":{\"activation\":\"relu\",\"kernel\":\"vector\",\"size\":\"" + size + "\"},"
                    + "\"primaryMetric\":{\"scoreUnit\":\"us/op\",\"rawData\":[[1.0]]}}")));
            rows.add(BenchReport.toRow(json.readTree("{\"benchmark\":\"org.actlab.bench.MemoryStreamBench.copy\","
                    + "\"threads\":1,\"params\":{\"size\":\"" + size + "\"},"
                    + "\"primaryMetric\":{\"scoreUnit\":\"us/op\",\"rawData\":[[0.5]]}}")));
        }
        Map<String, java.util.TreeMap<Integer, Double>> relu = SizeSweep.series(rows, "relu");
        assertEquals(List.of("actlab vector", "copy (System.arraycopy)"), List.copyOf(relu.keySet()));
        // 4096 floats in 1 µs: 4.096 Gelem/s.
        assertEquals(4.096, relu.get("actlab vector").get(4096), 1e-12);
        assertEquals(8.192, relu.get("copy (System.arraycopy)").get(4096), 1e-12);
        assertTrue(SizeSweep.series(rows, "sigmoid").isEmpty());
        assertNull(SizeSweep.svg(rows, "sigmoid"));
        String svg = SizeSweep.svg(rows, "relu");
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg") && svg.contains("actlab vector"), svg.substring(0, 200));
    }
}
