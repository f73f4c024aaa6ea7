package org.actlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The helper threads behind {@link LocalPool}: a task goes to an idle helper (spinning or parked) or
 * to a new one, a helper is idle again after its task, and a helper ends after its keep-alive. Each
 * test uses helpers of its own, not the shared ones.
 */
class HelperThreadsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /**
     * Starts a task that records its thread, and waits until it ran and {@code idleAfter} helpers
     * are idle (the one that ran it among them).
     */
    private static Thread runOne(HelperThreads helpers, int idleAfter) throws InterruptedException {
        Thread ranOn = ranOn(helpers);
        long deadline = System.nanoTime() + 30 * SECOND;
        while (helpers.idle() != idleAfter && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(idleAfter, helpers.idle(), "idle helpers after the task");
        return ranOn;
    }

    /** Waits (at most 30 s) until {@code t} is in {@code state}. */
    private static void awaitState(Thread t, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + 30 * SECOND;
        while (t.getState() != state && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(state, t.getState(), t.getName());
    }

    @Test
    void aSpinningHelperTakesTheNextTask() throws Exception {
        HelperThreads helpers = new HelperThreads(2 * SECOND, 60 * SECOND, 1);
        Thread first = runOne(helpers, 1);
        assertTrue(first.isDaemon(), "a helper must not keep the JVM alive");
        // Spinning, not parked: a parked thread would be TIMED_WAITING.
        Thread.sleep(20);
        assertEquals(Thread.State.RUNNABLE, first.getState());
        for (int i = 0; i < 5; i++) {
            assertSame(first, runOne(helpers, 1), "task " + i + " on the one idle helper");
        }
    }

    @Test
    void aParkedHelperIsWokenForTheNextTask() throws Exception {
        // No spinning (hot 0, and separately no hot helpers allowed): the helper parks at once.
        for (HelperThreads helpers : new HelperThreads[] {new HelperThreads(0, 60 * SECOND, 1),
                new HelperThreads(60 * SECOND, 60 * SECOND, 0)}) {
            Thread first = runOne(helpers, 1);
            awaitState(first, Thread.State.TIMED_WAITING);
            assertSame(first, runOne(helpers, 1), "the parked helper ran the second task");
        }
    }

    @Test
    void busyHelpersMeanANewHelper() throws Exception {
        HelperThreads helpers = new HelperThreads(0, 60 * SECOND, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Thread> blocked = new AtomicReference<>();
        helpers.start(() -> {
            blocked.set(Thread.currentThread());
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertEquals(0, helpers.idle());
        Thread second = runOne(helpers, 1);
        assertNotSame(blocked.get(), second, "the busy helper cannot take a second task");
        release.countDown();
        long deadline = System.nanoTime() + 30 * SECOND;
        while (helpers.idle() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(2, helpers.idle());
    }

    @Test
    void aHelperEndsAfterItsKeepAliveAndTheNextTaskGetsANewOne() throws Exception {
        HelperThreads helpers = new HelperThreads(0, TimeUnit.MILLISECONDS.toNanos(50), 1);
        Thread first = ranOn(helpers);
        first.join(30_000);
        assertFalse(first.isAlive(), "the helper ended after its keep-alive");
        assertEquals(0, helpers.idle(), "an ended helper is not idle");
        Thread second = ranOn(helpers);
        assertNotSame(first, second);
    }

    /** Starts a task and returns the thread it ran on. */
    private static Thread ranOn(HelperThreads helpers) throws InterruptedException {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        helpers.start(() -> {
            ranOn.set(Thread.currentThread());
            ran.countDown();
        });
        assertTrue(ran.await(30, TimeUnit.SECONDS), "the task ran");
        return ranOn.get();
    }

    @Test
    void parametersAndTheHotSpinPropertyAreChecked() {
        assertEquals(TimeUnit.MILLISECONDS.toNanos(5), HelperThreads.hotNanos(null));
        assertEquals(0, HelperThreads.hotNanos("0"));
        assertEquals(250_000, HelperThreads.hotNanos(" 250 "));
        for (String bad : new String[] {"-1", "abc", "1e3", "", "10000001"}) {
            assertEquals("actlab.pool.hotMicros must be a whole number of microseconds in 0..10000000, got '" + bad + "'",
                    assertThrows(IllegalArgumentException.class, () -> HelperThreads.hotNanos(bad)).getMessage());
        }
        assertEquals("hot spin must be 0 ns or more, got -1",
                assertThrows(IllegalArgumentException.class, () -> new HelperThreads(-1, SECOND, 1)).getMessage());
        assertEquals("keep-alive must be 1 ns or more, got 0",
                assertThrows(IllegalArgumentException.class, () -> new HelperThreads(0, 0, 1)).getMessage());
    }
}
