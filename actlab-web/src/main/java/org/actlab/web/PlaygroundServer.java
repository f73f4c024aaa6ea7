package org.actlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.actlab.lab.run.RunJson;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playground's HTTP server: the single-page app, a JSON API over per-session training, and a
 * server-sent-events stream per session. {@code docs/PLAYGROUND.md} describes the API and its limits.
 *
 * <pre>{@code
 * PlaygroundServer server = new PlaygroundServer(Limits.defaults());
 * int port = server.start("127.0.0.1", 0);   // 0: any free port
 * ...
 * server.stop();
 * }</pre>
 */
public final class PlaygroundServer {

    private static final Logger LOG = LoggerFactory.getLogger(PlaygroundServer.class);
    private static final String JSON = "application/json";

    /** Most threads serving requests at once. */
    static final int REQUEST_THREADS = 32;

    private final Limits limits;
    private final RequestGuard guard;
    /**
     * The one JSON configuration ({@link RunJson#mapper()}), strict: trailing content and repeated keys are
     * errors (HTTP 400); {@code WebReliabilityTest} fails if it is not.
     */
    private final ObjectMapper json = RunJson.mapper();
    private final StaticFiles files = new StaticFiles();
    private final ClientIds clients = new ClientIds();
    /** Where the registry reads ages from; tests step a clock of their own. */
    private final LongSupplier clock;
    private SessionRegistry registry;
    private Javalin app;

    public PlaygroundServer(Limits limits) {
        this(limits, List.of());
    }

    /**
     * A server that also answers to the given host names (besides the loopback names and the bound
     * address); see {@link RequestGuard}.
     */
    public PlaygroundServer(Limits limits, Collection<String> allowedHosts) {
        this(limits, allowedHosts, System::nanoTime);
    }

    /** A server whose idle times, grace periods and stalled writes are measured on {@code clock} (nanoseconds). */
    PlaygroundServer(Limits limits, Collection<String> allowedHosts, LongSupplier clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.guard = new RequestGuard(allowedHosts);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A server with {@link Limits#defaults()}. */
    public PlaygroundServer() {
        this(Limits.defaults());
    }

    /**
     * Starts listening.
     *
     * @param host the address to bind, for example {@code 127.0.0.1}
     * @param port the port, 0 for any free one
     * @return the port actually bound
     * @throws IllegalArgumentException for a port outside 0..65535
     * @throws IllegalStateException    when already started, or the port cannot be bound
     */
    public synchronized int start(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (app != null) {
            throw new IllegalStateException("the server is already running on port " + app.port());
        }
        if (port != 0) {
            requireFree(host, port);
        }
        registry = new SessionRegistry(limits, json, clock);
        Api api = new Api(registry, limits, json);
        guard.allowBoundHost(host);
        Javalin created = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = limits.maxUploadBytes() + 64L * 1024;
            config.http.defaultContentType = JSON;
            // Event streams are asynchronous and hold no thread, so a small pool serves many sessions; it also
            // bounds the engine's per-thread matrix buffers, which live as long as the thread that used them.
            config.jetty.threadPool = new QueuedThreadPool(REQUEST_THREADS, 2, 30_000);
            // Jetty's own errors (bad request lines, oversized headers) come back as JSON too.
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
        });
        routes(created, api);
        try {
            created.start(host, port);
        } catch (RuntimeException e) {
            registry.close();
            registry = null;
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        app = created;
        return app.port();
    }

    /** The bound port; −1 when not running. */
    public synchronized int port() {
        return app == null ? -1 : app.port();
    }

    /** The number of live sessions (for tests and logs). */
    public synchronized int sessions() {
        return registry == null ? 0 : registry.size();
    }

    /** The sessions and streams (for tests); null when not running. */
    synchronized SessionRegistry registry() {
        return registry;
    }

    /** Stops the server and drops every session. Does nothing when not running. */
    public synchronized void stop() {
        if (app != null) {
            registry.close();
            app.stop();
            app = null;
            registry = null;
        }
    }

    private void routes(Javalin app, Api api) {
        app.before(guard::check);
        app.before(ctx -> clients.identify(ctx, ctx.req().getLocalPort()));
        app.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'");
        });
        app.get("/", ctx -> serve(ctx, "index.html"));
        // The lecture tours link to sections of the lab report that `./actlab report` writes here.
        app.get("/report/report.html", this::serveReport);
        app.get("/{file}", ctx -> serve(ctx, ctx.pathParam("file")));

