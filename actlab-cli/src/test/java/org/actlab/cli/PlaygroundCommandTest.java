package org.actlab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.actlab.lab.run.RunJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code actlab playground --static DIR} writes the static site; a bad DIR is a one-line error, exit 2. */
class PlaygroundCommandTest {

    @Test
    void writesTheStaticSite(@TempDir Path tmp) throws Exception {
        Path site = tmp.resolve("site");
        Cli.Result result = Cli.run("playground", "--static", site.toString()).succeeds();
        assertTrue(result.out().contains("wrote 12 files"), result.out());
        for (String name : new String[] {"index.html", "api.js", "worker.js", "backend-wasm.js", "wasm/actlab.wasm"}) {
            assertTrue(Files.size(site.resolve(name)) > 0, name);
        }
        // The wasm file is a WebAssembly module: its magic number.
        byte[] head = Files.readAllBytes(site.resolve("wasm/actlab.wasm"));
        assertTrue(head[0] == 0 && head[1] == 'a' && head[2] == 's' && head[3] == 'm', "\\0asm magic");
        JsonNode json = RunJson.mapper().readTree(Files.readString(site.resolve("site.json")));
        assertTrue(json.get("catalogue").get("activations").size() > 10, "the catalogue lists the activations");
        assertTrue(json.get("schema").has("playground") && json.get("previews").has("spiral"), "schema and previews");
        assertTrue(json.get("report").isNull(), "no lab report in this site");
    }

    @Test
    void aFileForTheFolderIsABadInput(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        Cli.run("playground", "--static", file.toString()).fails(2, "not a directory");
    }

    @Test
    void theLabReportGoesIntoTheSite(@TempDir Path tmp) throws Exception {
        Path report = Files.createDirectories(tmp.resolve("report"));
        Files.writeString(report.resolve("report.html"), "<!doctype html><p>the report");
        Path site = tmp.resolve("site");
        Cli.Result result = Cli.run("playground", "--static", site.toString(), "--report", report.toString()).succeeds();
        assertTrue(result.out().contains("wrote 13 files"), result.out());
        assertTrue(Files.readString(site.resolve("report/report.html")).endsWith("the report"), "the report is copied");
        JsonNode json = RunJson.mapper().readTree(Files.readString(site.resolve("site.json")));
        assertTrue("report/report.html".equals(json.get("report").asText()), "site.json names the report: " + json.get("report"));
    }

    @Test
    void aReportFolderWithoutItsReportIsABadInput(@TempDir Path tmp) throws Exception {
        Cli.run("playground", "--static", tmp.resolve("site").toString(), "--report", tmp.toString())
                .fails(2, "--report " + tmp + ": no report.html in it");
    }
}
