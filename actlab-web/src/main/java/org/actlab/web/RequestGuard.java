package org.actlab.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may drive the server: checks every request before it reaches a handler (docs/SECURITY.md).
 * <ul>
 * <li><b>Host allow-list.</b> The {@code Host} header must name this server: a loopback name
 * ({@code localhost}, {@code *.localhost}, {@code 127.0.0.1}, {@code [::1]}), the address it is bound
 * to, or a name given with {@code --allow-host}. A hostile page that maps its own domain to 127.0.0.1
 * (DNS rebinding) sends its own name as Host and is refused (403), so it can neither load the app nor
 * read the API.</li>
 * <li><b>Same origin for changes.</b> A request that changes state (POST, PUT, PATCH, DELETE) with an
 * {@code Origin} header must come from this server's own origin, and one marked
 * {@code Sec-Fetch-Site: cross-site} is refused: another page in the same browser cannot create,
 * reset, play or delete sessions.</li>
 * <li><b>JSON bodies only.</b> A state-changing request with a body must say
 * {@code Content-Type: application/json} (else 415). Browsers send such requests cross-origin only
 * after a CORS preflight, which this server never grants; {@code text/plain} "simple" requests are
 * refused.</li>
 * </ul>
 */
final class RequestGuard {

    /** A refused request, with its status. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Set<String> allowed = ConcurrentHashMap.newKeySet();

    RequestGuard(Collection<String> extraHosts) {
        for (String host : extraHosts) {
            String name = normalise(host);
            if (name.isEmpty() || name.contains("/") || name.contains("@")) {
                throw new IllegalArgumentException("--allow-host: '" + host + "' is not a host name");
            }
            allowed.add(name);
        }
    }

    /** Also allows the address the server is bound to, unless it is a wildcard (0.0.0.0, ::). */
    void allowBoundHost(String bound) {
        String name = normalise(bound);
        if (!name.equals("0.0.0.0") && !name.equals("::") && !name.equals("[::]") && !name.isEmpty()) {
            allowed.add(name);
        }
    }

    void check(Context ctx) {
        String host = hostName(ctx.header("Host"));
        if (host == null || !allowedHost(host)) {
            throw new Refused(403, "host '" + PlaygroundConfig.shorten(String.valueOf(ctx.header("Host")))
                    + "' is not allowed; the playground answers to loopback names (start it with --allow-host NAME for more)");
        }
        HandlerType method = ctx.method();
        boolean changes = method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
                || method == HandlerType.DELETE;
        if (!changes) {
            return;
        }
        if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
            throw new Refused(403, "cross-site requests may not change the playground");
        }
        String origin = ctx.header("Origin");
        if (origin != null) {
            String originHost = originHost(origin);
            String requestHost = ctx.header("Host");
            if (originHost == null || !originHost.equalsIgnoreCase(String.valueOf(requestHost))) {
                throw new Refused(403, "origin '" + PlaygroundConfig.shorten(origin)
                        + "' may not change the playground; only pages it serves may");
            }
        }
        String type = ctx.header("Content-Type");
        boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        if (hasBody && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
            throw new Refused(415, "the request body must be JSON with Content-Type: application/json, got "
                    + (type == null ? "no Content-Type" : "'" + PlaygroundConfig.shorten(type) + "'"));
        }
    }

    private boolean allowedHost(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                || allowed.contains(host);
    }

    /** The host name of a Host header, lower case, without the port; IPv6 literals keep their brackets. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** The {@code host[:port]} of an Origin header, or null when it is not an http(s) origin. */
    private static String originHost(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                return null;
            }
            return uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String normalise(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return h;
    }
}
