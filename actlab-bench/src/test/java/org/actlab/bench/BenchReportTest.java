package org.actlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
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
}
