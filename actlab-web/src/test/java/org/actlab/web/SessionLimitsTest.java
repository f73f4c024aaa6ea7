package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The session cap, eviction of the least recently used idle session, and the idle timeout. */
class SessionLimitsTest {

    private static final String SMALL = "{\"samples\":50,\"layers\":[{\"units\":2,\"activation\":\"tanh\"}]}";

    private static PlaygroundServer serverWith(int sessions, Duration idle, Duration grace) {
        return new PlaygroundServer(Limits.defaults().withSessions(sessions, idle, grace));
    }

    @Test
    void atTheCapTheLeastRecentlyUsedIdleSessionIsEvicted() throws Exception {
        PlaygroundServer server = serverWith(3, Duration.ofMinutes(10), Duration.ZERO);
        try {
            HttpHelper http = new HttpHelper(server.start("127.0.0.1", 0));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(http.post("/api/sessions", SMALL).json().get("session").asText());
                Thread.sleep(5);
            }
            // Touching the first makes the second the least recently used.
            assertEquals(200, http.get("/api/sessions/" + ids.get(0)).status());
            Thread.sleep(5);
            HttpHelper.Reply fourth = http.post("/api/sessions", SMALL);
            assertEquals(201, fourth.status(), fourth.body());
            assertEquals(3, server.sessions());
            assertEquals(404, http.get("/api/sessions/" + ids.get(1)).status(), "the least recently used was evicted");
            assertEquals(200, http.get("/api/sessions/" + ids.get(0)).status());
            assertEquals(200, http.get("/api/sessions/" + ids.get(2)).status());
        } finally {
            server.stop();
        }
    }

    @Test
    void atTheCapWithNoIdleSessionCreationIs503() {
        PlaygroundServer server = serverWith(2, Duration.ofMinutes(10), Duration.ofHours(1));
        try {
            HttpHelper http = new HttpHelper(server.start("127.0.0.1", 0));
            assertEquals(201, http.post("/api/sessions", SMALL).status());
            assertEquals(201, http.post("/api/sessions", SMALL).status());
            HttpHelper.Reply refused = http.post("/api/sessions", SMALL);
            assertEquals(503, refused.status());
            assertTrue(refused.json().get("error").asText().contains("maximum of 2 sessions"), refused.body());
            assertEquals(2, server.sessions());
        } finally {
            server.stop();
        }
    }

    @Test
    void idleSessionsExpire() {
        AtomicLong clock = new AtomicLong(System.nanoTime());
        PlaygroundServer server = new PlaygroundServer(Limits.defaults().withSessions(8, Duration.ofSeconds(60), Duration.ZERO),
                List.of(), clock::get);
        try {
            HttpHelper http = new HttpHelper(server.start("127.0.0.1", 0));
            String idle = http.post("/api/sessions", SMALL).json().get("session").asText();
            String used = http.post("/api/sessions", SMALL).json().get("session").asText();
            // Keep one session busy with requests, one every 10 s on the test's clock, while the other sits idle.
            int seconds = 0;
            while (server.registry().contains(idle)) {
                assertTrue(seconds < 1000, "the idle session never expired");
                clock.addAndGet(TimeUnit.SECONDS.toNanos(10));
                seconds += 10;
                assertEquals(200, http.get("/api/sessions/" + used + "/export/config.json").status());
                server.registry().housekeeping();
            }
            assertEquals(70, seconds, "expired at the first look after more than the 60 s timeout");
            assertEquals(404, http.get("/api/sessions/" + idle).status(), "the idle session expired");
            assertEquals(200, http.get("/api/sessions/" + used).status(), "the used one lives on");
        } finally {
            server.stop();
        }
    }

    /**
     * On a clock the test steps: a session whose only stream is never read expires like one with no stream,
     * while a session whose stream takes its events (here only the keep-alive pings) outlives the idle
     * timeout without a single request.
     */
    @Test
    void sessionsNobodyReadsExpireWhileAReadOneStays() throws Exception {
        AtomicLong clock = new AtomicLong(System.nanoTime());
        Duration idle = Duration.ofSeconds(60);
        PlaygroundServer server = new PlaygroundServer(Limits.defaults().withSessions(8, idle, Duration.ofSeconds(30)),
                List.of(), clock::get);
        Socket unreadSocket = new Socket();
        try {
            HttpHelper http = new HttpHelper(server.start("127.0.0.1", 0));
            SessionRegistry registry = server.registry();
            String noStream = http.createSession(SMALL).get("session").asText();
            String read = http.createSession(SMALL).get("session").asText();
            // Large updates (a 100 x 100 heatmap, 20 a second) fill an unread connection's buffers quickly.
            String unread = http.createSession("{\"samples\":500,\"gridSize\":100,\"layers\":[{\"units\":8,\"activation\":\"tanh\"}]}")
                    .get("session").asText();
            unreadSocket.setReceiveBufferSize(1024);
            unreadSocket.connect(new InetSocketAddress("127.0.0.1", http.port));
            unreadSocket.getOutputStream().write(("GET /api/sessions/" + unread + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            try (EventLines reader = EventLines.open(http, read)) {
                reader.await("event: state");
                assertEquals(200, http.post("/api/sessions/" + unread + "/play", "").status());
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                int steps = 0;
                while (registry.contains(unread) || registry.contains(noStream)) {
                    assertTrue(System.nanoTime() < deadline, "still there after " + steps + " s on the test's clock: "
                            + (registry.contains(unread) ? "the unread session" : "the session without a stream"));
                    clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
                    steps++;
                    registry.housekeeping();
                    // The read stream takes this round's ping before the clock moves on: its reader is live.
                    while (registry.lastDelivered(read) != clock.get()) {
                        assertTrue(System.nanoTime() < deadline, "the read stream did not take its ping");
                        Thread.sleep(5);
                    }
                    Thread.sleep(10);
                }
                assertTrue(steps > idle.toSeconds(), "nothing expires before the idle timeout: " + steps + " s");
                assertTrue(registry.contains(read), "the read session outlived the idle timeout without requests");
                assertEquals(1, registry.openStreams(read));
                assertFalse(unreadSocket.isClosed(), "the unread stream's client never went away");
            }
            assertEquals(404, http.get("/api/sessions/" + unread).status());
            assertEquals(404, http.get("/api/sessions/" + noStream).status());
            assertEquals(200, http.get("/api/sessions/" + read).status());
        } finally {
            unreadSocket.close();
            server.stop();
        }
    }
}
