package org.actlab.web;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real playground server on an ephemeral loopback port, started before a test class and stopped
 * after it: {@code @RegisterExtension static final LoopbackServer LIVE = new LoopbackServer(limits);}.
 */
final class LoopbackServer implements BeforeAllCallback, AfterAllCallback {

    private final Limits limits;
    private PlaygroundServer server;
    private HttpHelper http;

    LoopbackServer(Limits limits) {
        this.limits = limits;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new PlaygroundServer(limits);
        http = new HttpHelper(server.start("127.0.0.1", 0));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    PlaygroundServer server() {
        return server;
    }

    HttpHelper http() {
        return http;
    }
}
