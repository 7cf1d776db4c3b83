package io.cnsh.cli;

import io.cnsh.sandbox.RequestLog;
import io.cnsh.sandbox.SandboxException;
import io.cnsh.sandbox.SandboxServer;
import io.cnsh.sandbox.Seed;
import io.cnsh.wire.Format;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code cnsh sandbox}: runs the local ContactNow-compatible server in the foreground until
 * Ctrl-C or SIGTERM.
 *
 * <p>Option values are taken as text and checked here rather than by picocli's converters, so
 * that every mistake ends the same way: one line on stderr and exit code 2.
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
public final class SandboxCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 18080;
    /** The environment variable that may hold the API password, so that it stays out of {@code ps}. */
    static final String PASSWORD_ENV = "CNSH_SANDBOX_API_PASSWORD";
    /** The longest password file read; a password is a line, not a document. */
    private static final int MAX_PASSWORD_FILE_BYTES = 4096;

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

    @Option(names = "--port", paramLabel = "N", arity = "0..1", hideParamSyntax = true, description = "Port to listen on (default 18080; 0 picks a free one).")
    String port;

    @Option(names = "--bind", paramLabel = "ADDR", arity = "0..1", hideParamSyntax = true, description = "Address to listen on (default 127.0.0.1).")
    String bind;

    @Option(names = "--data", paramLabel = "DIR", arity = "0..1", hideParamSyntax = true, description = "Data directory (default $CNSH_HOME/sandbox, CNSH_HOME default ~/.cnsh).")
    String data;

    @Option(names = "--in-memory", description = "Keep agents in memory only; they are gone on exit.")
    boolean inMemory;

    @Option(names = "--seed", paramLabel = "demo|none", arity = "0..1", hideParamSyntax = true, description = "What a new store starts with (default demo).")
    String seed;

    @Option(names = "--api-user", paramLabel = "NAME", arity = "0..1", hideParamSyntax = true, description = "API username token.php accepts (default demo).")
    String apiUser;

    @Option(names = "--api-password", paramLabel = "PASS", arity = "0..1", hideParamSyntax = true, description = "Its password (default demo); other users see it in ps, so prefer the next two.")
    String apiPassword;

    @Option(names = "--api-password-file", paramLabel = "FILE", arity = "0..1", hideParamSyntax = true, description = "Read the password from the first line of FILE.")
    String apiPasswordFile;

    @Option(names = "--strict", description = "Behave like a fixed-schema server: drop fields outside the documented 21, answer numbers as their columns store them.")
    boolean strict;

    @Option(names = "--account-id", paramLabel = "ID", arity = "0..1", hideParamSyntax = true, description = "account_id of write answers (default 20001).")
    String accountId;

    @Option(names = "--default-format", paramLabel = "json|xml", arity = "0..1", hideParamSyntax = true, description = "database.php format when a request names none (default json).")
    String defaultFormat;

    @Option(names = "--token-ttl", paramLabel = "SECONDS", arity = "0..1", hideParamSyntax = true, description = "Token lifetime (default 43200).")
    String tokenTtl;

    @Option(names = "--enable-delete", description = "Serve action=delete as a soft delete (filter 999).")
    boolean enableDelete;

    @Option(names = "--error-status", paramLabel = "N", arity = "0..1", hideParamSyntax = true, description = "HTTP status of success:false answers (default 200).")
    String errorStatus;

    @Option(names = "--max-records", paramLabel = "N", arity = "0..1", hideParamSyntax = true, description = "Most records one create or update may carry (default 10000); a larger write is refused whole. Reads are not bounded.")
    String maxRecords;

    @Option(names = "--max-connections", paramLabel = "N", arity = "0..1", hideParamSyntax = true, description = "Connections open at once (default 1000); at the bound idle ones are closed after 1 s.")
    String maxConnections;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", arity = "0..1", hideParamSyntax = true, description = "Close a connection that sends nothing for this long, mid-request or between requests (default 30).")
    String readTimeout;

    @Option(names = "--quiet", description = "Do not log requests to stderr.")
    boolean quiet;

    @Option(names = "--fault-latency", paramLabel = "MS", arity = "0..1", hideParamSyntax = true, description = "Fault: delay every request by MS milliseconds.")
    String faultLatency;

    @Option(names = "--fault-jitter", paramLabel = "MS", arity = "0..1", hideParamSyntax = true, description = "Fault: add up to MS random milliseconds.")
    String faultJitter;

    @Option(names = "--fault-http-errors", paramLabel = "RATE", arity = "0..1", hideParamSyntax = true, description = "Fault: answer this share (0-1) with HTTP 500/502/503.")
    String faultHttpErrors;

    @Option(names = "--fault-resets", paramLabel = "RATE", arity = "0..1", hideParamSyntax = true, description = "Fault: close this share of connections unanswered.")
    String faultResets;

    @Option(names = "--fault-lost-responses", paramLabel = "RATE", arity = "0..1", hideParamSyntax = true, description = "Fault: handle (commit) this share, then drop the answer.")
    String faultLostResponses;

    @Option(names = "--fault-expired-tokens", paramLabel = "N", arity = "0..1", hideParamSyntax = true, description = "Fault: answer the next N database.php calls \"Expired token\".")
    String faultExpiredTokens;

    @Option(names = "--fault-unknown-tokens", paramLabel = "N", arity = "0..1", hideParamSyntax = true, description = "Fault: answer the next N database.php calls \"Unknown token\".")
    String faultUnknownTokens;

    @Option(names = "--fault-ignore-start", description = "Fault: reads ignore start (every page begins at the first match).")
    boolean faultIgnoreStart;

    @Option(names = "--fault-ignore-limit", description = "Fault: reads ignore limit (every page holds every match from start).")
    boolean faultIgnoreLimit;

    @Option(names = "--fault-drop-rows", paramLabel = "RATE", arity = "0..1", hideParamSyntax = true, description = "Fault: leave this share (0-1) of rows out of read pages; total still counts them.")
    String faultDropRows;

    @Option(names = "--fault-seed", paramLabel = "N", arity = "0..1", hideParamSyntax = true, description = "Seed of the fault rates' random draws (default 1).")
    String faultSeed;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    /** A mistake in the options: reported on one line, exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SandboxServer server;
        try {
            server = configure(main == null ? System.getenv() : main.env(), err).build();
            applyFaults(server);
        } catch (UsageException e) {
            err.println("cnsh sandbox: " + e.getMessage() + " (see cnsh sandbox --help)");
            err.flush();
            return Main.USAGE;
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

    /** The server these options describe; also checks them. */
    SandboxServer.Builder configure(Map<String, String> env, PrintWriter err) {
        if (!unmatched.isEmpty()) {
            throw new UsageException("unknown option or argument '" + unmatched.get(0) + "'");
        }
        SandboxServer.Builder b = SandboxServer.builder()
                .port(intValue("--port", port, DEFAULT_PORT, 0, 65_535));
        if (bind != null) {
            String address = required("--bind", bind);
            try {
                java.net.InetAddress.getByName(address);
            } catch (java.net.UnknownHostException e) {
                throw new UsageException("--bind names an unknown address '" + address + "'");
            }
            b.bind(address);
        }
        if (inMemory && data != null) {
            throw new UsageException("--data and --in-memory exclude each other");
        }
        if (inMemory) {
            b.inMemory();
        } else {
            b.dataDir(dataDir(env));
        }
        if (seed != null) {
            switch (required("--seed", seed).toLowerCase(Locale.ROOT)) {
                case "demo" -> b.seed(Seed.DEMO);
                case "none" -> b.seed(Seed.NONE);
                default -> throw new UsageException("--seed must be demo or none, got '" + seed + "'");
            }
        }
        credentials(b, env, err);
        b.strict(strict);
        if (accountId != null) {
            String id = required("--account-id", accountId);
            if (!id.matches("[0-9]{1,18}")) {
                throw new UsageException("--account-id must be digits, got '" + id + "'");
            }
            b.accountId(id);
        }
        if (defaultFormat != null) {
            String f = required("--default-format", defaultFormat).toLowerCase(Locale.ROOT);
            if (!f.equals("json") && !f.equals("xml")) {
                throw new UsageException("--default-format must be json or xml, got '" + defaultFormat + "'");
            }
            b.defaultFormat(Format.parse(f));
        }
        if (tokenTtl != null) {
            b.tokenTtl(Duration.ofSeconds(intValue("--token-ttl", tokenTtl, 0, 1, Integer.MAX_VALUE)));
        }
        if (errorStatus != null) {
            b.errorStatus(intValue("--error-status", errorStatus, 200, 200, 599));
        }
        if (maxRecords != null) {
            b.maxRecordsPerWrite(intValue("--max-records", maxRecords, 0, 1, 1_000_000));
        }
        if (maxConnections != null) {
            b.maxConnections(intValue("--max-connections", maxConnections, 0, 1, 100_000));
        }
        if (readTimeout != null) {
            b.readTimeout(Duration.ofSeconds(intValue("--read-timeout", readTimeout, 0, 1, 86_400)));
        }
        b.deleteEnabled(enableDelete);
        b.requestLog(quiet ? RequestLog.silent() : RequestLog.lines(line -> {
            err.println(line);
            err.flush();
        }));
        if (faultSeed != null) {
            b.faultSeed(longValue("--fault-seed", faultSeed));
        }
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
        String password = null;
        if (apiPasswordFile != null) {
            password = passwordFile(required("--api-password-file", apiPasswordFile), err);
        } else if (apiPassword != null) {
            password = required("--api-password", apiPassword);
        }
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
            b.apiUser(apiUser == null ? "demo" : required("--api-user", apiUser), password);
        }
    }

    /** The password on the first line of a file; a file others can read earns a warning. */
    private static String passwordFile(String name, PrintWriter err) {
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            throw new UsageException("--api-password-file is not a valid path: '" + name + "'");
        }
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new UsageException("--api-password-file " + file + " is a directory; give the file that holds the password");
            }
            if (Files.size(file) > MAX_PASSWORD_FILE_BYTES) {
                throw new UsageException("--api-password-file " + file + " is over " + MAX_PASSWORD_FILE_BYTES
                        + " bytes; it should hold the password on one line");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("--api-password-file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new UsageException("--api-password-file " + file + " cannot be read: permission denied");
        } catch (IOException e) {
            throw new UsageException("--api-password-file " + file + " cannot be read: " + e.getMessage());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String line = text.lines().findFirst().orElse("");
        if (line.isBlank()) {
            throw new UsageException("--api-password-file " + file + " is empty; put the password on its first line");
        }
        if (text.lines().skip(1).anyMatch(l -> !l.isBlank())) {
            throw new UsageException("--api-password-file " + file + " holds more than one line; put only the password in it");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                err.println("cnsh sandbox: warning: other users can read " + file + "; chmod 600 " + file);
                err.flush();
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX permissions to check
        }
        return line;
    }

    private void applyFaults(SandboxServer server) {
        long latency = intValue("--fault-latency", faultLatency, 0, 0, 600_000);
        long jitter = intValue("--fault-jitter", faultJitter, 0, 0, 600_000);
        server.faults()
                .latency(Duration.ofMillis(latency), Duration.ofMillis(jitter))
                .httpErrorRate(rate("--fault-http-errors", faultHttpErrors))
                .resetRate(rate("--fault-resets", faultResets))
                .lostResponseRate(rate("--fault-lost-responses", faultLostResponses))
                .nextExpiredTokens(intValue("--fault-expired-tokens", faultExpiredTokens, 0, 0, Integer.MAX_VALUE))
                .nextUnknownTokens(intValue("--fault-unknown-tokens", faultUnknownTokens, 0, 0, Integer.MAX_VALUE))
                .ignoreStart(faultIgnoreStart)
                .ignoreLimit(faultIgnoreLimit)
                .dropRowRate(rate("--fault-drop-rows", faultDropRows));
    }

    private Path dataDir(Map<String, String> env) {
        String text;
        if (data != null) {
            text = required("--data", data);
        } else {
            String home = env.get("CNSH_HOME");
            text = home == null || home.isBlank()
                    ? Path.of(System.getProperty("user.home"), ".cnsh", "sandbox").toString()
                    : Path.of(home, "sandbox").toString();
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException("--data is not a valid path: '" + text + "'");
        }
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

    private static String required(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException(option + " needs a value");
        }
        return value.trim();
    }

    private static int intValue(String option, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        String v = required(option, value);
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new UsageException(option + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    private static long longValue(String option, String value) {
        String v = required(option, value);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, got '" + v + "'");
        }
    }

    private static double rate(String option, String value) {
        if (value == null) {
            return 0;
        }
        String v = required(option, value);
        try {
            double r = Double.parseDouble(v);
            if (r >= 0 && r <= 1) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new UsageException(option + " must be a share from 0 to 1, got '" + v + "'");
    }
}
