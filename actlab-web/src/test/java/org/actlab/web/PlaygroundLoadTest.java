package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 50 concurrent sessions on loopback, each playing with a live event stream and polling its export,
 * for {@code actlab.load.seconds} seconds (5 by default; docs/PLAYGROUND.md has the 20 s figures).
 * No request may fail, every stream must see updates, and the heap after dropping the sessions and
 * a GC must be back near where it started.
 */
class PlaygroundLoadTest {

    static final int SESSIONS = 64;
    /** Event streams opened on playing sessions and never read: they must not slow anyone else down. */
    static final int SLOW_READERS = 30;

    @Test
    void sixtyFourSessionsWithThirtySlowReaders() throws Exception {
        int seconds = Integer.getInteger("actlab.load.seconds", 5);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        PlaygroundServer server = new PlaygroundServer(Limits.defaults());
        HttpHelper http = new HttpHelper(server.start("127.0.0.1", 0));
        ExecutorService pool = Executors.newFixedThreadPool(2 * SESSIONS);
        long heapBefore = heapAfterGc(memory);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        AtomicLong updates = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long peakHeap = 0;
        long heapAfter;
        try {
            String[] activations = {"tanh", "relu", "sigmoid", "leaky_relu(0.1)", "elu"};
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                String config = "{\"seed\":" + i + ",\"dataset\":\"" + PlaygroundConfig.DATASETS.get(i % 5)
                        + "\",\"layers\":[{\"units\":6,\"activation\":\"" + activations[i % activations.length]
                        + "\"},{\"units\":4,\"activation\":\"tanh\"}]}";
                HttpHelper.Reply reply = http.post("/api/sessions", config);
                assertEquals(201, reply.status(), reply.body());
                ids.add(reply.json().get("session").asText());
            }
            List<java.net.Socket> slow = new ArrayList<>();
            for (int i = 0; i < SLOW_READERS; i++) {
                java.net.Socket socket = new java.net.Socket();
                socket.setReceiveBufferSize(1024);
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", http.port));
                socket.getOutputStream().write(("GET /api/sessions/" + ids.get(i) + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Future<?>> readers = new ArrayList<>();
            List<Future<?>> pollers = new ArrayList<>();
            List<InputStream> streams = Collections.synchronizedList(new ArrayList<>());
            for (String id : ids) {
                java.util.concurrent.CountDownLatch attached = new java.util.concurrent.CountDownLatch(1);
                readers.add(pool.submit(() -> {
                    HttpRequest request = HttpRequest.newBuilder(http.uri("/api/sessions/" + id + "/events")).header("Accept", "text/event-stream").GET().build();
                    HttpResponse<InputStream> response = http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
                    streams.add(response.body());
                    int seen = 0;
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                        // Read to the end, as a browser does: the server closes the stream when the session goes.
                        for (String line; (line = lines.readLine()) != null; ) {
                            if (line.equals("event: state")) {
                                attached.countDown();
                            } else if (line.equals("event: update")) {
                                // Every update counts for liveness (the machine may be too busy for many in the
                                // window); only those inside the window count for the rate.
                                seen++;
                                if (System.nanoTime() < end) {
                                    updates.incrementAndGet();
                                }
                            }
                        }
                    } catch (java.io.IOException closed) {
                        // The stream is closed at the end of the run; what was counted stands.
                    }
                    if (seen == 0) {
                        failures.add(id + ": no update over the stream");
                    }
                    return null;
                }));
                pollers.add(pool.submit(() -> {
                    // Played once the stream is attached, as the page does, so that it sees every update.
                    if (!attached.await(30, TimeUnit.SECONDS)) {
                        failures.add(id + ": the event stream sent no state within 30 s");
                    }
                    call(http, "POST", "/api/sessions/" + id + "/play", errors, requests, latencies, failures);
                    while (System.nanoTime() < end) {
                        call(http, "GET", "/api/sessions/" + id + "/export/history.csv", errors, requests, latencies, failures);
                        Thread.sleep(500);
                    }
                    call(http, "POST", "/api/sessions/" + id + "/pause", errors, requests, latencies, failures);
                    return null;
                }));
            }
            while (System.nanoTime() < end) {
                Thread.sleep(500);
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
            }
            for (Future<?> f : pollers) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (String id : ids) {
                call(http, "DELETE", "/api/sessions/" + id, errors, requests, latencies, failures);
            }
            for (Future<?> f : readers) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (InputStream s : streams) {
                s.close();
            }
            for (java.net.Socket socket : slow) {
                socket.close();
            }
            assertEquals(0, server.sessions());
            // Measured with the server still up: what its dropped sessions leave behind.
            heapAfter = heapAfterGc(memory);
        } finally {
            pool.shutdownNow();
            server.stop();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long p50 = sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
        long p95 = sorted.isEmpty() ? -1 : sorted.get((int) (sorted.size() * 0.95));
        System.out.printf("load: %d sessions, %d s, %d requests, %d errors, %d SSE updates (%.1f/s), latency p50 %.1f ms p95 %.1f ms, "
                        + "heap after GC before %.1f MiB, peak %.1f MiB, after GC %.1f MiB%n",
                SESSIONS, seconds, requests.get(), errors.get(), updates.get(), updates.get() / (double) seconds,
                p50 / 1e6, p95 / 1e6, heapBefore / 1048576.0, peakHeap / 1048576.0, heapAfter / 1048576.0);
        assertEquals(0, errors.get(), "failed requests: " + failures);
        assertTrue(failures.isEmpty(), failures.toString());
        // Throughput (updates per second) is printed above, not asserted: it measures the machine, not correctness.
        assertTrue(heapAfter - heapBefore < 32L * 1024 * 1024,
                "heap grew by " + (heapAfter - heapBefore) / 1048576 + " MiB after dropping every session");
    }

    private static void call(HttpHelper http, String method, String path, AtomicInteger errors, AtomicInteger requests,
                             List<Long> latencies, List<String> failures) {
        long start = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path));
        request = switch (method) {
            case "POST" -> request.POST(HttpRequest.BodyPublishers.noBody());
            case "DELETE" -> request.DELETE();
            default -> request.GET();
        };
        HttpHelper.Reply reply = http.send(request);
        latencies.add(System.nanoTime() - start);
        requests.incrementAndGet();
        if (reply.status() >= 300) {
            errors.incrementAndGet();
            failures.add(method + " " + path + " -> " + reply.status() + " " + reply.body());
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