        app.get("/api/catalogue", api::catalogue);
        app.get("/api/schema", api::schema);
        app.get("/api/activation", api::activation);
        app.get("/api/previews", api::previews);
        app.post("/api/sessions", api::create);
        app.get("/api/sessions/{id}", api::state);
        app.delete("/api/sessions/{id}", api::delete);
        app.post("/api/sessions/{id}/reset", api::reset);
        app.post("/api/sessions/{id}/play", api::play);
        app.post("/api/sessions/{id}/pause", api::pause);
        app.post("/api/sessions/{id}/step", api::step);
        app.post("/api/sessions/{id}/settings", api::settings);
        app.post("/api/sessions/{id}/parameter", api::parameter);
        app.get("/api/sessions/{id}/unit", api::unit);
        app.get("/api/sessions/{id}/export/{name}", api::export);
        // The stream's session is looked up before the SSE handler commits a 200, so a bad id gets a 404.
        app.before("/api/sessions/{id}/events", ctx -> {
            registry.get(ctx.pathParam("id"));
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw new IllegalArgumentException("an event stream needs the header Accept: text/event-stream");
            }
            registry.admitStream(ctx.pathParam("id"), ClientIds.of(ctx));
        });
        app.sse("/api/sessions/{id}/events", client -> {
            client.keepAlive();
            registry.attach(registry.get(client.ctx().pathParam("id")), client, ClientIds.of(client.ctx()));
        });

        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) -> error(ctx, 400, jsonMessage(e)));
        app.exception(SessionRegistry.NoSuchSession.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        app.exception(SessionRegistry.Busy.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds));
            error(ctx, 503, e.getMessage());
        });
        app.exception(RequestGuard.Refused.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
        app.exception(IllegalStateException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "); the server log has the details");
        });
        app.error(404, ctx -> {
            if (ctx.resultInputStream() == null) {
                error(ctx, 404, "not found: " + PlaygroundConfig.shorten(ctx.path()));
            }
        });
    }

    private void serve(Context ctx, String name) {
        Optional<StaticFiles.Asset> asset = files.get(name);
        if (asset.isEmpty()) {
            error(ctx, 404, "not found: " + PlaygroundConfig.shorten(name));
            return;
        }
        ctx.contentType(asset.get().contentType());
        ctx.header("Cache-Control", "no-cache");
        ctx.result(asset.get().bytes());
    }

    /** The lab report's fixed path under the working directory; no part of it comes from the request. */
    static final java.nio.file.Path REPORT = java.nio.file.Path.of("report", "report.html");

    private void serveReport(Context ctx) throws IOException {
        if (!java.nio.file.Files.isRegularFile(REPORT)) {
            error(ctx, 404, "no lab report here: run ./actlab report in the directory the server was started from");
            return;
        }
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        ctx.result(java.nio.file.Files.readAllBytes(REPORT));
    }

    private void error(Context ctx, int status, String message) {
        String text = message == null || message.isBlank() ? "error " + status : message;
        // One line: messages come from validation and may quote user input.
        text = text.lines().findFirst().orElse(text);
        if (text.length() > 300) {
            text = text.substring(0, 297) + "...";
        }
        ctx.status(status);
        ctx.contentType(JSON);
        try {
            ctx.result(json.writeValueAsString(new Payloads.ErrorBody(text)));
        } catch (JsonProcessingException e) {
            ctx.result("{\"error\":\"error " + status + "\"}");
        }
    }

    /**
     * Fails with a one-line message when the address cannot be bound, before Javalin starts and logs
     * the failure with a stack trace.
     */
    private static void requireFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** A JSON parse error in words, without the library's internals (feature names, class names). */
    static String jsonMessage(JsonProcessingException e) {
        String detail = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
        if (detail.startsWith("Trailing token")) {
            detail = "unexpected content after the JSON document";
        }
        int internal = detail.indexOf('`');
        if (internal >= 0) {
            detail = detail.substring(0, internal).replaceAll("[\\s(:]*(as per|from)?\\s*$", "");
        }
        String location = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return "malformed JSON" + location + ": " + detail;
    }

    /** Reads a request body as JSON; an empty body reads as null. */
    static JsonNode body(Context ctx, ObjectMapper json) throws JsonProcessingException {
        String body = ctx.body();
        return body.isBlank() ? null : json.readTree(body);
    }
}
