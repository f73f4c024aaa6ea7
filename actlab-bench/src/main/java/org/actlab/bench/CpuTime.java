package org.actlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH auxiliary counter of the benchmark thread's CPU time, beside JMH's wall-clock score. On a
 * machine shared with other builds a thread waits for a core, and wall time counts that wait;
 * CPU time ({@code CLOCK_THREAD_CPUTIME_ID}) does not, so {@code cpuNanos / calls} is the steadier
 * per-operation cost when the load average exceeds the core count (caches and memory bandwidth are
 * still shared). Take it as a parameter of a {@code @Benchmark} method and wrap the timed work in
 * {@link #start()} and {@link #stop(long)}; the report divides the two counters per iteration.
 * Each read costs about a microsecond, negligible against the milliseconds of a 1M-float kernel.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds spent in the timed work during this iteration. */
    public long cpuNanos;
    /** Timed calls during this iteration. */
    public long calls;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        calls = 0;
    }

    /** The thread's CPU time now, to pass to {@link #stop(long)}. */
    public long start() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Adds the CPU time since {@code started} and counts one call. */
    public void stop(long started) {
        stop(started, 1);
    }

    /** Adds the CPU time since {@code started}, spent on {@code timedCalls} calls. */
    public void stop(long started, int timedCalls) {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - started;
        calls += timedCalls;
    }
}
