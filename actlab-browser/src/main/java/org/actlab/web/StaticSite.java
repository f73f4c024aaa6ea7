package org.actlab.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.actlab.data.AtomicFile;
import org.actlab.lab.run.RunJson;

/**
 * Writes the playground as a static site: the server's page ({@link StaticFiles}), the Web Worker and its
 * page-side backend, the engine compiled to WebAssembly, and {@code site.json} (the catalogue, schema and
 * previews the server would answer, computed here by the same code). Any static file server can serve
 * the folder; the page finds {@code site.json}, so it trains in the browser instead of asking a server.
 */
public final class StaticSite {

    /** The browser side's own files on the class path, next to the page's. */
    static final String BROWSER_ROOT = "/org/actlab/browser/";

    /** Files of the static site beyond the server's page: the worker, its backend and the Wasm build. */
    static final List<String> BROWSER_FILES = List.of("site/backend-wasm.js", "site/worker.js", "wasm/actlab.wasm",
            "wasm/actlab.wasm-runtime.js");

    /** The document the page reads to know it is on a static site; also its catalogue, schema and previews. */
    public static final String SITE_JSON = "site.json";

    private StaticSite() {
    }

    /**
     * Writes every file of the site into {@code dir} (created if needed); each file is written whole or not
     * at all.
     *
     * @return the files written, relative to {@code dir}
     * @throws IllegalArgumentException when {@code dir} is not a writable directory
     */
    public static List<String> write(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--static " + dir + ": not a directory");
        }
        List<String> written = new ArrayList<>();
        try {
            Files.createDirectories(dir.resolve("wasm"));
            for (String name : StaticFiles.FILES.keySet()) {
                copy(StaticFiles.ROOT + name, dir.resolve(name));
                written.add(name);
            }
            for (String file : BROWSER_FILES) {
                String target = file.startsWith("site/") ? file.substring("site/".length()) : file;
                copy(BROWSER_ROOT + file, dir.resolve(target));
                written.add(target);
            }
            AtomicFile.writeString(dir.resolve(SITE_JSON), siteJson());
            written.add(SITE_JSON);
        } catch (IOException e) {
            throw new IllegalArgumentException("--static " + dir + ": cannot write: " + AtomicFile.describe(e), e);
        }
        return written;
    }

    /** The catalogue, schema and previews, as {@code GET /api/catalogue}, {@code /api/schema} and {@code /api/previews} answer. */
    static String siteJson() {
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("catalogue", Api.catalogue(Limits.defaults()));
        site.put("schema", Api.schema());
        site.put("previews", Api.previews());
        try {
            return RunJson.mapper().writeValueAsString(site);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = StaticSite.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the class path: " + resource
                        + " (the actlab-browser module builds it with TeaVM: mvn -B package -pl actlab-browser -am)");
            }
            byte[] bytes = in.readAllBytes();
            AtomicFile.write(target, out -> out.write(bytes));
        }
    }
}
