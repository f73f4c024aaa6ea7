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
import org.actlab.lab.report.ReportRunner;
import org.actlab.lab.run.RunJson;

/**
 * Writes the playground as a static site: the server's page ({@link StaticFiles}), the Web Worker and its
 * page-side backend, the engine compiled to WebAssembly, and {@code site.json} (the catalogue, schema and
 * previews the server would answer, computed here by the same code). Any static file server can serve
 * the folder; the page finds {@code site.json}, so it trains in the browser instead of asking a server.
 *
 * <p>The Lecture tours link to sections of the lab report. A site written with a report ({@code --report
 * DIR}, the folder {@code ./actlab report} wrote) carries a copy at the path the server serves it from,
 * {@value #REPORT_PATH}; {@code site.json} says whether it is there, and without it the page shows the
 * tours' report references as text, not as links that would answer 404.
 */
public final class StaticSite {

    /** The browser side's own files on the class path, next to the page's. */
    static final String BROWSER_ROOT = "/org/actlab/browser/";

    /** Files of the static site beyond the server's page: the worker, its backend and the Wasm build. */
    static final List<String> BROWSER_FILES = List.of("site/backend-wasm.js", "site/worker.js", "wasm/actlab.wasm",
            "wasm/actlab.wasm-runtime.js");

    /** The document the page reads to know it is on a static site; also its catalogue, schema and previews. */
    public static final String SITE_JSON = "site.json";

    /** Where the lab report goes in the site: where the page links to it and the server serves it. */
    static final String REPORT_PATH = "report/" + ReportRunner.REPORT_FILE;

    private StaticSite() {
    }

    /** As {@link #write(Path, Path)}, with no lab report. */
    public static List<String> write(Path dir) {
        return write(dir, null);
    }

    /**
     * Writes every file of the site into {@code dir} (created if needed); each file is written whole or not
     * at all.
     *
     * @param report the folder {@code ./actlab report} wrote (with its {@code report.html}), copied into the
     *               site for the tours' links; {@code null} for none
     * @return the files written, relative to {@code dir}
     * @throws IllegalArgumentException when {@code dir} is not a writable directory, or {@code report} has no
     *                                  {@code report.html}
     */
    public static List<String> write(Path dir, Path report) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--static " + dir + ": not a directory");
        }
        Path reportFile = report == null ? null : report.resolve(ReportRunner.REPORT_FILE);
        if (reportFile != null && !Files.isRegularFile(reportFile)) {
            throw new IllegalArgumentException("--report " + report + ": no " + ReportRunner.REPORT_FILE
                    + " in it (write one with ./actlab report --out " + report + ")");
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
            if (reportFile != null) {
                Files.createDirectories(dir.resolve(REPORT_PATH).getParent());
                writeBytes(dir.resolve(REPORT_PATH), Files.readAllBytes(reportFile));
                written.add(REPORT_PATH);
            }
            AtomicFile.writeString(dir.resolve(SITE_JSON), siteJson(reportFile != null));
            written.add(SITE_JSON);
        } catch (IOException e) {
            throw new IllegalArgumentException("--static " + dir + ": cannot write: " + AtomicFile.describe(e), e);
        }
        return written;
    }

    /**
     * The catalogue, schema and previews, as {@code GET /api/catalogue}, {@code /api/schema} and
     * {@code /api/previews} answer, and the lab report's path in the site ({@code null} without one).
     */
    static String siteJson(boolean report) {
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("catalogue", Api.catalogue(Limits.defaults()));
        site.put("schema", Api.schema());
        site.put("previews", Api.previews());
        site.put("report", report ? REPORT_PATH : null);
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
            writeBytes(target, in.readAllBytes());
        }
    }

    private static void writeBytes(Path target, byte[] bytes) throws IOException {
        AtomicFile.write(target, out -> out.write(bytes));
    }
}
