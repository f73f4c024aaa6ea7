package org.actlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The worker pool of the multi-threaded matrix multiply: every part once, failures, concurrent callers. */
class GemmWorkersTest {

    @Test
    void everyPartRunsExactlyOnceInEveryCall() {
        int calls = 2000;
        int parts = 3;
        AtomicIntegerArray runs = new AtomicIntegerArray(calls * parts);
        for (int call = 0; call < calls; call++) {
            Runnable[] work = new Runnable[parts];
            for (int p = 0; p < parts; p++) {
                int slot = call * parts + p;
                work[p] = () -> runs.incrementAndGet(slot);
            }
            GemmWorkers.shared().runAll(work);
            // runAll returns only when every part has finished, whoever ran it.
            for (int p = 0; p < parts; p++) {
                assertEquals(1, runs.get(call * parts + p), "call " + call + " part " + p);
            }
        }
    }

    @Test
    void aFailingPartIsReportedAfterTheOthersFinish() {
        boolean[] finished = new boolean[1];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GemmWorkers.shared().runAll(new Runnable[] {
            () -> { },
            () -> {
                throw new ArithmeticException("planted");
            },
            () -> finished[0] = true}));
        assertEquals("planted", e.getCause().getMessage());
        assertEquals(true, finished[0]);
        // The caller's own failure comes out as it is.
        ArithmeticException own = new ArithmeticException("caller");
        assertSame(own, assertThrows(ArithmeticException.class, () -> GemmWorkers.shared().runAll(new Runnable[] {
            () -> {
                throw own;
            },
            () -> { }})));
    }

    @Test
    void concurrentCallersGetTheOneThreadBits() throws Exception {
        // 128×256×256: above the split threshold, so each call is cut in two.
        int m = 128;
        int n = 256;
        int k = 256;
        SplittableRandom random = new SplittableRandom(7);
        float[] a = new float[m * k];
        float[] b = new float[n * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextGaussian();
        }
        float[] expected = new float[m * n];
        Gemm.vector().multiply(false, true, m, n, k, a, 0, k, b, 0, k, 0f, expected, 0, n);
        Gemm two = Gemm.vector().withThreads(2);
        List<Thread> callers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread caller = new Thread(() -> {
                float[] c = new float[m * n];
                for (int rep = 0; rep < 30; rep++) {
                    two.multiply(false, true, m, n, k, a, 0, k, b, 0, k, 0f, c, 0, n);
                    assertArrayEquals(expected, c, 0f, "repetition " + rep);
                }
            });
            caller.setUncaughtExceptionHandler((thread, error) -> {
                synchronized (failures) {
                    failures.add(error);
                }
            });
            callers.add(caller);
            caller.start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(List.of(), failures);
    }
}
