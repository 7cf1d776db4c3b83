package io.cnsh.sandbox;

import io.cnsh.wire.Format;
import io.cnsh.wire.WireLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a sandbox, each with its default and its check, set through
 * {@link SandboxServer.Builder} (this class only gives the builder its setters, so that every one
 * of them returns the builder). Every setting has a default: port 0 (any free port) on 127.0.0.1,
 * agents in memory seeded with {@link Seed#DEMO}, API user {@code demo} / {@code demo}, the
 * system clock, JSON by default, 12-hour tokens, delete off, a silent request log, a 30 s read
 * timeout, 1,000 connections, 64 KiB of request line and headers, 10,000 records per write.
 *
 * @param <B> the builder type the setters return
 */
public abstract class SandboxSettings<B extends SandboxSettings<B>> implements Cloneable {

    int port;
    String bind = "127.0.0.1";
    Path dataDir;
    Seed seed = Seed.DEMO;
    String apiUser = "demo";
    String apiPassword = "demo";
    String accountId = SandboxServer.DEFAULT_ACCOUNT_ID;
    Clock clock = Clock.systemUTC();
    boolean trustAddressHeader;
    Format defaultFormat = Format.JSON;
    Duration tokenTtl = SandboxServer.DEFAULT_TOKEN_TTL;
    boolean deleteEnabled;
    String unknownTokenError = "Unknown token";
    int errorStatus = 200;
    boolean acceptBareObject = true;
    boolean htmlContentType;
    int maxBodyBytes = WireLimits.DEFAULT.maxBodyBytes();
    int threads = 32;
    Duration readTimeout = SandboxServer.DEFAULT_READ_TIMEOUT;
    int maxConnections = SandboxServer.DEFAULT_MAX_CONNECTIONS;
    int maxHeaderBytes = SandboxServer.DEFAULT_MAX_HEADER_BYTES;
    int maxRecordsPerWrite = SandboxServer.DEFAULT_MAX_RECORDS_PER_WRITE;
    long firstAgentId = SandboxServer.DEFAULT_FIRST_AGENT_ID;
    RequestLog requestLog = RequestLog.silent();
    long faultSeed = 1;
    boolean strict;
    LoginThrottle loginThrottle;
    javax.net.ssl.SSLContext tls;

    SandboxSettings() {
    }

    /** This builder, as its own type. */
    abstract B self();

    /** A copy of these settings, for a server that later changes to the builder do not touch. */
    final SandboxSettings<?> snapshot() {
        try {
            return (SandboxSettings<?>) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** The port to listen on; 0 (the default) picks a free one, see {@link SandboxServer#port()}. */
    public B port(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        this.port = port;
        return self();
    }

    /** The address to listen on, e.g. {@code 127.0.0.1} (the default), {@code ::1} or {@code 0.0.0.0}. */
    public B bind(String address) {
        this.bind = Objects.requireNonNull(address, "address");
        return self();
    }

    /** Keeps the agents in memory; they are gone when the server closes. The default. */
    public B inMemory() {
        this.dataDir = null;
        return self();
    }

    /**
     * Keeps the agents in a database file under this directory. Every confirmed write is in the
     * file before it is answered, so it survives the process being killed. Only the owner can
     * read the database: a missing directory is created {@code rwx------}; an existing one that
     * others can read gets a private subdirectory {@code private} for the database (its own
     * permissions are left alone), unless it already holds a database, which the sandbox then
     * refuses to open.
     */
    public B dataDir(Path dir) {
        this.dataDir = Objects.requireNonNull(dir, "dir");
        return self();
    }

    /** What a new store starts with (default {@link Seed#DEMO}); an existing store is never re-seeded. */
    public B seed(Seed seed) {
        this.seed = Objects.requireNonNull(seed, "seed");
        return self();
    }

    /** The API credentials {@code token.php} accepts (default {@code demo} / {@code demo}). */
    public B apiUser(String username, String password) {
        this.apiUser = Objects.requireNonNull(username, "username");
        this.apiPassword = Objects.requireNonNull(password, "password");
        return self();
    }

    /** The {@code account_id} of write answers (default {@value SandboxServer#DEFAULT_ACCOUNT_ID}). */
    public B accountId(String accountId) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        return self();
    }

    /** The clock of token expiry and log entries; a test sets its own to expire tokens. */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * Whether the {@value SandboxServer#CALLER_ADDRESS_HEADER} header may stand in for the caller's
     * address (default false). For tests only: anyone who can reach the server could claim any address.
     */
    public B trustAddressHeader(boolean trust) {
        this.trustAddressHeader = trust;
        return self();
    }

    /** The format of {@code database.php} when a request names none: JSON (the default) or XML. */
    public B defaultFormat(Format format) {
        this.defaultFormat = Objects.requireNonNull(format, "format");
        return self();
    }

    /** How long a new token is good for (default 43200 s; some sources say 43199 s). */
    public B tokenTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("token TTL must be positive, got " + ttl);
        }
        this.tokenTtl = ttl;
        return self();
    }

    /**
     * Whether {@code action=delete} is served, as a soft delete that sets {@code filter} to 999
     * (default false: it is answered {@code Bad argument: action}, as the agents API documents no delete).
     */
    public B deleteEnabled(boolean enabled) {
        this.deleteEnabled = enabled;
        return self();
    }

    /** The answer to a missing or unknown token on {@code database.php} (default {@code Unknown token}). */
    public B unknownTokenError(String error) {
        this.unknownTokenError = Objects.requireNonNull(error, "error");
        return self();
    }

    /** The HTTP status of {@code success:false} answers (default 200, as the API answers). */
    public B errorStatus(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("error status must be 200 to 599, got " + status);
        }
        this.errorStatus = status;
        return self();
    }

    /** Whether a JSON payload may be one object rather than an array of them (default true). */
    public B acceptBareObject(boolean accept) {
        this.acceptBareObject = accept;
        return self();
    }

    /** Whether answers are labelled {@code text/html}, as a PHP server's default (default false). */
    public B htmlContentType(boolean html) {
        this.htmlContentType = html;
        return self();
    }

    /** The largest request body read (default 16 MiB); a larger one is refused with an error. */
    public B maxBodyBytes(int bytes) {
        this.maxBodyBytes = new WireLimits(bytes).maxBodyBytes();
        return self();
    }

    /** Request threads (default 32); more concurrent requests wait their turn. */
    public B threads(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be 1 to 1024, got " + threads);
        }
        this.threads = threads;
        return self();
    }

    /**
     * How long a connection may send nothing (default 30 s): while its request line, headers or
     * body are read, or between requests. Then it is closed; a half-sent request is not answered.
     */
    public B readTimeout(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("read timeout must be positive, got " + timeout);
        }
        this.readTimeout = timeout;
        return self();
    }

    /**
     * Connections open at once (default 1,000). At the bound no more are accepted until one
     * closes (they wait in the listen queue), and idle connections are closed after a second.
     */
    public B maxConnections(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1, got " + connections);
        }
        this.maxConnections = connections;
        return self();
    }

    /**
     * The largest request line plus header block in bytes (default 64 KiB). A longer request
     * line is answered 414 URI Too Long, a larger header block 431 Request Header Fields Too Large.
     */
    public B maxHeaderBytes(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("max header bytes must be at least 1024, got " + bytes);
        }
        this.maxHeaderBytes = bytes;
        return self();
    }

    /**
     * The most records one create, update or delete may carry (default 10,000). A write with more
     * is refused whole with {@code Bad payload: … over the limit of N records per write}; nothing
     * of it is stored. Reads are not bounded.
     */
    public B maxRecordsPerWrite(int records) {
        if (records < 1) {
            throw new IllegalArgumentException("max records per write must be at least 1, got " + records);
        }
        this.maxRecordsPerWrite = records;
        return self();
    }

    /** The id of the first agent of a new store (default {@value SandboxServer#DEFAULT_FIRST_AGENT_ID}). */
    public B firstAgentId(long id) {
        if (id < 1) {
            throw new IllegalArgumentException("first agent id must be positive, got " + id);
        }
        this.firstAgentId = id;
        return self();
    }

    /** Where each request is reported (default {@link RequestLog#silent()}). */
    public B requestLog(RequestLog log) {
        this.requestLog = Objects.requireNonNull(log, "log");
        return self();
    }

    /** The seed of the fault rates' random draws (default 1), for repeatable runs. */
    public B faultSeed(long seed) {
        this.faultSeed = seed;
        return self();
    }

    /**
     * Whether the server behaves like a fixed-schema server (default false, lenient): fields
     * outside the documented 21 are dropped from writes and never answered, and the numeric
     * fields ({@code filter}, {@code customer}, {@code agent_version}, {@code selfserve_id},
     * {@code aod_lock}, {@code audio_id}) are integer columns: {@code "007"} is answered
     * {@code "7"}, an empty value {@code "0"}, and a record with text that is no whole number
     * there is refused. Lenient, the sandbox keeps other fields and answers values as sent.
     */
    public B strict(boolean strict) {
        this.strict = strict;
        return self();
    }

    /**
     * Serves HTTPS with this context's key and certificate instead of plain HTTP (default: none);
     * for specs of clients that must trust a certificate of their own, e.g. a self-signed one.
     */
    public B tls(javax.net.ssl.SSLContext context) {
        this.tls = Objects.requireNonNull(context, "context");
        return self();
    }

    /** How failed logins are slowed; a spec passes one whose pauses move its own ticker. */
    B loginThrottle(LoginThrottle throttle) {
        this.loginThrottle = Objects.requireNonNull(throttle, "throttle");
        return self();
    }
}
