package org.actlab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions, their event streams, and the few threads that train the playing ones.
 *
 * <h2>Bounds</h2>
 * At most {@link Limits#maxSessions()} sessions exist. Creating one more evicts the session least
 * recently used by a request (preferring those whose event streams nobody reads) once it has had no
 * request for {@link Limits#evictionGrace()}; open streams do not reserve a session. Otherwise creation
 * fails with {@link Busy} (HTTP 503 with Retry-After). A reaper removes every session that has had
 * neither a request nor a reader taking its events for {@link Limits#idleTimeout()}. Each session has
 * at most {@link #MAX_STREAMS_PER_SESSION} event streams (a new one replaces the oldest) and the server
 * at most two per session; each stream has a bounded buffer and its own writer ({@link EventStream}),
 * and slow consumers are dropped. Each session's own memory is bounded by the config limits and
 * {@link TrainingSession#HISTORY_LIMIT}.
 *
 * <h2>Scheduling</h2>
 * A playing session trains in chunks of whole epochs (at least one, up to about {@link #CHUNK_NANOS})
 * on a shared pool of {@link Limits#workerThreads()} threads, then re-queues itself behind the others,
 * so sessions share the CPU round-robin. At most {@link #MAX_UPDATES_PER_SECOND} updates per
 * session are sent.
 */
final class SessionRegistry implements AutoCloseable {

    /** Thrown when the cap is reached and no session is idle enough to evict. */
    static final class Busy extends RuntimeException {
        final long retryAfterSeconds;

        Busy(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        }
    }

    /** Thrown for an id that names no session (never made, expired or evicted). */
    static final class NoSuchSession extends RuntimeException {
        NoSuchSession(String id) {
            super("no session '" + PlaygroundConfig.shorten(id) + "' (it may have expired); create a new one");
        }
    }

    static final long CHUNK_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    static final int MAX_UPDATES_PER_SECOND = 20;
    static final int MAX_EPOCHS_PER_CHUNK = 50;
    /** Event streams one session may have; a further one replaces the oldest (a reloaded page). */
    static final int MAX_STREAMS_PER_SESSION = 4;

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final Limits limits;
    private final ObjectMapper json;
    private final Map<String, TrainingSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, List<EventStream>> streams = new ConcurrentHashMap<>();
    private final Map<String, Boolean> queued = new ConcurrentHashMap<>();
    private final ScheduledExecutorService workers;
    private final ExecutorService interactive;
    private final ScheduledExecutorService housekeeping;
    /** Writes event streams: one task at a time per stream, so a stalled client holds only its own thread. */
    private final ExecutorService streamWriters;
    private final SecureRandom random = new SecureRandom();

    SessionRegistry(Limits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
        this.workers = Executors.newScheduledThreadPool(limits.workerThreads(), daemon("actlab-train"));
        // Requests get threads of their own so that they never queue behind fifty playing sessions.
        this.interactive = Executors.newFixedThreadPool(limits.workerThreads(), daemon("actlab-request"));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("actlab-reaper"));
        this.streamWriters = Executors.newCachedThreadPool(daemon("actlab-sse"));
        long period = Math.max(100, Math.min(limits.idleTimeout().toMillis() / 4, 15_000));
        housekeeping.scheduleWithFixedDelay(this::housekeeping, period, period, TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Runs a request's network work on a small pool of its own and waits for it. The engine keeps
     * per-thread matrix buffers for the life of a thread; running every evaluation on these few threads,
     * rather than on request and event-stream threads, keeps that memory bounded by 2 × {@link Limits#workerThreads()}.
     */
    <T> T compute(Callable<T> work) {
        Future<T> future = interactive.submit(work);
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the training threads", e);
        }
    }

    /** Creates a session, evicting the least recently used idle one at the cap. */
    TrainingSession create(PlaygroundConfig config) {
        // Built before taking the lock: building validates the config against the engine and may fail.
        String id = HexFormat.of().formatHex(bytes(12));
        TrainingSession session = compute(() -> new TrainingSession(id, config, limits));
        synchronized (this) {
            if (sessions.size() >= limits.maxSessions()) {
                evictOneIdle();
            }
            sessions.put(id, session);
        }
        return session;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /**
     * Evicts the session least recently used by a request, preferring sessions whose streams nobody reads:
     * holding streams open does not keep a session (or the server) reserved.
     */
    private void evictOneIdle() {
        long now = System.nanoTime();
        long grace = limits.evictionGrace().toNanos();
        TrainingSession oldest = null;
        TrainingSession oldestUnread = null;
        for (TrainingSession s : sessions.values()) {
            if (oldest == null || s.lastAccessNanos() < oldest.lastAccessNanos()) {
                oldest = s;
            }
            boolean read = now - s.lastReadNanos() < grace;
            if (!read && (oldestUnread == null || s.lastAccessNanos() < oldestUnread.lastAccessNanos())) {
                oldestUnread = s;
            }
        }
        TrainingSession victim = oldestUnread != null && now - oldestUnread.lastAccessNanos() >= grace ? oldestUnread
                : oldest != null && now - oldest.lastAccessNanos() >= grace ? oldest : null;
        if (victim == null) {
            long wait = oldest == null ? 1 : TimeUnit.NANOSECONDS.toSeconds(grace - (now - oldest.lastAccessNanos())) + 1;
            throw new Busy("the server holds its maximum of " + limits.maxSessions()
                    + " sessions, all used in the last " + limits.evictionGrace().toSeconds() + " s; try again in "
                    + wait + " s", wait);
        }
        LOG.info("evicting session {} (least recently used) to make room", victim.id);
        remove(victim.id);
    }

    /** The session, marked as used now. */
    TrainingSession get(String id) {
        TrainingSession session = sessions.get(id);
        if (session == null) {
            throw new NoSuchSession(id);
        }
        session.touch();
        return session;
    }

    int size() {
        return sessions.size();
    }

    /** Removes a session, pausing it and closing its event streams. */
    void remove(String id) {
        TrainingSession session = sessions.remove(id);
        if (session != null) {
            session.setPlaying(false);
        }
        List<EventStream> clients = streams.remove(id);
        if (clients != null) {
            for (EventStream client : clients) {
                client.close();
            }
        }
    }

    /** The most event streams open at once: two per session. */
    int maxStreams() {
        return 2 * limits.maxSessions();
    }

    /** Refuses a new event stream when the server holds its maximum (HTTP 503 with Retry-After). */
    void requireStreamCapacity() {
        int open = 0;
        for (List<EventStream> clients : streams.values()) {
            open += clients.size();
        }
        if (open >= maxStreams()) {
            throw new Busy("the server holds its maximum of " + maxStreams() + " event streams; try again in 5 s", 5);
        }
    }

    /** Attaches an event stream and sends it the full state; a session's oldest stream gives way past the limit. */
    void attach(TrainingSession session, SseClient client) {
        EventStream stream = new EventStream(client, streamWriters);
        List<EventStream> clients = streams.computeIfAbsent(session.id, k -> new CopyOnWriteArrayList<>());
        clients.add(stream);
        while (clients.size() > MAX_STREAMS_PER_SESSION) {
            EventStream oldest = clients.remove(0);
            oldest.close();
        }
        client.onClose(() -> {
            List<EventStream> open = streams.get(session.id);
            if (open != null) {
                open.remove(stream);
            }
            stream.close();
        });
        session.read();
        try {
            stream.send("state", json.writeValueAsString(compute(session::state)));
        } catch (Exception e) {
            LOG.error("cannot write state event", e);
        }
    }

    /** Starts the background player of a session. */
    void play(TrainingSession session) {
        if (session.diverged()) {
            throw new IllegalStateException("training diverged; reset to start again");
        }
        session.setPlaying(true);
        // Sent before the player starts, so that no stream sees this picture after a newer one.
        broadcast(session, "update", compute(session::update));
        if (queued.putIfAbsent(session.id, Boolean.TRUE) == null) {
            workers.execute(() -> chunk(session));
        }
    }

    void pause(TrainingSession session) {
        session.setPlaying(false);
        broadcast(session, "update", compute(session::update));
    }

    private void chunk(TrainingSession session) {
        if (!session.playing() || sessions.get(session.id) != session) {
            queued.remove(session.id);
            return;
        }
        long start = System.nanoTime();
        try {
            Payloads.Update update = session.playEpochs(MAX_EPOCHS_PER_CHUNK, CHUNK_NANOS);
            if (update != null) {
                broadcast(session, "update", update);
            }
        } catch (RuntimeException e) {
            LOG.error("session {}: training failed", session.id, e);
            session.setPlaying(false);
            broadcast(session, "failure", new Payloads.ErrorBody("training failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + PlaygroundConfig.shorten(e.getMessage()))));
        }
        if (!session.playing()) {
            queued.remove(session.id);
            // A play that arrived between the check above and the removal must not be lost.
            if (session.playing() && queued.putIfAbsent(session.id, Boolean.TRUE) == null) {
                workers.execute(() -> chunk(session));
            }
            return;
        }
        long spent = System.nanoTime() - start;
        long delay = Math.max(0, TimeUnit.SECONDS.toNanos(1) / MAX_UPDATES_PER_SECOND - spent);
        workers.schedule(() -> chunk(session), delay, TimeUnit.NANOSECONDS);
    }

    /** Sends an event to every stream of the session. */
    void broadcast(TrainingSession session, String event, Object payload) {
        List<EventStream> clients = streams.get(session.id);
        if (clients == null || clients.isEmpty()) {
            return;
        }
        String text;
        try {
            text = json.writeValueAsString(payload);
        } catch (Exception e) {
            LOG.error("session {}: cannot write {} event", session.id, event, e);
            return;
        }
        for (EventStream client : clients) {
            if (client.closed()) {
                clients.remove(client);
            } else {
                client.send(event, text);
            }
        }
    }

    private void housekeeping() {
        try {
            long now = System.nanoTime();
            // Streams: drop the closed and the stalled; a stream that takes its events counts as reading its session.
            for (Map.Entry<String, List<EventStream>> entry : streams.entrySet()) {
                TrainingSession session = sessions.get(entry.getKey());
                for (EventStream client : entry.getValue()) {
                    if (client.closed() || client.stalled(now)) {
                        client.close();
                        entry.getValue().remove(client);
                    } else {
                        if (session != null) {
                            session.readAt(client.lastDeliveredNanos());
                        }
                        client.comment("ping");
                    }
                }
            }
            List<String> expired = new ArrayList<>();
            for (TrainingSession s : sessions.values()) {
                long used = Math.max(s.lastAccessNanos(), s.lastReadNanos());
                if (now - used > limits.idleTimeout().toNanos()) {
                    expired.add(s.id);
                }
            }
            for (String id : expired) {
                LOG.info("session {} expired after {} without requests or a reader", id, limits.idleTimeout());
                remove(id);
            }
        } catch (RuntimeException e) {
            LOG.error("housekeeping failed", e);
        }
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        streamWriters.shutdownNow();
        workers.shutdownNow();
        interactive.shutdownNow();
        for (String id : List.copyOf(sessions.keySet())) {
            remove(id);
        }
    }
}
