package io.cnsh.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox B2's one-shot commands talk to: {@code cnsh sandbox --port 0 --in-memory --quiet},
 * started once in a process of its own with a home of its own, so that no command being timed
 * starts a server; stopped when closed. Its API user is the default, {@code demo / demo}.
 */
final class RemoteSandbox implements AutoCloseable {

    static final String USER = "demo";
    static final String PASSWORD = "demo";

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final long START_TIMEOUT_MS = 120_000;

    private final Process process;
    private final String baseUrl;

    private RemoteSandbox(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts it with {@code cnsh} (the command that starts cnsh) and waits until it listens. */
    static RemoteSandbox start(List<String> cnsh, Path home) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(cnsh);
        command.addAll(List.of("sandbox", "--port", "0", "--in-memory", "--quiet"));
        Process p = StartupTimer.start(command, Map.of("CNSH_HOME", home.toString()));
        try {
            p.getOutputStream().close();
            Bench.Screen screen = new Bench.Screen(p.getInputStream());
            screen.await("listening on ", 0, System.nanoTime(), START_TIMEOUT_MS);
            screen.await("/ ", 0, System.nanoTime(), 5_000);
            Matcher m = LISTENING.matcher(screen.text());
            if (!m.find()) {
                throw new IllegalStateException("the sandbox did not say where it listens:\n" + screen.text());
            }
            return new RemoteSandbox(p, m.group(1));
        } catch (IOException | InterruptedException | RuntimeException e) {
            StartupTimer.end(p);
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT/} */
    String baseUrl() {
        return baseUrl;
    }

    /** The environment that makes cnsh use this sandbox as its target. */
    Map<String, String> target(Path home) {
        return Map.of("CNSH_HOME", home.toString(), "CNSH_BASE_URL", baseUrl, "CNSH_USERNAME", USER,
                "CNSH_PASSWORD", PASSWORD);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
