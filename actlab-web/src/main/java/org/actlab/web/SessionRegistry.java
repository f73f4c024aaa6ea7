package org.actlab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions, their event streams, and the few threads that train the playing ones.
 *
 * <h2>Bounds</h2>
 * At most {@link Limits#maxSessions()} sessions exist, and at most {@link Limits#maxSessionsPerClient()}
 * per client ({@link ClientIds}). Creating one more evicts a session least recently used by a request
 * (preferring those whose event streams nobody reads) once it has had no request for
 * {@link Limits#evictionGrace()}: at the client's own cap one of its own sessions, else any; open streams
 * do not reserve a session. Otherwise creation fails with {@link Busy} (HTTP 503 with Retry-After). A
 * reaper removes every session that has had neither a request nor a reader taking its events for
 * {@link Limits#idleTimeout()}. Each session has at most {@link #MAX_STREAMS_PER_SESSION} event streams
 * and each client at most {@link Limits#maxStreamsPerClient()} (a new one replaces the oldest), and the
 * server at most {@link Limits#maxStreams()}; each stream has a bounded buffer and its own writer
 * ({@link EventStream}), and slow consumers are dropped. Each session's own memory is bounded by the
 * config limits and {@link TrainingSession#HISTORY_LIMIT}.
 *
 * <h2>Time</h2>
 * Every age (idle, grace, stalled writes) is read from one clock in nanoseconds, {@code System::nanoTime}
 * in the server, so that tests can step it instead of sleeping.
 *
 * <h2>Scheduling</h2>
 * A playing session trains in chunks of whole epochs (at least one, up to about {@link #CHUNK_NANOS})
 * on a shared pool of {@link Limits#workerThreads()} threads, then re-queues itself behind the others,
 * so sessions share the CPU round-robin. At most {@link #MAX_UPDATES_PER_SECOND} updates per
 * session are sent.
 */
final class SessionRegistry implements AutoCloseable {

    /** Thrown when a cap is reached and no session is idle enough to evict. */
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

    /** A session with its owner, its streams and when it was last used by a request and by a reader. */
    private static final class Slot {
        final TrainingSession session;
        final String client;
        final List<EventStream> streams = new CopyOnWriteArrayList<>();
        volatile long lastAccess;
        volatile long lastRead;

        Slot(TrainingSession session, String client, long now) {
            this.session = session;
            this.client = client;
            this.lastAccess = now;
            this.lastRead = now;
        }

        void readAt(long nanos) {
            if (nanos - lastRead > 0) {
                lastRead = nanos;
            }
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
    private final LongSupplier clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Map<String, Boolean> queued = new ConcurrentHashMap<>();
    private final AtomicLong streamsOpened = new AtomicLong();
    private final ScheduledExecutorService workers;
    private final ExecutorService interactive;
    private final ScheduledExecutorService housekeeping;
    /** Writes event streams: one task at a time per stream, so a stalled client holds only its own thread. */
    private final ExecutorService streamWriters;
    private final SecureRandom random = new SecureRandom();

    SessionRegistry(Limits limits, ObjectMapper json) {
        this(limits, json, System::nanoTime);
    }

    /** A registry that reads ages from {@code clock} (nanoseconds, as {@link System#nanoTime()}). */
    SessionRegistry(Limits limits, ObjectMapper json, LongSupplier clock) {
        this.limits = limits;
        this.json = json;
        this.clock = clock;
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

    /**
     * Creates a session for {@code client}: at the client's cap one of its own idle sessions gives way, at the
     * server's cap any idle one.
     *
     * @throws Busy when no session is idle enough to give way
     */
    TrainingSession create(PlaygroundConfig config, String client) {
        // Built before taking the lock: building validates the config against the engine and may fail.
        String id = HexFormat.of().formatHex(bytes(12));
        TrainingSession session = compute(() -> new TrainingSession(id, config, limits));
        synchronized (this) {
            long now = clock.getAsLong();
            int perClient = Math.min(limits.maxSessionsPerClient(), limits.maxSessions());
            List<Slot> own = slots.values().stream().filter(s -> s.client.equals(client)).toList();
            if (own.size() >= perClient) {
                evictOneIdle(own, now, "this client (browser) holds its maximum of " + perClient + " sessions");
            } else if (slots.size() >= limits.maxSessions()) {
                evictOneIdle(slots.values(), now, "the server holds its maximum of " + limits.maxSessions() + " sessions");
            }
            slots.put(id, new Slot(session, client, now));
        }
        return session;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /**
     * Evicts the candidate least recently used by a request, preferring sessions whose streams nobody reads,
     * once it has had no request for the eviction grace: holding streams open does not keep a session (or
     * the server) reserved.
     */
    private void evictOneIdle(Collection<Slot> candidates, long now, String full) {
        long grace = limits.evictionGrace().toNanos();
        Slot oldest = null;
        Slot oldestUnread = null;
        for (Slot s : candidates) {
            if (oldest == null || s.lastAccess - oldest.lastAccess < 0) {
                oldest = s;
            }
            boolean read = now - s.lastRead < grace;
            if (!read && (oldestUnread == null || s.lastAccess - oldestUnread.lastAccess < 0)) {
                oldestUnread = s;
            }
        }
        Slot victim = oldestUnread != null && now - oldestUnread.lastAccess >= grace ? oldestUnread
                : oldest != null && now - oldest.lastAccess >= grace ? oldest : null;
        if (victim == null) {
            long wait = oldest == null ? 1 : TimeUnit.NANOSECONDS.toSeconds(grace - (now - oldest.lastAccess)) + 1;
            throw new Busy(full + ", all used in the last " + limits.evictionGrace().toSeconds() + " s; try again in "
                    + wait + " s", wait);
        }
        LOG.info("evicting session {} (least recently used) to make room", victim.session.id);
        remove(victim.session.id);
    }

    /** The session, marked as used now. */
    TrainingSession get(String id) {
        Slot slot = slots.get(id);
        if (slot == null) {
            throw new NoSuchSession(id);
        }
        slot.lastAccess = clock.getAsLong();
        return slot.session;
    }

    /** True when the session exists; unlike {@link #get}, does not count as use (for tests). */
    boolean contains(String id) {
        return slots.containsKey(id);
    }

    int size() {
        return slots.size();
    }

    /** Event streams of a session that are open (for tests). */
    int openStreams(String id) {
        Slot slot = slots.get(id);
        return slot == null ? 0 : (int) slot.streams.stream().filter(s -> !s.closed()).count();
    }

    /** When an event stream of the session last delivered an event, or Long.MIN_VALUE (for tests). */
    long lastDelivered(String id) {
        Slot slot = slots.get(id);
        return slot == null ? Long.MIN_VALUE
                : slot.streams.stream().mapToLong(EventStream::lastDeliveredNanos).max().orElse(Long.MIN_VALUE);
    }

    /** Removes a session, pausing it and closing its event streams. */
    void remove(String id) {
        Slot slot = slots.remove(id);
        if (slot != null) {
            slot.session.setPlaying(false);
            for (EventStream stream : slot.streams) {
                stream.close();
            }
            slot.streams.clear();
        }
    }

    /**
     * Refuses a new event stream when the server holds its maximum (HTTP 503 with Retry-After), unless the
     * stream will replace one of its session's or its client's own.
     */
    synchronized void admitStream(String id, String client) {
        Slot slot = slots.get(id);
        if (slot == null) {
            throw new NoSuchSession(id);
        }
        int open = 0;
        int clients = 0;
        for (Slot s : slots.values()) {
            for (EventStream stream : s.streams) {
                if (!stream.closed()) {
                    open++;
                    clients += stream.client.equals(client) ? 1 : 0;
                }
            }
        }
        boolean replaces = openStreams(id) >= MAX_STREAMS_PER_SESSION || clients >= limits.maxStreamsPerClient();
        if (open >= limits.maxStreams() && !replaces) {
            throw new Busy("the server holds its maximum of " + limits.maxStreams() + " event streams; try again in 5 s", 5);
        }
    }

    /**
     * Attaches an event stream of {@code client} and sends it the full state; the session's and the client's
     * oldest streams give way past their caps.
     */
    void attach(TrainingSession session, SseClient client, String owner) {
        Slot slot = slots.get(session.id);
        if (slot == null) {
            client.close();
            return;
        }
        EventStream stream = new EventStream(client, streamWriters, owner, streamsOpened.incrementAndGet(), clock);
        List<EventStream> replaced = new ArrayList<>();
        synchronized (this) {
            slot.streams.add(stream);
            while (slot.streams.size() > MAX_STREAMS_PER_SESSION) {
                replaced.add(slot.streams.remove(0));
            }
            List<EventStream> own = new ArrayList<>();
            for (Slot s : slots.values()) {
                for (EventStream e : s.streams) {
                    if (e.client.equals(owner) && !e.closed()) {
                        own.add(e);
                    }
                }
            }
            own.sort(java.util.Comparator.comparingLong(e -> e.order));
            for (int i = 0; i < own.size() - limits.maxStreamsPerClient(); i++) {
                EventStream oldest = own.get(i);
                for (Slot s : slots.values()) {
                    s.streams.remove(oldest);
                }
                replaced.add(oldest);
            }
        }
        for (EventStream old : replaced) {
            old.close();
        }
        client.onClose(() -> {
            slot.streams.remove(stream);
            stream.close();
        });
        slot.readAt(clock.getAsLong());
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
        Slot slot = slots.get(session.id);
        if (!session.playing() || slot == null || slot.session != session) {
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
        Slot slot = slots.get(session.id);
        List<EventStream> clients = slot == null ? List.of() : slot.streams;
        if (clients.isEmpty()) {
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

    /**
     * Drops closed and stalled streams, pings the others, and removes the sessions that have had neither a
     * request nor a reader taking their events for the idle timeout. Runs on a timer; tests call it after
     * stepping the clock.
     */
    synchronized void housekeeping() {
        try {
            long now = clock.getAsLong();
            // Streams: drop the closed and the stalled; a stream that takes its events counts as reading its session.
            for (Slot slot : slots.values()) {
                for (EventStream client : slot.streams) {
                    if (client.closed() || client.stalled(now)) {
                        client.close();
                        slot.streams.remove(client);
                    } else {
                        slot.readAt(client.lastDeliveredNanos());
                        client.comment("ping");
                    }
                }
            }
            List<String> expired = new ArrayList<>();
            for (Slot s : slots.values()) {
                long used = Math.max(s.lastAccess, s.lastRead);
                if (now - used > limits.idleTimeout().toNanos()) {
                    expired.add(s.session.id);
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
        for (String id : List.copyOf(slots.keySet())) {
            remove(id);
        }
    }
}
