package io.cnsh.sandbox;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local server that answers ContactNow's {@code token.php} and {@code database.php}
 * ({@code method=agents}) the way the real API does, over plain HTTP on a local port, with its
 * agents in an embedded database.
 *
 * <pre>{@code
 * try (SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.DEMO)
 *         .apiUser("demo", "demo").build().start()) {
 *     URI base = server.baseUri();          // http://127.0.0.1:41234/  (also served under /api/)
 *     server.faults().nextLostResponses(1); // rehearse an answer lost after a commit
 *     ...
 * }
 * }</pre>
 *
 * <p>It listens on 127.0.0.1 unless told otherwise, answers GET and POST on {@code /token.php},
 * {@code /database.php}, {@code /api/token.php} and {@code /api/database.php}, and is safe for
 * concurrent clients. Where the API's documentation is silent, the behaviour is set on the
 * {@link Builder}.
 *
 * <p>It holds up against careless and hostile clients: a connection that sends nothing for the
 * {@linkplain Builder#readTimeout(Duration) read timeout}, in its request line, headers or body or
 * between requests, is closed, and waiting for it holds no request thread; at most
 * {@linkplain Builder#maxConnections(int) so many} connections are open at once (at the bound, idle
 * ones are closed sooner); a request line or header block over
 * {@linkplain Builder#maxHeaderBytes(int) the header limit} is answered 414 or 431; and a write
 * carrying more than {@linkplain Builder#maxRecordsPerWrite(int) the record limit} is refused whole
 * with the API's error envelope. Reads are not bounded, as the API's are not.
 *
 * <p>A server runs once: after {@link #close()} build a new one (on the same data directory, the
 * agents and tokens are still there).
 */
public final class SandboxServer implements AutoCloseable {

    /**
     * The request header that stands in for the caller's address, honoured only by a server built
     * with {@link Builder#trustAddressHeader(boolean) trustAddressHeader(true)}, so that tests can
     * exercise token address binding from one machine.
     */
    public static final String CALLER_ADDRESS_HEADER = "X-Sandbox-Caller-Address";
    /** The account id in write answers unless {@link Builder#accountId(String)} says otherwise. */
    public static final String DEFAULT_ACCOUNT_ID = "20001";
    /** The id of the first agent created in a new store. */
    public static final long DEFAULT_FIRST_AGENT_ID = 550_000;
    /** How long a token is good for unless {@link Builder#tokenTtl(Duration)} says otherwise: 12 hours. */
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofSeconds(43_200);
    /** How long a connection may send nothing unless {@link Builder#readTimeout(Duration)} says otherwise. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Open connections allowed unless {@link Builder#maxConnections(int)} says otherwise. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1_000;
    /** The largest request line plus headers unless {@link Builder#maxHeaderBytes(int)} says otherwise: 64 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
    /** Records one write may carry unless {@link Builder#maxRecordsPerWrite(int)} says otherwise. */
    public static final int DEFAULT_MAX_RECORDS_PER_WRITE = 10_000;

    /** Data directories held by a running sandbox of this JVM: H2 would let a second one share the file. */
    private static final Set<Path> DIRS_IN_USE = ConcurrentHashMap.newKeySet();

    private final SandboxSettings<?> config;
    private final Faults faults = new Faults();
    private Path heldDir;
    private Path databaseDir;
    private HttpListener http;
    private volatile ApiHandler handler;
    private AgentStore store;
    private boolean created;
    private boolean closed;

    private SandboxServer(SandboxSettings<?> config) {
        this.config = config;
        faults.seed(config.faultSeed);
    }

    /** A builder with every setting at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the store (creating and seeding it when new) and starts listening.
     *
     * @return this server
     * @throws SandboxException when the address cannot be bound or the data cannot be opened
     */
    public synchronized SandboxServer start() {
        if (http != null || closed) {
            throw new IllegalStateException(closed ? "this sandbox was closed; build a new one" : "already started");
        }
        InetAddress bind = HttpListener.resolve(config.bind);
        if (config.dataDir != null) {
            Path dir = config.dataDir.toAbsolutePath().normalize();
            if (!DIRS_IN_USE.add(dir)) {
                throw new SandboxException("sandbox data directory " + config.dataDir + " is in use by another sandbox");
            }
            heldDir = dir;
        }
        try {
            databaseDir = config.dataDir == null ? null : DataDirectory.prepare(config.dataDir);
            store = AgentStore.open(databaseDir, config.firstAgentId, config.threads, config.seed, config.strict);
            if (databaseDir != null) {
                DataDirectory.restrictFiles(databaseDir);
            }
            created = store.created();
            Settings settings = new Settings(config.accountId, config.apiUser, config.apiPassword, config.clock,
                    config.trustAddressHeader, config.defaultFormat, config.tokenTtl, config.deleteEnabled,
                    config.unknownTokenError, config.errorStatus, config.acceptBareObject, config.htmlContentType,
                    config.maxBodyBytes, config.maxRecordsPerWrite);
            TokenRegistry tokens = new TokenRegistry(config.clock, config.tokenTtl, store,
                    config.loginThrottle != null ? config.loginThrottle : LoginThrottle.forThreads(config.threads));
            handler = new ApiHandler(settings, store, tokens, faults, config.requestLog);
            http = HttpListener.start(bind, config, handler);
            return this;
        } catch (RuntimeException e) {
            abandon();
            throw e;
        }
    }

    /** The base URL of the EU-style paths, e.g. {@code http://127.0.0.1:18080/}; add {@code token.php}. */
    public URI baseUri() {
        InetSocketAddress a = address();
        InetAddress host = a.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a.getAddress();
        return URI.create((config.tls == null ? "http://" : "https://") + HttpListener.hostPort(host, a.getPort()) + "/");
    }

    /** The base URL of the US-style paths: {@link #baseUri()} plus {@code api/}. */
    public URI apiBaseUri() {
        return baseUri().resolve("api/");
    }

    /** The address and port the server listens on. */
    public InetSocketAddress address() {
        requireStarted();
        return new InetSocketAddress(http.address(), http.port());
    }

    /** The port the server listens on (the chosen one when built with port 0). */
    public int port() {
        return address().getPort();
    }

    /** True when the server listens on a loopback address only. */
    public boolean loopbackOnly() {
        return address().getAddress().isLoopbackAddress();
    }

    /** The {@code account_id} of write answers. */
    public String accountId() {
        return config.accountId;
    }

    /** The API username {@code token.php} accepts. The password is never exposed. */
    public String apiUsername() {
        return config.apiUser;
    }

    /** The data directory, or empty when the agents live in memory. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(config.dataDir);
    }

    /**
     * The directory that holds the database file: the data directory, or its private subdirectory
     * when others can read the data directory (see {@link Builder#dataDir(Path)}); empty in memory.
     */
    public Optional<Path> databaseDir() {
        requireStarted();
        return Optional.ofNullable(databaseDir);
    }

    /** True when the server behaves like a fixed-schema server ({@link Builder#strict(boolean)}). */
    public boolean strict() {
        return config.strict;
    }

    /** True when this start created the store and applied the seed; false when it found data. */
    public boolean createdStore() {
        requireStarted();
        return created;
    }

    /**
     * How many API requests the sandbox is handling right now, from arrival until answered or
     * dropped, including one whose caller has gone (a stopped client's write still commits). A test
     * that stops a client waits for this to fall to 0 before it reads what the sandbox holds.
     */
    public int inFlight() {
        ApiHandler h = handler;
        return h == null ? 0 : h.handling();
    }

    /** The faults injected into requests; all off until set, changeable while running. */
    public Faults faults() {
        return faults;
    }

    /**
     * Deletes every agent, restarts agent ids at the first id and applies the seed, as for a new
     * store. Issued tokens stay good.
     */
    public void reset(Seed seed) {
        requireStarted();
        store.reset(Objects.requireNonNull(seed, "seed"));
    }

    private void requireStarted() {
        if (http == null) {
            throw new IllegalStateException(closed ? "this sandbox was closed" : "the sandbox is not started");
        }
    }

    /** Stops listening, lets running requests finish for up to a second and closes the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll();
    }

    /** A failed start: releases what was taken; the server cannot be started again. */
    private void abandon() {
        closed = true;
        stopAll();
    }

    private void stopAll() {
        if (http != null) {
            http.stop();
        }
        if (store != null) {
            store.close();
        }
        if (heldDir != null) {
            DIRS_IN_USE.remove(heldDir);
            heldDir = null;
        }
    }

    @Override
    public String toString() {
        return "SandboxServer[" + (http == null ? "not started" : baseUri()) + ", account " + config.accountId
                + ", " + (config.dataDir == null ? "in memory" : "data " + config.dataDir) + "]";
    }

    /**
     * Builds a {@link SandboxServer}; its setters, their defaults and their checks are those of
     * {@link SandboxSettings}.
     */
    public static final class Builder extends SandboxSettings<Builder> {

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** A server with these settings, not yet started; later changes to this builder do not reach it. */
        public SandboxServer build() {
            return new SandboxServer(snapshot());
        }

        @Override
        public String toString() {
            return "SandboxServer.Builder[port=" + port + ", bind=" + bind + ", apiUser=" + apiUser
                    + ", apiPassword=****]";
        }
    }
}
