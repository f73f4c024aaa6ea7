package org.actlab.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.actlab.web.Limits;
import org.actlab.web.PlaygroundServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code actlab serve}: the interactive playground in the browser, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the interactive playground: train networks in the browser, live diagnostics.",
        footer = {"", "Examples:", "  actlab serve", "  actlab serve --port 9000 --host 0.0.0.0 --allow-host mybox.lan --max-sessions 16"})
final class ServeCommand extends ActlabCommand {

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Option(names = "--allow-host", split = ",", paramLabel = "NAME",
            description = "Also answer to this Host name (repeatable); loopback names and the bound address always work."
                    + " Other names are refused, which defeats DNS rebinding.")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--max-sessions", defaultValue = "64", description = "Sessions held at once. Default: ${DEFAULT-VALUE}.")
    int maxSessions;

    @Option(names = "--idle-minutes", defaultValue = "10",
            description = "Minutes after which an unused session is dropped. Default: ${DEFAULT-VALUE}.")
    int idleMinutes;

    @Override
    public Integer call() throws InterruptedException {
        if (idleMinutes < 1) {
            throw new IllegalArgumentException("--idle-minutes must be >= 1, got " + idleMinutes);
        }
        Limits defaults = Limits.defaults();
        Limits limits = defaults.withSessions(maxSessions, Duration.ofMinutes(idleMinutes), defaults.evictionGrace());
        PlaygroundServer server = new PlaygroundServer(limits, allowHosts);
        int bound;
        try {
            bound = server.start(host, port);
        } catch (IllegalStateException e) {
            // A port in use or an address not on this machine is a bad option, not a crash.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "actlab-serve-shutdown"));
        PrintWriter out = out();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        out.println("actlab playground on http://" + shown + ":" + bound + "/  (Ctrl-C to stop)");
        out.flush();
        stopped.await();
        return Main.OK;
    }
}
