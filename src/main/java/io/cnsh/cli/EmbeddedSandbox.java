package io.cnsh.cli;

import io.cnsh.client.ContactNow;
import io.cnsh.client.RetryPolicy;
import io.cnsh.sandbox.SandboxServer;
import java.nio.file.Path;

/**
 * The sandbox cnsh starts in its own process when no account is configured: loopback, an
 * ephemeral port, data under {@code $CNSH_HOME/sandbox} (demo agents on first use), the sandbox's
 * default API user.
 */
final class EmbeddedSandbox implements AutoCloseable {

    static final String USER = "demo";
    static final String PASSWORD = "demo";

    private final SandboxServer server;

    private EmbeddedSandbox(SandboxServer server) {
        this.server = server;
    }

    static EmbeddedSandbox start(Path dataDir) {
        return new EmbeddedSandbox(SandboxServer.builder()
                .port(0)
                .dataDir(dataDir)
                .apiUser(USER, PASSWORD)
                .build()
                .start());
    }

    /** A client builder aimed at this sandbox, with its credentials. */
    ContactNow.Builder clientBuilder() {
        return ContactNow.builder().baseUrl(server.baseUri()).credentials(USER, PASSWORD)
                .retryPolicy(RetryPolicy.DEFAULT);
    }

    SandboxServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
