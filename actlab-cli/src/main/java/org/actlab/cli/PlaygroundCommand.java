package org.actlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.actlab.web.StaticSite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code actlab playground --static DIR}: the playground as a static site that trains in the browser (WebAssembly). */
@Command(name = "playground", mixinStandardHelpOptions = true,
        description = "Write the playground as a static site: the same page as 'actlab serve', training in the browser"
                + " with actlab's engine compiled to WebAssembly. Any static file server can serve it.",
        footer = {"", "Examples:", "  actlab playground --static site", "  actlab report --quick && actlab playground --static site --report report",
                "  python3 -m http.server -d site 8000"})
final class PlaygroundCommand extends ActlabCommand {

    @Option(names = "--static", required = true, paramLabel = "DIR",
            description = "Folder to write index.html, the scripts, the Wasm and site.json into (created if missing).")
    Path dir;

    @Option(names = "--report", paramLabel = "REPORT_DIR",
            description = "The folder './actlab report' wrote: its report.html goes into the site, for the Lecture tours'"
                    + " links. Without it the tours name their report sections as text.")
    Path report;

    @Override
    public Integer call() {
        List<String> files = StaticSite.write(dir, report);
        PrintWriter out = out();
        out.println("wrote " + files.size() + " files to " + dir + "; serve the folder with any static file server"
                + " (it must send .wasm as application/wasm) and open index.html");
        out.flush();
        return Main.OK;
    }
}
