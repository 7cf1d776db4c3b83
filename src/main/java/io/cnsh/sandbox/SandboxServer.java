package io.cnsh.sandbox;

import io.cnsh.wire.Format;
import io.cnsh.wire.WireLimits;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

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
 * with the API's error envelope. Reads are not bounded, as the API's are not. A server runs once: after {@link #close()} build a new one (on the same data
 * directory, the agents and tokens are still there).
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
    /** How soon an idle connection is closed once {@link Builder#maxConnections(int)} are open. */
    private static final Duration IDLE_TIMEOUT_AT_LIMIT = Duration.ofSeconds(1);

    /** Data directories held by a running sandbox of this JVM: H2 would let a second one share the file. */
    private static final Set<Path> DIRS_IN_USE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final Builder config;
    private final Faults faults = new Faults();
    private Path heldDir;
    private Path databaseDir;
    private Server http;
    private ServerConnector connector;
    private InetAddress boundAddress;
    private AgentStore store;
    private boolean created;
    private boolean closed;

    private SandboxServer(Builder config) {
        this.config = config;
        faults.seed(config.faultSeed);
    }

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
        InetAddress bind = resolve(config.bind);
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
        } catch (RuntimeException e) {
            abandon();
            throw e;
        }
        created = store.created();
        try {
            Settings settings = new Settings(config.accountId, config.apiUser, config.apiPassword, config.clock,
                    config.trustAddressHeader, config.defaultFormat, config.tokenTtl, config.deleteEnabled,
                    config.unknownTokenError, config.errorStatus, config.acceptBareObject, config.htmlContentType,
                    config.maxBodyBytes, config.maxRecordsPerWrite);
            TokenRegistry tokens = new TokenRegistry(config.clock, config.tokenTtl, store,
                    config.loginThrottle != null ? config.loginThrottle : LoginThrottle.forThreads(config.threads));
            http = jetty(bind, new ApiHandler(settings, store, tokens, faults, config.requestLog));
            http.start();
            boundAddress = bind;
            return this;
        } catch (Exception e) {
            abandon();
            Throwable io = e;
            while (io != null && !(io instanceof IOException)) {
                io = io.getCause();
            }
            if (io == null && e instanceof RuntimeException r) {
                throw r;
            }
            for (Throwable t = io; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new SandboxException("cannot listen on " + hostPort(bind, config.port)
                            + ": address already in use");
                }
            }
            String why = (io == null ? e : io).getMessage();
            throw new SandboxException("cannot listen on " + hostPort(bind, config.port) + ": " + why, e);
        }
    }

    /**
     * The HTTP server: one selector thread reads request lines and headers of every connection
     * without blocking, so a slow or silent client holds no request thread; request threads run
     * the handler once a request's header is in.
     */
    private Server jetty(InetAddress bind, ApiHandler handler) {
        int server = SERVERS.incrementAndGet();
        // One acceptor and one selector thread besides the request threads.
        QueuedThreadPool pool = new QueuedThreadPool(config.threads + 2, Math.min(config.threads + 2, 4));
        pool.setName("cnsh-sandbox-" + server);
        pool.setDaemon(true);
        pool.setReservedThreads(0);
        Server jetty = new Server(pool, new ScheduledExecutorScheduler("cnsh-sandbox-" + server + "-timer", true), null);
        jetty.setStopTimeout(1_000);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        jetty.setErrorHandler(errors);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(config.maxHeaderBytes);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // "//token.php" is an empty path segment, which Jetty refuses by default as ambiguous; the
        // official PHP wrapper sends it whenever its base URL ends in "/".
        http.setUriCompliance(UriCompliance.DEFAULT.with("sandbox", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        ServerConnector c = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        c.setHost(bind.getHostAddress());
        c.setPort(config.port);
        c.setIdleTimeout(config.readTimeout.toMillis());
        c.setAcceptQueueSize(256);
        jetty.addConnector(c);
        long idleAtLimit = Math.min(config.readTimeout.toMillis(), IDLE_TIMEOUT_AT_LIMIT.toMillis());
        NetworkConnectionLimit limit = new NetworkConnectionLimit(config.maxConnections, c);
        limit.setEndPointIdleTimeout(idleAtLimit);
        jetty.addBean(limit);
        // The limit shortens the idle timeout only of connections whose endpoint exists when the
        // bound is reached; those accepted in the same instant get theirs here, as they open.
        c.addBean(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                if (limit.getNetworkConnectionCount() >= config.maxConnections) {
                    c.getConnectedEndPoints().forEach(e -> e.setIdleTimeout(idleAtLimit));
                }
            }
        });
        jetty.setHandler(handler);
        connector = c;
        return jetty;
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new SandboxException("cannot listen on " + host + ": unknown address");
        }
    }

    /** The base URL of the EU-style paths, e.g. {@code http://127.0.0.1:18080/}; add {@code token.php}. */
    public URI baseUri() {
        InetSocketAddress a = address();
        InetAddress host = a.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a.getAddress();
        return URI.create("http://" + hostPort(host, a.getPort()) + "/");
    }

    /** The base URL of the US-style paths: {@link #baseUri()} plus {@code api/}. */
    public URI apiBaseUri() {
        return baseUri().resolve("api/");
    }

    /** The address and port the server listens on. */
    public InetSocketAddress address() {
        requireStarted();
        return new InetSocketAddress(boundAddress, connector.getLocalPort());
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
        if (boundAddress == null) {
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
            try {
                http.stop();
            } catch (Exception e) {
                // stopping failed part way: the store is closed below all the same
            }
        }
        if (store != null) {
            store.close();
        }
        if (heldDir != null) {
            DIRS_IN_USE.remove(heldDir);
            heldDir = null;
        }
    }

    private static String hostPort(InetAddress host, int port) {
        String h = host.getHostAddress();
        int scope = h.indexOf('%');
        if (scope >= 0) {
            h = h.substring(0, scope);
        }
        return (host instanceof Inet6Address ? "[" + h + "]" : h) + ":" + port;
    }

    @Override
    public String toString() {
        return "SandboxServer[" + (boundAddress == null ? "not started" : baseUri()) + ", account " + config.accountId
                + ", " + (config.dataDir == null ? "in memory" : "data " + config.dataDir) + "]";
    }


    /**
     * Settings of a sandbox. Every setting has a default: port 0 (any free port) on 127.0.0.1,
     * agents in memory seeded with {@link Seed#DEMO}, API user {@code demo} / {@code demo}, the
     * system clock, JSON by default, 12-hour tokens, delete off, a silent request log, a 30 s read
     * timeout, 1,000 connections, 64 KiB of request line and headers, 10,000 records per write.
     */
    public static final class Builder {
        private int port;
        private String bind = "127.0.0.1";
        private Path dataDir;
        private Seed seed = Seed.DEMO;
        private String apiUser = "demo";
        private String apiPassword = "demo";
        private String accountId = DEFAULT_ACCOUNT_ID;
        private Clock clock = Clock.systemUTC();
        private boolean trustAddressHeader;
        private Format defaultFormat = Format.JSON;
        private Duration tokenTtl = DEFAULT_TOKEN_TTL;
        private boolean deleteEnabled;
        private String unknownTokenError = "Unknown token";
        private int errorStatus = 200;
        private boolean acceptBareObject = true;
        private boolean htmlContentType;
        private int maxBodyBytes = WireLimits.DEFAULT.maxBodyBytes();
        private int threads = 32;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxRecordsPerWrite = DEFAULT_MAX_RECORDS_PER_WRITE;
        private long firstAgentId = DEFAULT_FIRST_AGENT_ID;
        private RequestLog requestLog = RequestLog.silent();
        private long faultSeed = 1;
        private boolean strict;
        private LoginThrottle loginThrottle;

        private Builder() {
        }

        /** The port to listen on; 0 (the default) picks a free one, see {@link SandboxServer#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The address to listen on, e.g. {@code 127.0.0.1} (the default), {@code ::1} or {@code 0.0.0.0}. */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Keeps the agents in memory; they are gone when the server closes. The default. */
        public Builder inMemory() {
            this.dataDir = null;
            return this;
        }

        /**
         * Keeps the agents in a database file under this directory. Every confirmed write is in the
         * file before it is answered, so it survives the process being killed. Only the owner can
         * read the database: a missing directory is created {@code rwx------}; an existing one that
         * others can read gets a private subdirectory {@code private} for the database (its own
         * permissions are left alone), unless it already holds a database, which the sandbox then
         * refuses to open.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** What a new store starts with (default {@link Seed#DEMO}); an existing store is never re-seeded. */
        public Builder seed(Seed seed) {
            this.seed = Objects.requireNonNull(seed, "seed");
            return this;
        }

        /** The API credentials {@code token.php} accepts (default {@code demo} / {@code demo}). */
        public Builder apiUser(String username, String password) {
            this.apiUser = Objects.requireNonNull(username, "username");
            this.apiPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The {@code account_id} of write answers (default {@value SandboxServer#DEFAULT_ACCOUNT_ID}). */
        public Builder accountId(String accountId) {
            this.accountId = Objects.requireNonNull(accountId, "accountId");
            return this;
        }

        /** The clock of token expiry and log entries; a test sets its own to expire tokens. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether the {@value SandboxServer#CALLER_ADDRESS_HEADER} header may stand in for the caller's
         * address (default false). For tests only: anyone who can reach the server could claim any address.
         */
        public Builder trustAddressHeader(boolean trust) {
            this.trustAddressHeader = trust;
            return this;
        }

        /** The format of {@code database.php} when a request names none: JSON (the default) or XML. */
        public Builder defaultFormat(Format format) {
            this.defaultFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /** How long a new token is good for (default 43200 s; some sources say 43199 s). */
        public Builder tokenTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("token TTL must be positive, got " + ttl);
            }
            this.tokenTtl = ttl;
            return this;
        }

        /**
         * Whether {@code action=delete} is served, as a soft delete that sets {@code filter} to 999
         * (default false: it is answered {@code Bad argument: action}, as the agents API documents no delete).
         */
        public Builder deleteEnabled(boolean enabled) {
            this.deleteEnabled = enabled;
            return this;
        }

        /** The answer to a missing or unknown token on {@code database.php} (default {@code Unknown token}). */
        public Builder unknownTokenError(String error) {
            this.unknownTokenError = Objects.requireNonNull(error, "error");
            return this;
        }

        /** The HTTP status of {@code success:false} answers (default 200, as the API answers). */
        public Builder errorStatus(int status) {
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("error status must be 200 to 599, got " + status);
            }
            this.errorStatus = status;
            return this;
        }

        /** Whether a JSON payload may be one object rather than an array of them (default true). */
        public Builder acceptBareObject(boolean accept) {
            this.acceptBareObject = accept;
            return this;
        }

        /** Whether answers are labelled {@code text/html}, as a PHP server's default (default false). */
        public Builder htmlContentType(boolean html) {
            this.htmlContentType = html;
            return this;
        }

        /** The largest request body read (default 16 MiB); a larger one is refused with an error. */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = new WireLimits(bytes).maxBodyBytes();
            return this;
        }

        /** Request threads (default 32); more concurrent requests wait their turn. */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("threads must be 1 to 1024, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * How long a connection may send nothing (default 30 s): while its request line, headers or
         * body are read, or between requests. Then it is closed; a half-sent request is not answered.
         */
        public Builder readTimeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("read timeout must be positive, got " + timeout);
            }
            this.readTimeout = timeout;
            return this;
        }

        /**
         * Connections open at once (default 1,000). At the bound no more are accepted until one
         * closes (they wait in the listen queue), and idle connections are closed after a second.
         */
        public Builder maxConnections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("max connections must be at least 1, got " + connections);
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * The largest request line plus header block in bytes (default 64 KiB). A longer request
         * line is answered 414 URI Too Long, a larger header block 431 Request Header Fields Too Large.
         */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("max header bytes must be at least 1024, got " + bytes);
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /**
         * The most records one create, update or delete may carry (default 10,000). A write with more
         * is refused whole with {@code Bad payload: … over the limit of N records per write}; nothing
         * of it is stored. Reads are not bounded.
         */
        public Builder maxRecordsPerWrite(int records) {
            if (records < 1) {
                throw new IllegalArgumentException("max records per write must be at least 1, got " + records);
            }
            this.maxRecordsPerWrite = records;
            return this;
        }

        /** The id of the first agent of a new store (default {@value SandboxServer#DEFAULT_FIRST_AGENT_ID}). */
        public Builder firstAgentId(long id) {
            if (id < 1) {
                throw new IllegalArgumentException("first agent id must be positive, got " + id);
            }
            this.firstAgentId = id;
            return this;
        }

        /** Where each request is reported (default {@link RequestLog#silent()}). */
        public Builder requestLog(RequestLog log) {
            this.requestLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /** The seed of the fault rates' random draws (default 1), for repeatable runs. */
        public Builder faultSeed(long seed) {
            this.faultSeed = seed;
            return this;
        }

        /**
         * Whether the server behaves like a fixed-schema server (default false, lenient): fields
         * outside the documented 21 are dropped from writes and never answered, and the numeric
         * fields ({@code filter}, {@code customer}, {@code agent_version}, {@code selfserve_id},
         * {@code aod_lock}, {@code audio_id}) are integer columns: {@code "007"} is answered
         * {@code "7"}, an empty value {@code "0"}, and a record with text that is no whole number
         * there is refused. Lenient, the sandbox keeps other fields and answers values as sent.
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** How failed logins are slowed; a spec passes one whose pauses move its own ticker. */
        Builder loginThrottle(LoginThrottle throttle) {
            this.loginThrottle = Objects.requireNonNull(throttle, "throttle");
            return this;
        }

        /** A server with these settings, not yet started. */
        public SandboxServer build() {
            Builder copy = new Builder();
            copy.port = port;
            copy.bind = bind;
            copy.dataDir = dataDir;
            copy.seed = seed;
            copy.apiUser = apiUser;
            copy.apiPassword = apiPassword;
            copy.accountId = accountId;
            copy.clock = clock;
            copy.trustAddressHeader = trustAddressHeader;
            copy.defaultFormat = defaultFormat;
            copy.tokenTtl = tokenTtl;
            copy.deleteEnabled = deleteEnabled;
            copy.unknownTokenError = unknownTokenError;
            copy.errorStatus = errorStatus;
            copy.acceptBareObject = acceptBareObject;
            copy.htmlContentType = htmlContentType;
            copy.maxBodyBytes = maxBodyBytes;
            copy.threads = threads;
            copy.readTimeout = readTimeout;
            copy.maxConnections = maxConnections;
            copy.maxHeaderBytes = maxHeaderBytes;
            copy.maxRecordsPerWrite = maxRecordsPerWrite;
            copy.firstAgentId = firstAgentId;
            copy.requestLog = requestLog;
            copy.faultSeed = faultSeed;
            copy.strict = strict;
            copy.loginThrottle = loginThrottle;
            return new SandboxServer(copy);
        }

        @Override
        public String toString() {
            return "SandboxServer.Builder[port=" + port + ", bind=" + bind + ", apiUser=" + apiUser
                    + ", apiPassword=****]";
        }
    }
}
