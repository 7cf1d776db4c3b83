package io.cnsh.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How B2 times one row: a fresh process to its exit, or to its first prompt and its answer to
 * {@code 6*7}; or the floor, two {@code curl} requests one after the other. Each is timed from just
 * before its (first) process is started.
 */
final class StartupTimer {

    private static final long TIMEOUT_MS = 60_000;
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([0-9A-Za-z]+)\"");

    /** Seconds to the exit or first prompt, and to the first answer (0 when there is none). */
    record Timing(double first, double answer) {
    }

    /** One timing of a row; {@code n} counts every timing of the run, warm-up included, from 1. */
    interface Timed {
        Timing time(int n) throws IOException, InterruptedException;
    }

    private StartupTimer() {
    }

    /**
     * A command timed until it exits; it must exit 0 and, when {@code expect} is given, print it.
     * {@code before} runs ahead of each timing, outside it.
     */
    static Timed toExit(String label, IntFunction<List<String>> command, Map<String, String> env, String expect,
                        Runnable before) {
        return n -> {
            before.run();
            long start = System.nanoTime();
            Process p = start(command.apply(n), env);
            try {
                Bench.Screen screen = new Bench.Screen(p.getInputStream());
                p.getOutputStream().close();
                if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(label + " did not end within " + TIMEOUT_MS / 1000 + " s");
                }
                double took = (System.nanoTime() - start) / 1e9;
                String output = screen.all(5_000);
                if (p.exitValue() != 0 || expect != null && !output.contains(expect)) {
                    throw new IllegalStateException(label + " exited with " + p.exitValue() + "; output:\n" + output);
                }
                return new Timing(took, 0);
            } finally {
                end(p);
            }
        };
    }

    /** A shell timed until it shows {@code prompt}, and until it answers {@code 6*7}; then sent {@code /exit}. */
    static Timed toPrompt(String label, List<String> command, Map<String, String> env, String prompt) {
        return n -> {
            long start = System.nanoTime();
            Process p = start(command, env);
            try (OutputStream in = p.getOutputStream()) {
                Bench.Screen screen = new Bench.Screen(p.getInputStream());
                double first = screen.await(prompt, 0, start, TIMEOUT_MS);
                int after = screen.length();
                in.write("6*7\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                double answer = screen.await("42", after, start, TIMEOUT_MS);
                in.write("/exit\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(label + " did not end within 30 s of /exit");
                }
                return new Timing(first, answer);
            } finally {
                end(p);
            }
        };
    }

    /**
     * The floor: {@code curl} gets a token from {@code token.php}, then reads one agent with it from
     * {@code database.php}, the two requests a one-shot read needs at least.
     */
    static Timed curl(String curl, String baseUrl, String user, String password) {
        return n -> {
            long start = System.nanoTime();
            String answer = curlGet(curl, baseUrl + "token.php?action=get&username=" + user + "&password=" + password);
            Matcher token = TOKEN.matcher(answer);
            if (!token.find()) {
                throw new IllegalStateException("curl token.php: no token in its answer");
            }
            String read = curlGet(curl, baseUrl + "database.php?token=" + token.group(1)
                    + "&format=json&method=agents&action=read&limit=1");
            double took = (System.nanoTime() - start) / 1e9;
            if (!read.contains("agentid")) {
                throw new IllegalStateException("curl database.php read: no agent in its answer");
            }
            return new Timing(took, 0);
        };
    }

    private static String curlGet(String curl, String url) throws IOException, InterruptedException {
        Process p = start(List.of(curl, "-s", "-S", url), Map.of());
        try {
            Bench.Screen screen = new Bench.Screen(p.getInputStream());
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("curl failed: " + screen.all(1_000).strip());
            }
            return screen.all(5_000);
        } finally {
            end(p);
        }
    }

    /** Starts a command with its output and errors merged, without the caller's cnsh target settings. */
    static Process start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeAll(List.of("CNSH_PROFILE", "CNSH_BASE_URL", "CNSH_USERNAME", "CNSH_PASSWORD"));
        pb.environment().putAll(env);
        return pb.start();
    }

    static void end(Process p) {
        if (p.isAlive()) {
            p.destroyForcibly();
        }
    }
}
