package org.actlab.kernel;

import java.util.ArrayDeque;

/**
 * The daemon threads that run the extra parts of a multi-threaded matrix multiply. Nothing is
 * created until the first product that is split across threads, so single-threaded use (and the
 * browser build, which always trains on one thread) never starts a thread.
 *
 * <p>Why not an {@code ExecutorService}: the browser build (TeaVM) has no
 * {@code java.util.concurrent} executors, and its compiler rejects any reachable reference to them,
 * used or not (nor has it {@code Thread.onSpinWait}). This is a pool on {@link Thread}, volatile
 * fields and monitors only.
 *
 * <h2>Hand-over without a wake-up per call</h2>
 * A training step splits five products, a few tens to a few hundred microseconds each, with short
 * element-wise work between them. Blocking a worker after each part and waking it for the next
 * (the first design: one queue, {@code wait}/{@code notifyAll}) cost a futex call and, on this
 * virtual machine, an inter-processor interrupt through the hypervisor per hand-over, and on a busy
 * machine a woken worker waited up to a scheduler slice for a core while the caller waited for it;
 * a 2-thread step was slower than a 1-thread one. Now a call takes whole workers from an idle
 * stack (LIFO, so it gets the one that finished last) and hands each its part through a volatile
 * field; a worker <em>spins</em> for up to {@value #SPIN_NANOS} ns for its next part before it
 * blocks, so back-to-back products pass their parts on without a system call, and an idle pool
 * still sleeps. A part is run by whoever claims it first, so a worker that has not started its
 * part when the caller finishes its own costs no wait at all.
 */
final class GemmWorkers {

    /**
     * How long a worker spins for its next part, or a caller for the workers' parts, before
     * blocking: longer than the element-wise work between two products of a training step
     * (activations, bias sums, the optimiser update: tens to a couple of hundred microseconds),
     * short enough that an idle pool stops using a core at once on a human time scale.
     */
    static final long SPIN_NANOS = 250_000;
    /** Spin iterations between two reads of the clock. */
    private static final int SPINS_PER_CLOCK_READ = 64;

    private static GemmWorkers shared;

    private final ArrayDeque<Worker> idle = new ArrayDeque<>();
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
     * all have finished. Several callers may run at once: each takes workers of its own. A part
     * that no worker has started by the time the caller is done with its own runs on the caller:
     * on a busy machine a worker may wait milliseconds for a core, and the call then costs what
     * it costs on one thread instead of waiting for it.
     *
     * @throws IllegalStateException if a part other than {@code work[0]} failed (its exception is
     *                               the cause); a failure of {@code work[0]} is rethrown as it is,
     *                               after the other parts have finished
     */
    void runAll(Runnable[] work) {
        Part[] parts = new Part[work.length - 1];
        Worker[] team = new Worker[parts.length];
        synchronized (this) {
            for (int i = 0; i < team.length; i++) {
                Worker worker = idle.pollLast();
                if (worker == null) {
                    worker = new Worker("actlab-gemm-" + started++);
                    worker.start();
                }
                team[i] = worker;
            }
        }
        for (int i = 0; i < team.length; i++) {
            parts[i] = new Part(work[i + 1]);
            team[i].post(parts[i]);
        }
        RuntimeException ownFailure = null;
        Error ownError = null;
        try {
            work[0].run();
        } catch (RuntimeException e) {
            ownFailure = e;
        } catch (Error e) {
            ownError = e;
        }
        for (Part part : parts) {
            if (part.claim()) {
                part.runAndFinish();
            }
        }
        // Whatever happened here, a worker's part still writes into the caller's arrays: wait for it.
        Throwable failure = null;
        for (Part part : parts) {
            Throwable thrown = part.await();
            if (failure == null) {
                failure = thrown;
            }
        }
        synchronized (this) {
            for (Worker worker : team) {
                idle.addLast(worker);
            }
        }
        if (ownError != null) {
            throw ownError;
        }
        if (ownFailure != null) {
            throw ownFailure;
        }
        if (failure != null) {
            throw new IllegalStateException("matrix multiply failed: " + failure, failure);
        }
    }

    /** The end of a spin: {@code deadline} itself once set, or {@value #SPIN_NANOS} ns from now while it is 0. */
    private static long spinDeadline(long deadline) {
        return deadline == 0 ? System.nanoTime() + SPIN_NANOS : deadline;
    }

    /**
     * One part of a call, run once by whoever claims it first: its worker, or the caller. The
     * runner marks it done, and a caller blocked in {@link #await} is woken; each side says in a
     * volatile flag that it is blocked, and reads the other's flag after its own volatile write,
     * so one of the two always sees the other (no lost wake-up).
     */
    private static final class Part {
        /** Dropped once run, so that a worker's last part keeps no caller's arrays alive. */
        private Runnable work;
        private boolean claimed;
        private volatile boolean done;
        private volatile boolean callerBlocked;
        /** The part's failure; written before {@code done}, read after it. */
        private Throwable failure;

        Part(Runnable work) {
            this.work = work;
        }

        synchronized boolean claim() {
            if (claimed) {
                return false;
            }
            claimed = true;
            return true;
        }

        void runAndFinish() {
            try {
                work.run();
            } catch (Throwable t) {
                failure = t;
            }
            work = null;
            done = true;
            if (callerBlocked) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        /** Waits (spinning first) until the part is done; its failure, or null. */
        Throwable await() {
            long deadline = 0;
            int spins = 0;
            while (!done) {
                if (++spins % SPINS_PER_CLOCK_READ == 0) {
                    deadline = spinDeadline(deadline);
                    if (System.nanoTime() > deadline) {
                        block();
                        break;
                    }
                }
            }
            return failure;
        }

        private synchronized void block() {
            boolean interrupted = false;
            callerBlocked = true;
            try {
                while (!done) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // The part writes into the caller's arrays: it must finish before the
                        // caller returns. Keep the interrupt for the caller's caller.
                        interrupted = true;
                    }
                }
            } finally {
                callerBlocked = false;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One pooled thread: it runs the newest part posted to it, if nobody has claimed it yet, and
     * waits for the next, spinning first, then blocking on its monitor.
     */
    private static final class Worker extends Thread {
        private volatile Part next;
        private volatile boolean blocked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void post(Part part) {
            next = part;
            if (blocked) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        @Override
        public void run() {
            Part last = null;
            while (true) {
                Part part = awaitPart(last);
                last = part;
                if (part.claim()) {
                    part.runAndFinish();
                }
            }
        }

        /** Spins, then blocks, until a part other than {@code last} is posted; returns it. */
        private Part awaitPart(Part last) {
            long deadline = 0;
            int spins = 0;
            Part part;
            while ((part = next) == last) {
                if (++spins % SPINS_PER_CLOCK_READ == 0) {
                    deadline = spinDeadline(deadline);
                    if (System.nanoTime() > deadline) {
                        return blockForPart(last);
                    }
                }
            }
            return part;
        }

        private synchronized Part blockForPart(Part last) {
            blocked = true;
            try {
                Part part;
                while ((part = next) == last) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // A daemon worker has nothing to stop for; keep serving.
                    }
                }
                return part;
            } finally {
                blocked = false;
            }
        }
    }
}
