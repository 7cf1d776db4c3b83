package io.cnsh.cli;

import io.cnsh.sandbox.RequestLog;
import io.cnsh.sandbox.SandboxException;
import io.cnsh.sandbox.SandboxServer;
import io.cnsh.sandbox.Seed;
import io.cnsh.wire.Format;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code cnsh sandbox}: runs the local ContactNow-compatible server in the foreground until
 * Ctrl-C or SIGTERM.
 *
 * <p>Option values are typed and checked by picocli's converters ({@link OptionConverters}); a
 * value they refuse, and a mistake in how the options go together, end the same way: one line on
 * stderr that names the option, and exit code 2.
 */
@Command(name = "sandbox",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        customSynopsis = {"cnsh sandbox [--port N] [--bind ADDR] [--data DIR | --in-memory]",
            "             [--seed demo|none] [--api-user NAME --api-password-file FILE] [--strict] [OPTIONS]"},
        description = {"Runs a local server that answers ContactNow's token.php and database.php (agents) in"
                + " JSON, XML and CSV, under / and /api/, until Ctrl-C. Agents live in an embedded database"
                + " under --data (default $CNSH_HOME/sandbox) or in memory; a new store gets the demo agents.",
            "Every confirmed write is in the database file before it is answered. Only you can read the"
                + " database: a directory others can read gets a private subdirectory for it.",
            "The API password comes from --api-password-file, else $" + SandboxCommand.PASSWORD_ENV
                + ", else --api-password (visible to other users in ps)."})
public final class SandboxCommand implements Callable<Integer>, IParameterExceptionHandler {

    static final int DEFAULT_PORT = 18080;
    /** The environment variable that may hold the API password, so that it stays out of {@code ps}. */
    static final String PASSWORD_ENV = "CNSH_SANDBOX_API_PASSWORD";

    CommandSpec spec;

    /** The entry point, for the environment it was given (a spec passes its own). */
    @ParentCommand
    Main main;

