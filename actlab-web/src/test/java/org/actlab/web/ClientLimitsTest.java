package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-client limits (issue 12): the client-id cookie, the per-client session and stream caps, the
 * per-session stream cap and the server's stream cap. Ages run on a clock the test steps, so nothing
 * sleeps for a grace period.
 */
class ClientLimitsTest {

    private static final String SMALL = "{\"samples\":50,\"layers\":[{\"units\":2,\"activation\":\"tanh\"}]}";
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final AtomicLong clock = new AtomicLong(System.nanoTime());
    private PlaygroundServer server;
    private HttpHelper http;

    private void start(Limits limits) {
        server = new PlaygroundServer(limits, List.of(), clock::get);
        http = new HttpHelper(server.start("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    /** A new client's cookie ({@code name=value}), as a browser would store it from its first answer. */
    private String newClient() {
        HttpResponse<String> first = http.exchange(HttpRequest.newBuilder(http.uri("/")).GET());
        String header = first.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie"));
        return header.substring(0, header.indexOf(';'));
    }

    private static String session(HttpHelper client) {
        return client.createSession(SMALL).get("session").asText();
    }

    @Test
    void theClientIdIsAnHttpOnlySameSiteStrictCookieAndForgedIdsAreReplaced() {
        start(Limits.defaults());
        HttpResponse<String> first = http.exchange(HttpRequest.newBuilder(http.uri("/")).GET());
        String header = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(header.startsWith(ClientIds.cookieName(http.port) + "="), header);
        assertTrue(header.contains("; HttpOnly") && header.contains("; SameSite=Strict") && header.contains("; Path=/"), header);
        String cookie = header.substring(0, header.indexOf(';'));

        // A known id is kept: no new cookie.
        HttpHelper browser = http.withCookie(cookie);
        assertEquals(Optional.empty(), browser.exchange(HttpRequest.newBuilder(http.uri("/api/catalogue")).GET())
                .headers().firstValue("Set-Cookie"));
        // An id the server did not issue (one hex digit changed) is replaced by a new one.
        char last = cookie.charAt(cookie.length() - 1);
        String forged = cookie.substring(0, cookie.length() - 1) + (last == '0' ? '1' : '0');
        String reissued = http.withCookie(forged).exchange(HttpRequest.newBuilder(http.uri("/api/catalogue")).GET())
                .headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("a forged id must be replaced"));
        assertNotEquals(forged, reissued.substring(0, reissued.indexOf(';')));
    }

    @Test
    void oneClientCannotFillTheServerAndItsCapNeverTakesAnotherClientsSession() {
        start(Limits.defaults().withSessions(8, Duration.ofHours(1), GRACE).withClientCaps(2, 32));
        HttpHelper a = http.withCookie(newClient());
        HttpHelper b = http.withCookie(newClient());
        String b1 = session(b);
        String b2 = session(b);
        advance(GRACE.plusSeconds(1)); // b's sessions are now idle past the grace
        String a1 = session(a);
        String a2 = session(a);

        HttpResponse<String> refused = a.exchange(HttpRequest.newBuilder(http.uri("/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SMALL)));
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("this client (browser) holds its maximum of 2 sessions"), refused.body());
        assertEquals("31", refused.headers().firstValue("Retry-After").orElse("none"), "seconds until a1 is past its grace");
        assertEquals(4, server.sessions(), "at its own cap, a client takes no one else's idle session");
        // Other clients, and clients that send no cookie, still get sessions.
        assertEquals(201, http.withCookie(newClient()).post("/api/sessions", SMALL).status());
        assertEquals(201, http.post("/api/sessions", SMALL).status());

        advance(Duration.ofSeconds(10));
        assertEquals(200, a.get("/api/sessions/" + a2).status()); // a2 used: a1 is a's least recently used
        advance(GRACE);
        String a3 = session(a);
        SessionRegistry registry = server.registry();
        assertFalse(registry.contains(a1), "a's own least recently used session gave way");
        assertTrue(registry.contains(a2) && registry.contains(a3));
        assertTrue(registry.contains(b1) && registry.contains(b2), "b's idle sessions were not taken");
        assertEquals(6, server.sessions());
    }

    @Test
    void aSessionKeepsAtMostFourStreamsTheOldestGivesWay() throws Exception {
        start(Limits.defaults());
        String id = session(http);
        EventLines[] streams = new EventLines[SessionRegistry.MAX_STREAMS_PER_SESSION + 1];
        try {
            for (int i = 0; i < streams.length; i++) {
                streams[i] = EventLines.open(http, id);
                streams[i].await("event: state");
            }
            streams[0].awaitEnd();
            assertEquals(SessionRegistry.MAX_STREAMS_PER_SESSION, server.registry().openStreams(id));
            assertEquals(200, http.post("/api/sessions/" + id + "/step", "").status());
            for (int i = 1; i < streams.length; i++) {
                streams[i].await("event: update");
            }
        } finally {
            for (EventLines s : streams) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aClientKeepsAtMostItsCapOfStreamsAcrossSessionsOthersKeepTheirs() throws Exception {
        start(Limits.defaults().withClientCaps(16, 3));
        HttpHelper a = http.withCookie(newClient());
        HttpHelper b = http.withCookie(newClient());
        String x = session(a);
        String y = session(a);
        String z = session(b);
        // Each stream is attached (its state event read) before the next opens, so opening order is attach order.
        EventLines bz = opened(b, z);
        EventLines ax1 = opened(a, x);
        EventLines ax2 = opened(a, x);
        EventLines ay1 = opened(a, y);
        EventLines ay2 = opened(a, y);
        ax1.awaitEnd(); // a's oldest stream gave way to its fourth
        assertEquals(1, server.registry().openStreams(x));
        assertEquals(2, server.registry().openStreams(y));
        assertEquals(1, server.registry().openStreams(z), "b's stream is not a's to replace");
        for (String id : List.of(x, y, z)) {
            assertEquals(200, http.post("/api/sessions/" + id + "/step", "").status());
        }
        for (EventLines open : List.of(bz, ax2, ay1, ay2)) {
            open.await("event: update");
        }
    }

    private final List<EventLines> streams = new java.util.ArrayList<>();

    /** Opens a stream and waits for its state event: the server has attached it. Closed after the test. */
    private EventLines opened(HttpHelper client, String session) throws InterruptedException {
        EventLines stream = EventLines.open(client, session);
        streams.add(stream);
        stream.await("event: state");
        return stream;
    }

    @AfterEach
    void closeStreams() throws java.io.IOException {
        for (EventLines stream : streams) {
            stream.close();
        }
    }

    @Test
    void atTheServersStreamCapNewStreamsAre503ExceptThoseThatReplaceTheirClientsOwn() throws Exception {
        start(Limits.defaults().withSessions(2, Duration.ofHours(1), GRACE).withClientCaps(16, 2));
        assertEquals(4, Limits.defaults().withSessions(2, Duration.ofHours(1), GRACE).maxStreams());
        HttpHelper a = http.withCookie(newClient());
        String x = session(a);
        String y = session(http);
        EventLines ax1 = opened(a, x);
        opened(a, x);
        opened(http, y);
        opened(http, y);
        HttpResponse<String> refused = http.exchange(HttpRequest.newBuilder(http.uri("/api/sessions/" + y + "/events"))
                .header("Accept", "text/event-stream").GET());
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("maximum of 4 event streams"), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().toString());
        // a is at its own cap of 2: its new stream replaces its oldest instead of being refused.
        opened(a, x);
        ax1.awaitEnd();
        assertEquals(2, server.registry().openStreams(x));
    }
}
