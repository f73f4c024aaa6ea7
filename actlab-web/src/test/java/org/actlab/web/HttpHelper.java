package org.actlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Loopback HTTP for the tests: JSON calls through java.net.http, and raw request lines through a socket. */
final class HttpHelper {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A status and a body, the body parsed as JSON when it is JSON. */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }
    }

    private final HttpClient client;
    final int port;
    /** A {@code name=value} cookie sent with every request, as a browser sends its client id; null for none. */
    private final String cookie;

    HttpHelper(int port) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), port, null);
    }

    private HttpHelper(HttpClient client, int port, String cookie) {
        this.client = client;
        this.port = port;
        this.cookie = cookie;
    }

    /** A helper for the same server that sends {@code cookie} ({@code name=value}) with every request. */
    HttpHelper withCookie(String cookie) {
        return new HttpHelper(client, port, cookie);
    }

    /** The full answer, headers included; the cookie, if any, is sent. */
    HttpResponse<String> exchange(HttpRequest.Builder request) {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Creates a session from {@code config}, failing the test unless the server answers 201; the state it returned. */
    JsonNode createSession(String config) {
        Reply reply = post("/api/sessions", config);
        if (reply.status() != 201) {
            throw new AssertionError("expected 201 creating a session, got " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** The answer with its body as a stream (for event streams); the cookie, if any, is sent. */
    HttpResponse<java.io.InputStream> stream(HttpRequest.Builder request) {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    Reply send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request);
        return new Reply(response.statusCode(), response.body());
    }

    HttpClient client() {
        return client;
    }

    /** Sends a request line exactly as given (no client-side normalisation) and returns status and body. */
    Reply raw(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            return new Reply(status, split < 0 ? "" : text.substring(split + 4));
        }
    }
}
