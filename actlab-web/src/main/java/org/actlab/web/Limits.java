package org.actlab.web;

import java.time.Duration;
import java.util.Objects;

/**
 * The server's caps, which bound CPU and memory however many clients call it.
 *
 * @param maxSessions     sessions held at once; at the cap the least recently used one idle for at least
 *                        {@code evictionGrace} is evicted, else creation is refused with HTTP 503
 * @param idleTimeout     a session with no request and no open event stream for this long is removed
 * @param evictionGrace   how long a session must have been idle before a new one may evict it
 * @param maxLayers       hidden layers per network
 * @param maxUnits        units per hidden layer
 * @param maxSamples      generated or uploaded rows per data set
 * @param maxUploadBytes  characters of an uploaded CSV
 * @param maxGrid         cells per side of the decision-boundary heatmap
 * @param workerThreads   threads that train playing sessions, shared round-robin by all sessions
 * @param maxSessionsPerClient sessions one client (one browser, by its client-id cookie) may hold; at this
 *                        cap its own least recently used session idle for {@code evictionGrace} gives way,
 *                        else creation is refused with HTTP 503, and other clients' sessions are never taken
 * @param maxStreamsPerClient  event streams one client may hold; a further one replaces its oldest
 */
public record Limits(int maxSessions, Duration idleTimeout, Duration evictionGrace, int maxLayers, int maxUnits,
                     int maxSamples, int maxUploadBytes, int maxGrid, int workerThreads, int maxSessionsPerClient,
                     int maxStreamsPerClient) {

    public Limits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(evictionGrace, "evictionGrace");
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be >= 1, got " + maxSessions);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be > 0, got " + idleTimeout);
        }
        if (evictionGrace.isNegative()) {
            throw new IllegalArgumentException("evictionGrace must be >= 0, got " + evictionGrace);
        }
        if (maxLayers < 0 || maxUnits < 1 || maxSamples < 10 || maxUploadBytes < 1 || maxGrid < 10 || workerThreads < 1) {
            throw new IllegalArgumentException("bad limits: maxLayers=" + maxLayers + ", maxUnits=" + maxUnits
                    + ", maxSamples=" + maxSamples + ", maxUploadBytes=" + maxUploadBytes + ", maxGrid=" + maxGrid
                    + ", workerThreads=" + workerThreads);
        }
        if (maxSessionsPerClient < 1 || maxStreamsPerClient < 1) {
            throw new IllegalArgumentException("per-client caps must be >= 1, got maxSessionsPerClient="
                    + maxSessionsPerClient + ", maxStreamsPerClient=" + maxStreamsPerClient);
        }
    }

    /**
     * The defaults: 64 sessions, 10 min idle timeout, 30 s eviction grace, 8 layers of at most 16 units,
     * 2,000 rows, 256 KiB of CSV, a 100 × 100 grid, one training thread per core (at most 4), and per client
     * 16 sessions and 32 event streams (a quarter of the server's, so that one browser cannot fill it).
     */
    public static Limits defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Limits(64, Duration.ofMinutes(10), Duration.ofSeconds(30), 8, 16, 2000, 256 * 1024, 100,
                Math.max(1, Math.min(4, cores)), 16, 32);
    }

    /** These limits with another session cap, timeout and grace (for tests and the CLI). */
    public Limits withSessions(int sessions, Duration idle, Duration grace) {
        return new Limits(sessions, idle, grace, maxLayers, maxUnits, maxSamples, maxUploadBytes, maxGrid, workerThreads,
                maxSessionsPerClient, maxStreamsPerClient);
    }

    /** These limits with other per-client caps (for tests). */
    public Limits withClientCaps(int sessionsPerClient, int streamsPerClient) {
        return new Limits(maxSessions, idleTimeout, evictionGrace, maxLayers, maxUnits, maxSamples, maxUploadBytes, maxGrid,
                workerThreads, sessionsPerClient, streamsPerClient);
    }

    /** The most event streams open at once: two per session. */
    public int maxStreams() {
        return 2 * maxSessions;
    }
}
