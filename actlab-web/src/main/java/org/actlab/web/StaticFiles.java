package org.actlab.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The single-page app, read once from the classpath into memory at start-up.
 *
 * <p>Only the names listed in {@link #FILES} can ever be served: a request names a key of this map
 * or gets 404, so no request path reaches a file system or classpath lookup, and traversal
 * ({@code ../}, encoded or absolute paths) has nothing to traverse.
 */
final class StaticFiles {

    /** The resource folder on the classpath. */
    static final String ROOT = "/org/actlab/web/static/";

    /** Every file of the app, with its content type. */
    static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "style.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "draw.js", "text/javascript; charset=utf-8",
            "lecture.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    /** One file's bytes and content type. */
    record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    StaticFiles() {
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            String resource = ROOT + file.getKey();
            try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("static file missing from the classpath: " + resource);
                }
                assets.put(file.getKey(), new Asset(in.readAllBytes(), file.getValue()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    /** The asset of that exact name, or empty. */
    Optional<Asset> get(String name) {
        return Optional.ofNullable(assets.get(name));
    }
}
