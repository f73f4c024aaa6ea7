package org.actlab.kernel;

import java.util.ArrayDeque;

/**
 * The daemon threads that run the extra parts of a multi-threaded matrix multiply. Nothing is
 * created until the first product that is split across threads, so single-threaded use (and the
 * browser build, which always trains on one thread) never starts a thread.
 *
 * <p>Why not an {@code ExecutorService}: the browser build (TeaVM) has no
 * {@code java.util.concurrent} executors, and its compiler rejects any reachable reference to them,
 * used or not. This is a cached pool in its plainest form, on {@link Thread} and monitors only:
 * idle workers wait for tasks, a new worker starts when more tasks are queued than workers are
 * idle, and workers never exit (they are daemons).
 */
final class GemmWorkers {

    private static GemmWorkers shared;

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private int idle;
    private int started;

    private GemmWorkers() {
    }

    /** The process-wide workers, created on first use. */
    static synchronized GemmWorkers shared() {
        if (shared == null) {
            shared = new GemmWorkers();
        }
        return shared;
    }

    /**
     * Runs {@code work[1..]} on workers and {@code work[0]} on the calling thread, and returns when
     * all have finished.
     *
     * @throws IllegalStateException if a part failed (its exception is the cause), or if the
     *                               caller was interrupted while waiting (the interrupt flag is kept)
     */
    void runAll(Runnable[] work) {
        Batch batch = new Batch(work.length - 1);
        synchronized (this) {
            for (int i = 1; i < work.length; i++) {
                Runnable part = work[i];
                queue.add(() -> batch.run(part));
            }
            while (queue.size() > idle) {
                Thread thread = new Thread(this::serve, "actlab-gemm-" + started++);
                thread.setDaemon(true);
                thread.start();
                idle++; // counted idle until it takes its first task
            }
            notifyAll();
        }
        work[0].run();
        batch.await();
    }

    private void serve() {
        while (true) {
            Runnable task;
            synchronized (this) {
                while (queue.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // A daemon worker has nothing to stop for; keep serving.
                    }
                }
                task = queue.poll();
                idle--;
            }
            task.run();
            synchronized (this) {
                idle++;
            }
        }
    }

    /** Counts the parts of one call down to zero and keeps the first failure. */
    private static final class Batch {
        private int remaining;
        private Throwable failure;

        Batch(int parts) {
            this.remaining = parts;
        }

        void run(Runnable part) {
            Throwable thrown = null;
            try {
                part.run();
            } catch (Throwable t) {
                thrown = t;
            }
            synchronized (this) {
                if (thrown != null && failure == null) {
                    failure = thrown;
                }
                if (--remaining == 0) {
                    notifyAll();
                }
            }
        }

        synchronized void await() {
            while (remaining > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted during a matrix multiply", e);
                }
            }
            if (failure != null) {
                throw new IllegalStateException("matrix multiply failed: " + failure, failure);
            }
        }
    }
}
