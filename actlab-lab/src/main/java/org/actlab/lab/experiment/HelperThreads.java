package org.actlab.lab.experiment;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads that every {@link LocalPool} of the process shares. A helper runs one task at a
 * time; between tasks it waits in three stages:
 * <ol>
 *   <li><b>hot</b>: it spins for a while (5 ms by default), so a task handed to it then starts within
 *       a microsecond and costs the caller one volatile write;</li>
 *   <li><b>parked</b>: then it sleeps, and a task handed to it costs the caller a wake-up;</li>
 *   <li>after {@value #KEEP_ALIVE_SECONDS} s without a task it ends.</li>
 * </ol>
 *
 * <p>Why spin: on the 2-core virtual machine the sweep bench runs on, waking a thread whose core had
 * been idle for 0.2 ms or more took the waking thread 31–32 µs (median) inside
 * {@code LockSupport.unpark}, and the woken thread ran 71–81 µs after the call (most likely the
 * hypervisor's interrupt to a halted virtual CPU); after 20 µs of idleness, 8 and 13 µs. A sweep of
 * 100 tiny trials is 1.6 ms of work, so that wake-up at its start cost it about 7% of its two-thread
 * time (docs/SWEEPS.md, "A parked helper's wake-up"). OpenMP runtimes keep their threads spinning after a parallel region for
 * the same reason ({@code KMP_BLOCKTIME}, {@code GOMP_SPINCOUNT}), and actlab's matrix-multiply
 * workers ({@code org.actlab.kernel.GemmWorkers}) do it between the products of a training step.
 *
 * <p>What it costs: at most the hot spin of a core after each task, and never more hot helpers
 * than the cores less one (the caller's), so spinning never takes a core the caller's own work
 * needs. On a machine shared with other work, set the system property {@value #HOT_PROPERTY}
 * (microseconds; 0 turns spinning off).
 */
final class HelperThreads {

    /** How long an idle helper waits for a task, parked, before it ends. */
    static final int KEEP_ALIVE_SECONDS = 60;
    /** The system property that sets the shared helpers' hot spin, in microseconds. */
    static final String HOT_PROPERTY = "actlab.pool.hotMicros";
    /**
     * The shared helpers' hot spin: 5 ms unless {@value #HOT_PROPERTY} says otherwise. A couple of
     * scheduler slices, longer than the serial work between two sweeps of a process that runs sweeps
     * in a row (the experiments, the replications, the sweep bench's rounds), and under 1% of a core
     * for any sweep that lasts half a second or more. At most the cores less one (the caller's) spin.
     */
    private static final HelperThreads SHARED = new HelperThreads(hotNanos(System.getProperty(HOT_PROPERTY)),
            TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS), Runtime.getRuntime().availableProcessors() - 1);
    /** Spin iterations between two reads of the clock. */
    private static final int SPINS_PER_CLOCK_READ = 64;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final long hotNanos;
    private final long keepAliveNanos;
    private final int maxHot;
    /** Idle helpers, the most recently idle first (the one most likely still spinning). */
    private final ConcurrentLinkedDeque<Helper> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger hot = new AtomicInteger();

    /**
     * @param hotNanos       how long an idle helper spins for its next task before it parks, 0 or more
     * @param keepAliveNanos how long a parked helper waits for a task before it ends, 1 or more
     * @param maxHot         at most this many helpers spin at once (0 or less: none)
     */
    HelperThreads(long hotNanos, long keepAliveNanos, int maxHot) {
        if (hotNanos < 0) {
            throw new IllegalArgumentException("hot spin must be 0 ns or more, got " + hotNanos);
        }
        if (keepAliveNanos < 1) {
            throw new IllegalArgumentException("keep-alive must be 1 ns or more, got " + keepAliveNanos);
        }
        this.hotNanos = hotNanos;
        this.keepAliveNanos = keepAliveNanos;
        this.maxHot = Math.max(0, maxHot);
    }

    /** The helpers every pool of the process shares. */
    static HelperThreads shared() {
        return SHARED;
    }

    /** The hot spin in nanoseconds from the property's value (microseconds); 5 ms when it is absent. */
    static long hotNanos(String micros) {
        if (micros == null) {
            return TimeUnit.MILLISECONDS.toNanos(5);
        }
        try {
            long value = Long.parseLong(micros.strip());
            if (value >= 0 && value <= 10_000_000) {
                return TimeUnit.MICROSECONDS.toNanos(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(HOT_PROPERTY + " must be a whole number of microseconds in 0..10000000, got '" + micros + "'");
    }

    /**
     * Runs {@code task} on an idle helper (the most recently idle one), or on a new helper if none is
     * idle. Returns at once.
     */
    void start(Runnable task) {
        Helper helper = idle.pollFirst();
        if (helper != null) {
            helper.hand(task);
        } else {
            new Helper(task).thread.start();
        }
    }

    /** Helpers idle now. */
    int idle() {
        return idle.size();
    }

    private final class Helper {
        final Thread thread;
        /** The task handed over and not yet taken; set by one caller, taken (cleared) by the helper. */
        private volatile Runnable handed;
        /**
         * Set before the helper parks and read by a caller after its hand-over: each side writes its
         * volatile field and then reads the other's, so one of the two sees the other (no lost wake-up).
         */
        private volatile boolean parked;

        Helper(Runnable first) {
            handed = first;
            thread = new Thread(this::serve, "actlab-trial-" + NAMES.incrementAndGet());
            thread.setDaemon(true);
        }

        void hand(Runnable task) {
            handed = task;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        private void serve() {
            Runnable task = handed;
            while (task != null) {
                handed = null;
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
                }
                idle.addFirst(this);
                task = null; // keep nothing of the last call alive while waiting for the next
                task = next();
            }
        }

        /** Waits for the next task (hot, then parked); null once the keep-alive is over and the helper ends. */
        private Runnable next() {
            Runnable task = null;
            if (hot.incrementAndGet() <= maxHot) {
                long deadline = System.nanoTime() + hotNanos;
                int spins = 0;
                while ((task = handed) == null) {
                    if (++spins % SPINS_PER_CLOCK_READ == 0 && System.nanoTime() - deadline > 0) {
                        break;
                    }
                    Thread.onSpinWait();
                }
            }
            hot.decrementAndGet();
            if (task != null) {
                return task;
            }
            parked = true;
            long deadline = System.nanoTime() + keepAliveNanos;
            while ((task = handed) == null) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    LockSupport.parkNanos(this, left);
                } else if (idle.remove(this)) {
                    return null; // out of the idle list: nobody can hand it a task now
                } else {
                    LockSupport.park(this); // a caller took it from the list: its task is coming
                }
            }
            parked = false;
            return task;
        }
    }
}
