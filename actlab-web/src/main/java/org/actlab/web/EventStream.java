package org.actlab.web;

import io.javalin.http.sse.SseClient;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * One browser's event stream with a bounded buffer of its own. Senders only enqueue; the bytes are
 * written by a task of the streams' own pool, one at a time per stream, so a client that stops
 * reading blocks at most its own writer and never a training or request thread. A client whose
 * buffer overflows ({@value #MAX_QUEUED_BYTES} bytes waiting), or whose write has stalled for
 * {@link #STALL_NANOS}, is a slow consumer and is dropped.
 */
final class EventStream {

    /** Bytes that may wait for one client before it is dropped (a few full updates). */
    static final int MAX_QUEUED_BYTES = 2 * 1024 * 1024;
    /** How long one write may block before the client counts as gone. */
    static final long STALL_NANOS = 10_000_000_000L;

    private record Event(String name, String data, boolean comment) {
        int size() {
            return name.length() + data.length() + 16;
        }
    }

    final SseClient sse;
    /** The client (browser) that opened it, for the per-client cap. */
    final String client;
    /** Opening order across the server: the lowest of a client's streams is its oldest. */
    final long order;
    private final ExecutorService writers;
    private final LongSupplier clock;
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean closed;
    private volatile long writeStartedNanos;
    private volatile long lastDeliveredNanos;

    EventStream(SseClient sse, ExecutorService writers, String client, long order, LongSupplier clock) {
        this.sse = sse;
        this.client = client;
        this.order = order;
        this.writers = writers;
        this.clock = clock;
        this.lastDeliveredNanos = clock.getAsLong();
    }

    /** Queues an event; drops the client instead when its buffer is full. Never blocks. */
    void send(String event, String data) {
        offer(new Event(event, data, false));
    }

    /** Queues a comment line (a keep-alive). */
    void comment(String text) {
        offer(new Event("", text, true));
    }

    private void offer(Event event) {
        boolean start = false;
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queuedBytes + event.size() > MAX_QUEUED_BYTES) {
                overflow = true;
            } else {
                queue.add(event);
                queuedBytes += event.size();
                if (!writing) {
                    writing = true;
                    start = true;
                }
            }
        }
        if (overflow) {
            close(); // a slow consumer: its buffer is full
        } else if (start) {
            try {
                writers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                close();
            }
        }
    }

    private void drain() {
        while (true) {
            Event event;
            synchronized (this) {
                event = queue.poll();
                if (event == null || closed) {
                    writing = false;
                    return;
                }
                queuedBytes -= event.size();
            }
            writeStartedNanos = clock.getAsLong();
            try {
                if (event.comment()) {
                    sse.sendComment(event.data());
                } else {
                    sse.sendEvent(event.name(), event.data());
                }
            } catch (RuntimeException e) {
                close();
            } finally {
                writeStartedNanos = 0;
            }
            if (sse.terminated()) {
                close();
            } else {
                lastDeliveredNanos = clock.getAsLong();
            }
        }
    }

    /** True when a write has been blocked for longer than {@link #STALL_NANOS}. */
    boolean stalled(long now) {
        long started = writeStartedNanos;
        return started != 0 && now - started > STALL_NANOS;
    }

    /** When the client last took an event: a stream nobody reads stops counting as use of its session. */
    long lastDeliveredNanos() {
        return lastDeliveredNanos;
    }

    synchronized boolean closed() {
        return closed || sse.terminated();
    }

    /** Drops the client: its buffer is discarded and its connection closed. */
    void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        closeClient();
    }

    private void closeClient() {
        try {
            sse.close();
        } catch (RuntimeException ignored) {
            // Already gone.
        }
    }
}
