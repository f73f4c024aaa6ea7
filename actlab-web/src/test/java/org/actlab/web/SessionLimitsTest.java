package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    void idleSessionsExpire() throws Exception {
        PlaygroundServer server = serverWith(8, Duration.ofSeconds(2), Duration.ZERO);
        try {
            HttpHelper http = new HttpHelper(server.start("127.0.0.1", 0));
            String idle = http.post("/api/sessions", SMALL).json().get("session").asText();
            String used = http.post("/api/sessions", SMALL).json().get("session").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // Keep one session busy with requests while the other sits idle.
            while (server.sessions() > 1 && System.nanoTime() < deadline) {
                assertEquals(200, http.get("/api/sessions/" + used).status());
                Thread.sleep(100);
            }
            assertEquals(404, http.get("/api/sessions/" + idle).status(), "the idle session expired");
            assertEquals(200, http.get("/api/sessions/" + used).status(), "the used one lives on");
        } finally {
            server.stop();
        }
    }
}