    /** Picocli hands over the model here; a repeated option then keeps its last value, as is usual. */
    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        spec.parser().overwrittenOptionsAllowed(true);
    }

    // Every option with a value takes it optionally (arity 0..1), so that a missing one reaches its
    // converter as "" and is reported as "--port needs a value" rather than in picocli's words.

    @Option(names = "--port", paramLabel = "N", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Port.class,
            description = "Port to listen on (default 18080; 0 picks a free one).")
    int port = DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDR", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Address.class,
            description = "Address to listen on (default 127.0.0.1).")
    String bind;

    @Option(names = "--data", paramLabel = "DIR", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.FilePath.class,
            description = "Data directory (default $CNSH_HOME/sandbox, CNSH_HOME default ~/.cnsh).")
    Path data;

    @Option(names = "--in-memory", description = "Keep agents in memory only; they are gone on exit.")
    boolean inMemory;

    @Option(names = "--seed", paramLabel = "demo|none", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.SeedName.class,
            description = "What a new store starts with (default demo).")
    Seed seed = Seed.DEMO;

    @Option(names = "--api-user", paramLabel = "NAME", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Text.class,
            description = "API username token.php accepts (default demo).")
    String apiUser;

    @Option(names = "--api-password", paramLabel = "PASS", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Text.class,
            description = "Its password (default demo); other users see it in ps, so prefer the next two.")
    String apiPassword;

    @Option(names = "--api-password-file", paramLabel = "FILE", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.FilePath.class,
            description = "Read the password from the first line of FILE.")
    Path apiPasswordFile;

    @Option(names = "--strict", description = "Behave like a fixed-schema server: drop fields outside the documented 21, answer numbers as their columns store them.")
    boolean strict;

    @Option(names = "--account-id", paramLabel = "ID", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Digits.class,
            description = "account_id of write answers (default 20001).")
    String accountId = SandboxServer.DEFAULT_ACCOUNT_ID;

    @Option(names = "--default-format", paramLabel = "json|xml", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.FormatName.class,
            description = "database.php format when a request names none (default json).")
    Format defaultFormat = Format.JSON;

    @Option(names = "--token-ttl", paramLabel = "SECONDS", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.LifetimeSeconds.class,
            description = "Token lifetime (default 43200).")
    Duration tokenTtl = SandboxServer.DEFAULT_TOKEN_TTL;

    @Option(names = "--enable-delete", description = "Serve action=delete as a soft delete (filter 999).")
    boolean enableDelete;

    @Option(names = "--error-status", paramLabel = "N", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.ErrorStatus.class,
            description = "HTTP status of success:false answers (default 200).")
    int errorStatus = 200;

    @Option(names = "--max-records", paramLabel = "N", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.RecordsPerWrite.class,
            description = "Most records one create or update may carry (default 10000); a larger write is refused whole. Reads are not bounded.")
    int maxRecords = SandboxServer.DEFAULT_MAX_RECORDS_PER_WRITE;

    @Option(names = "--max-connections", paramLabel = "N", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Connections.class,
            description = "Connections open at once (default 1000); at the bound idle ones are closed after 1 s.")
    int maxConnections = SandboxServer.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.TimeoutSeconds.class,
            description = "Close a connection that sends nothing for this long, mid-request or between requests (default 30).")
    Duration readTimeout = SandboxServer.DEFAULT_READ_TIMEOUT;

    @Option(names = "--quiet", description = "Do not log requests to stderr.")
    boolean quiet;

    @Option(names = "--fault-latency", paramLabel = "MS", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.DelayMillis.class,
            description = "Fault: delay every request by MS milliseconds.")
    Duration faultLatency = Duration.ZERO;

    @Option(names = "--fault-jitter", paramLabel = "MS", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.DelayMillis.class,
            description = "Fault: add up to MS random milliseconds.")
    Duration faultJitter = Duration.ZERO;

    @Option(names = "--fault-http-errors", paramLabel = "RATE", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Share.class,
            description = "Fault: answer this share (0-1) with HTTP 500/502/503.")
    double faultHttpErrors;

    @Option(names = "--fault-resets", paramLabel = "RATE", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Share.class,
            description = "Fault: close this share of connections unanswered.")
    double faultResets;

    @Option(names = "--fault-lost-responses", paramLabel = "RATE", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Share.class,
            description = "Fault: handle (commit) this share, then drop the answer.")
    double faultLostResponses;

    @Option(names = "--fault-expired-tokens", paramLabel = "N", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Count.class,
            description = "Fault: answer the next N database.php calls \"Expired token\".")
    int faultExpiredTokens;

    @Option(names = "--fault-unknown-tokens", paramLabel = "N", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Count.class,
            description = "Fault: answer the next N database.php calls \"Unknown token\".")
    int faultUnknownTokens;

    @Option(names = "--fault-ignore-start", description = "Fault: reads ignore start (every page begins at the first match).")
    boolean faultIgnoreStart;

    @Option(names = "--fault-ignore-limit", description = "Fault: reads ignore limit (every page holds every match from start).")
    boolean faultIgnoreLimit;

    @Option(names = "--fault-drop-rows", paramLabel = "RATE", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.Share.class,
            description = "Fault: leave this share (0-1) of rows out of read pages; total still counts them.")
    double faultDropRows;

    @Option(names = "--fault-seed", paramLabel = "N", arity = "0..1", hideParamSyntax = true, converter = OptionConverters.AnyWholeNumber.class,
            description = "Seed of the fault rates' random draws (default 1).")
    long faultSeed = 1;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SandboxServer server;
        try {
            server = configure(main == null ? System.getenv() : main.env(), err).build();
            applyFaults(server);
        } catch (UsageException e) {
            return usageMistake(e.getMessage(), err);
        }
        try {
            server.start();
        } catch (SandboxException e) {
            err.println("cnsh sandbox: " + e.getMessage());
            err.flush();
            return Main.ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            err.println("cnsh sandbox: stopped");
            err.flush();
            stopped.countDown();
        }, "cnsh-sandbox-shutdown"));
        banner(server, out, err);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    /** A value picocli's converters refused, or another parse failure of these options: one line, exit code 2. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        return usageMistake(OptionConverters.mistake(e), e.getCommandLine().getErr());
    }

    private static int usageMistake(String message, PrintWriter err) {
        err.println("cnsh sandbox: " + message + " (see cnsh sandbox --help)");
        err.flush();
        return Main.USAGE;
    }

    /** The server these options describe; also checks how they go together. */
    SandboxServer.Builder configure(Map<String, String> env, PrintWriter err) {
        if (!unmatched.isEmpty()) {
            throw new UsageException("unknown option or argument '" + unmatched.get(0) + "'");
        }
        if (inMemory && data != null) {
            throw new UsageException("--data and --in-memory exclude each other");
        }
        SandboxServer.Builder b = SandboxServer.builder()
                .port(port)
                .seed(seed)
                .strict(strict)
                .accountId(accountId)
                .defaultFormat(defaultFormat)
                .tokenTtl(tokenTtl)
                .errorStatus(errorStatus)
                .maxRecordsPerWrite(maxRecords)
                .maxConnections(maxConnections)
                .readTimeout(readTimeout)
                .deleteEnabled(enableDelete)
                .faultSeed(faultSeed)
                .requestLog(quiet ? RequestLog.silent() : RequestLog.lines(line -> {
                    err.println(line);
                    err.flush();
                }));
        if (bind != null) {
            b.bind(bind);
        }
        if (inMemory) {
            b.inMemory();
        } else {
            b.dataDir(data != null ? data : defaultDataDir(env));
        }
        credentials(b, env, err);
        return b;
    }

    /**
     * The API user and password: the password from {@code --api-password-file}, else the
     * environment, else {@code --api-password}; a user named without a password is a mistake, so
     * that the default password never guards an account named on purpose.
     */
    private void credentials(SandboxServer.Builder b, Map<String, String> env, PrintWriter err) {
        if (apiPassword != null && apiPasswordFile != null) {
            throw new UsageException("--api-password and --api-password-file exclude each other");
        }
        if (apiUser == null && apiPasswordFile != null) {
            throw new UsageException("give --api-user with --api-password-file");
        }
        String password = apiPasswordFile != null ? ApiPasswordFile.read(apiPasswordFile, err) : apiPassword;
        if (password != null && apiUser == null) {
            throw new UsageException("give --api-user and --api-password together");
        }
        String fromEnv = env.get(PASSWORD_ENV);
        if (password == null && fromEnv != null) {
            if (fromEnv.isBlank()) {
                throw new UsageException(PASSWORD_ENV + " is set but empty: unset it or give it the password");
            }
            password = fromEnv;
        }
        if (apiUser != null && password == null) {
            throw new UsageException("give --api-user and --api-password together");
        }
        if (password != null) {
            b.apiUser(apiUser == null ? "demo" : apiUser, password);
        }
    }

    void applyFaults(SandboxServer server) {
        server.faults()
                .latency(faultLatency, faultJitter)
                .httpErrorRate(faultHttpErrors)
                .resetRate(faultResets)
                .lostResponseRate(faultLostResponses)
                .nextExpiredTokens(faultExpiredTokens)
                .nextUnknownTokens(faultUnknownTokens)
                .ignoreStart(faultIgnoreStart)
                .ignoreLimit(faultIgnoreLimit)
                .dropRowRate(faultDropRows);
    }

    /** {@code $CNSH_HOME/sandbox}, CNSH_HOME defaulting to {@code ~/.cnsh}. */
    private static Path defaultDataDir(Map<String, String> env) {
        String home = env.get("CNSH_HOME");
        return home == null || home.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cnsh", "sandbox")
                : Path.of(home, "sandbox");
    }

    private static void banner(SandboxServer server, PrintWriter out, PrintWriter err) {
        if (!server.loopbackOnly()) {
            err.println("cnsh sandbox: warning: listening on " + server.address().getAddress().getHostAddress()
                    + ", reachable from other machines; the sandbox has no TLS and test credentials");
            err.flush();
        }
        out.println("cnsh sandbox: listening on " + server.baseUri() + " (also " + server.apiBaseUri() + ")");
        out.println("  account id " + server.accountId() + ", API user " + server.apiUsername());
        String store = server.databaseDir().map(d -> "data " + d.toAbsolutePath()).orElse("data in memory");
        out.println("  " + store + (server.createdStore() ? " (new store)" : " (existing store)"));
        if (server.strict()) {
            out.println("  strict: fields outside the documented 21 are dropped, numbers answered as stored");
        }
        out.println("  faults: " + server.faults().describe());
        out.println("  Ctrl-C stops the server.");
        out.flush();
    }
}
