package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One event stream read line by line on a thread of its own, so that a test can wait for a line or for
 * the server to end the stream. Waits are bounded only by a generous deadline: they check liveness,
 * not latency.
 */
final class EventLines implements AutoCloseable {

    /** How long a wait may take before the test fails; long, so that a loaded machine does not fail it. */
    static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String END = "\u0000end of stream";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final InputStream body;

    private EventLines(InputStream body) {
        this.body = body;
        Thread reader = new Thread(this::read, "test-event-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the session's stream (sending the helper's cookie, if any); fails unless the server answers 200. */
    static EventLines open(HttpHelper http, String session) {
        HttpResponse<InputStream> response = http.stream(HttpRequest.newBuilder(http.uri("/api/sessions/" + session + "/events"))
                .header("Accept", "text/event-stream").GET());
        assertEquals(200, response.statusCode(), "opening the event stream of " + session);
        return new EventLines(response.body());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // Closed by the test, or the connection dropped: either way the stream has ended.
        }
        lines.add(END);
    }

    /** Waits for {@code expected} as a whole line; fails if the stream ends first or the deadline passes. */
    void await(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no '" + expected + "' within " + DEADLINE.toSeconds() + " s");
            }
            if (line.equals(END)) {
                throw new AssertionError("the stream ended before '" + expected + "'");
            }
            if (line.equals(expected)) {
                return;
            }
        }
    }

    /** Waits until the server ends the stream; fails if it is still open at the deadline. */
    void awaitEnd() throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the stream was still open after " + DEADLINE.toSeconds() + " s");
            }
            if (line.equals(END)) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
