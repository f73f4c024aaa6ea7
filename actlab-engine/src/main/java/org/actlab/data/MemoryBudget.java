package org.actlab.data;

import java.util.Locale;

/**
 * Refuses work whose memory would not fit the Java heap, before anything is allocated: an
 * out-of-memory error after minutes of work loses that work, and a size read from a file header or a
 * command line can claim anything. The estimate, the heap size and how to raise it go in the message.
 */
public final class MemoryBudget {

    /** How the user gives the JVM more heap through the launcher. */
    public static final String RAISE_HINT = "ACTLAB_JAVA_OPTS=-Xmx";

    private MemoryBudget() {
    }

    /**
     * Checks that about {@code bytes} more can be allocated.
     *
     * @param what what needs the memory, for the message (for example "a network of 40000,40000 units")
     * @throws IllegalArgumentException when the heap cannot hold it, giving the estimate, the heap size
     *                                  and the option that raises it
     */
    public static void require(long bytes, String what) {
        if (bytes < 0) {
            throw new IllegalArgumentException(what + " is too large to count in bytes");
        }
        Runtime runtime = Runtime.getRuntime();
        if (bytes <= free(runtime)) {
            return;
        }
        // Part of the used heap may be garbage; count only what survives a collection before refusing.
        System.gc();
        long free = free(runtime);
        if (bytes <= free) {
            return;
        }
        long max = runtime.maxMemory();
        long suggestion = roundUpToGigabytes(max - free + bytes + bytes / 4);
        throw new IllegalArgumentException(what + " needs about " + human(bytes) + " of memory, but the Java heap is "
                + human(max) + " with " + human(free) + " free; raise it (for example " + RAISE_HINT + suggestion
                + "g) or ask for less");
    }

    /** Bytes the heap can still grow into: the maximum less what is in use. */
    private static long free(Runtime runtime) {
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    private static long roundUpToGigabytes(long bytes) {
        return Math.max(1, (bytes + (1L << 30) - 1) >> 30);
    }

    /** Bytes as B, KiB, MiB, GiB or TiB with one decimal. */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** {@code a × b × c...} in longs, or −1 when the product overflows (which {@link #require} refuses). */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return p;
    }
}
