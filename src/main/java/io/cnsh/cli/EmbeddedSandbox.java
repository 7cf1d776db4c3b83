package io.cnsh.cli;

import io.cnsh.client.ContactNow;
import io.cnsh.client.RetryPolicy;
import io.cnsh.sandbox.SandboxServer;
import io.cnsh.wire.Format;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The sandbox cnsh starts in its own process when no account is configured: loopback, an
 * ephemeral port, data under {@code $CNSH_HOME/sandbox} (demo agents on first use), the sandbox's
 * default API user. It starts when a client first needs it, so a command that never touches the
 * target (such as {@code cnsh -e 1}) starts no server and no database.
 */
final class EmbeddedSandbox implements AutoCloseable {

    static final String USER = "demo";
    static final String PASSWORD = "demo";

    private final Path dataDir;
    private SandboxServer server;

    private EmbeddedSandbox(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** A sandbox on the data directory that starts on first use. */
    static EmbeddedSandbox lazy(Path dataDir) {
        return new EmbeddedSandbox(dataDir);
    }

    /** A sandbox on the data directory, started now. */
    static EmbeddedSandbox start(Path dataDir) {
        EmbeddedSandbox sandbox = new EmbeddedSandbox(dataDir);
        sandbox.server();
        return sandbox;
    }

    /** A client builder aimed at this sandbox, with its credentials; starts the sandbox. */
    ContactNow.Builder clientBuilder() {
        return ContactNow.builder().baseUrl(server().baseUri()).credentials(USER, PASSWORD)
                .retryPolicy(RetryPolicy.DEFAULT);
    }

    /**
     * A client for this sandbox in the format that starts the sandbox and builds itself (through
     * {@link #clientBuilder()} and then {@code settings}) when first used.
     */
    ContactNow client(Format format, UnaryOperator<ContactNow.Builder> settings) {
        return ContactNow.opening(USER, format, () -> settings.apply(clientBuilder().format(format)).build());
    }

    synchronized SandboxServer server() {
        if (server == null) {
            server = SandboxServer.builder()
                    .port(0)
                    .dataDir(dataDir)
                    .apiUser(USER, PASSWORD)
                    .build()
                    .start();
        }
        return server;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }
}
