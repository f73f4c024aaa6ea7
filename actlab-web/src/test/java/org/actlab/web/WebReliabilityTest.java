package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 12's availability and origin cases, against a real server on loopback. */
class WebReliabilityTest {

    private static final String SMALL = "{\"samples\":50,\"layers\":[{\"units\":2,\"activation\":\"tanh\"}]}";

    /** The server's clock for idle times and grace periods, stepped by the tests (a loaded machine cannot skew it). */
    private final AtomicLong clock = new AtomicLong(System.nanoTime());
    private PlaygroundServer server;
    private HttpHelper http;

    @BeforeEach
    void start() {
        server = new PlaygroundServer(Limits.defaults().withSessions(4, Duration.ofMinutes(10), Duration.ofSeconds(1)),
                Set.of("playground.test"), clock::get);
        http = new HttpHelper(server.start("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** A raw request, headers exactly as given; returns the whole response. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", http.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private String post(String host, String extraHeaders, String type, String body) throws IOException {
        return raw("POST /api/sessions HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void onlyLoopbackOrAllowedHostNamesAreServed() throws IOException {
        String rebound = raw("GET / HTTP/1.1\r\nHost: attacker.example:8080\r\nConnection: close\r\n\r\n");
        assertEquals(403, status(rebound), rebound);
        assertTrue(rebound.contains("\"error\":\"host 'attacker.example:8080' is not allowed"), rebound);
        assertEquals(403, status(raw("GET /api/catalogue HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n")));
        for (String host : List.of("127.0.0.1:" + http.port, "localhost:" + http.port, "LOCALHOST", "[::1]:" + http.port,
                "playground.test:" + http.port)) {
            assertEquals(200, status(raw("GET /api/catalogue HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")), host);
        }
    }

    @Test
    void foreignPagesCannotChangeStateAndBodiesMustBeJson() throws IOException {
        String host = "127.0.0.1:" + http.port;
        String crossOrigin = post(host, "Origin: http://evil.example\r\n", "application/json", SMALL);
        assertEquals(403, status(crossOrigin), crossOrigin);
        assertEquals(403, status(post(host, "Sec-Fetch-Site: cross-site\r\n", "application/json", SMALL)));
        String textPlain = post(host, "", "text/plain", SMALL);
        assertEquals(415, status(textPlain), textPlain);
        assertTrue(textPlain.contains("Content-Type: application/json"), textPlain);
        assertEquals(201, status(post(host, "Origin: http://" + host + "\r\n", "application/json; charset=utf-8", SMALL)));
        assertEquals(201, status(post(host, "", "application/json", SMALL)), "non-browser clients send no Origin");
        assertEquals(0, server.sessions() - 2);
    }

    @Test
    void malformedRequestsAre400WithJson() throws IOException {
        assertEquals(400, http.post("/api/sessions", SMALL + " trailing").status());
        assertTrue(http.post("/api/sessions", SMALL + "{}").json().get("error").asText().contains("unexpected content after"));
        HttpHelper.Reply duplicate = http.post("/api/sessions", "{\"samples\":50,\"samples\":60}");
        assertEquals(400, duplicate.status(), duplicate.body());
        assertTrue(duplicate.json().get("error").asText().contains("samples"), duplicate.body());
        assertFalse(duplicate.body().contains("`"), "no library internals: " + duplicate.body());
        HttpHelper.Reply huge = http.post("/api/sessions", "{\"samples\":50,\"weightInit\":\"constant(1e300)\"}");
        assertEquals(400, huge.status(), huge.body());
        assertTrue(huge.json().get("error").asText().contains("not a finite float"), huge.body());
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < 12; i++) {
            csv.append(i == 5 ? "1e308" : Integer.toString(i)).append(",-").append(i).append(',').append(i % 2).append('\n');
        }
        HttpHelper.Reply extreme = http.post("/api/sessions", "{\"dataset\":\"csv\",\"csv\":"
                + HttpHelper.JSON.valueToTree(csv.toString()) + "}");
        assertEquals(400, extreme.status(), extreme.body());
        assertTrue(extreme.json().get("error").asText().contains("the uploaded CSV:7: column 'x1': 1e308 is outside the float range"),
                extreme.body());
        String id = http.post("/api/sessions", SMALL).json().get("session").asText();
        HttpHelper.Reply noAccept = http.get("/api/sessions/" + id + "/events");
        assertEquals(400, noAccept.status(), noAccept.body());
        assertTrue(noAccept.json().get("error").asText().contains("Accept: text/event-stream"));
        // Jetty's own answer to a request it cannot parse is JSON as well.
        String bad = raw("GET /api/catalogue HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + "a".repeat(20_000) + "\r\n\r\n");
        assertEquals(431, status(bad), bad);
        assertTrue(bad.contains("Content-Type: application/json") && bad.contains("{\"error\":"), bad);
    }

    @Test
    void heldStreamsDoNotLockNewSessionsOutAndRefusalsSayWhenToRetry() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                String id = http.post("/api/sessions", SMALL).json().get("session").asText();
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", http.port));
                socket.getOutputStream().write(("GET /api/sessions/" + id + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                held.add(socket);
            }
            HttpHelper.Reply refused = http.send(HttpRequest.newBuilder(http.uri("/api/sessions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SMALL)));
            assertEquals(503, refused.status(), "within the grace period: " + refused.body());
            assertTrue(refused.json().get("error").asText().contains("try again in"), refused.body());
            java.net.http.HttpResponse<String> withHeaders = http.client().send(HttpRequest.newBuilder(http.uri("/api/sessions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SMALL)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(withHeaders.headers().firstValue("Retry-After").isPresent(), withHeaders.headers().toString());
            clock.addAndGet(Duration.ofMillis(1500).toNanos());
            // Open streams no longer reserve a session once its grace has passed: the oldest gives way.
            HttpHelper.Reply admitted = http.post("/api/sessions", SMALL);
            assertEquals(201, admitted.status(), admitted.body());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /**
     * More playing sessions with unread streams than there are training threads. Sends must never block a
     * shared thread: a sampler checks, all through the test, that no thread but the streams' own writers
     * is ever inside a send, and the other session's stream keeps flowing.
     * (Were the training threads to write themselves, they would hang on the full connections until
     * Jetty's 30 s idle timeout, and the other session's updates would stop meanwhile.)
     */
    @Test
    void streamsThatAreNeverReadDoNotHoldUpOtherSessions() throws Exception {
        server.stop();
        int trainingThreads = 2;
        Limits d = Limits.defaults();
        server = new PlaygroundServer(new Limits(8, d.idleTimeout(), d.evictionGrace(), d.maxLayers(), d.maxUnits(),
                d.maxSamples(), d.maxUploadBytes(), d.maxGrid(), trainingThreads, d.maxSessionsPerClient(),
                d.maxStreamsPerClient()));
        http = new HttpHelper(server.start("127.0.0.1", 0));
        List<Socket> unread = new ArrayList<>();
        SendSampler sampler = new SendSampler();
        try {
            for (int s = 0; s <= trainingThreads; s++) {
                String id = http.createSession("{\"samples\":2000,\"gridSize\":100,\"layers\":[{\"units\":16,"
                        + "\"activation\":\"tanh\"},{\"units\":16,\"activation\":\"tanh\"}]}").get("session").asText();
                for (int i = 0; i < 2; i++) {
                    Socket socket = new Socket();
                    socket.setReceiveBufferSize(1024);
                    socket.connect(new InetSocketAddress("127.0.0.1", http.port));
                    socket.getOutputStream().write(("GET /api/sessions/" + id + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    unread.add(socket);
                }
                assertEquals(200, http.post("/api/sessions/" + id + "/play", "").status());
            }
            String other = http.createSession(SMALL).get("session").asText();
            try (EventLines events = EventLines.open(http, other)) {
                assertEquals(200, http.post("/api/sessions/" + other + "/play", "").status());
                for (int updates = 0; updates < 20; updates++) {
                    events.await("event: update"); // the other session's stream keeps flowing
                }
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(200, http.get("/").status(), "the page still loads");
            }
        } finally {
            sampler.stop();
            for (Socket socket : unread) {
                socket.close();
            }
        }
        assertEquals(List.of(), sampler.offenders(), "threads that sent to a client themselves");
    }

    /** Samples every thread's stack until stopped, and names the threads other than the stream writers found in a send. */
    private static final class SendSampler {
        private final java.util.Set<String> offenders = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::sample, "test-send-sampler");

        SendSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            while (running) {
                for (java.lang.management.ThreadInfo info : threads.dumpAllThreads(false, false)) {
                    if (info.getThreadName().startsWith("actlab-sse")) {
                        continue;
                    }
                    for (StackTraceElement frame : info.getStackTrace()) {
                        if (frame.getClassName().startsWith("io.javalin.http.sse.SseClient") && frame.getMethodName().startsWith("send")) {
                            offenders.add(info.getThreadName().replaceAll("\\d+$", "N"));
                        }
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        List<String> offenders() {
            return offenders.stream().sorted().toList();
        }
    }

    @Test
    void longStepsAreTimeSlicedSoAShortOneIsNotQueuedBehindThem() throws Exception {
        // Two training threads; four long steps on the largest network, then a one-epoch step elsewhere.
        server.stop();
        Limits d = Limits.defaults();
        server = new PlaygroundServer(new Limits(8, d.idleTimeout(), d.evictionGrace(), d.maxLayers(), d.maxUnits(),
                d.maxSamples(), d.maxUploadBytes(), d.maxGrid(), 2, d.maxSessionsPerClient(), d.maxStreamsPerClient()));
        http = new HttpHelper(server.start("127.0.0.1", 0));
        String big = "{\"samples\":2000,\"trainPercent\":90,\"batchSize\":1,\"layers\":["
                + "{\"units\":16,\"activation\":\"tanh\"},{\"units\":16,\"activation\":\"tanh\"},"
                + "{\"units\":16,\"activation\":\"tanh\"},{\"units\":16,\"activation\":\"tanh\"}]}";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<HttpHelper.Reply>> long4 = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = http.post("/api/sessions", big).json().get("session").asText();
                long4.add(pool.submit(() -> http.post("/api/sessions/" + id + "/step?epochs=100", "")));
            }
            String small = http.post("/api/sessions", SMALL).json().get("session").asText();
            Thread.sleep(500);
            HttpHelper.Reply quick = http.post("/api/sessions/" + small + "/step?epochs=1", "");
            assertEquals(200, quick.status(), quick.body());
            long stillRunning = long4.stream().filter(f -> !f.isDone()).count();
            assertEquals(4, stillRunning, "the short step finished while every long one was still going");
            for (java.util.concurrent.Future<HttpHelper.Reply> f : long4) {
                f.cancel(true);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
