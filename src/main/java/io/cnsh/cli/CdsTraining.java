package io.cnsh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The run the build records its AppCDS archive from (see pom.xml): in one JVM, as JDK 17 archives
 * the classes of one process, it takes each path a user starts often — {@code -e} with no target
 * use, {@code -e} with a read and {@code run} of a script on the embedded sandbox and on a base URL,
 * {@code token get} — and then the shell, whose session it reads from standard input. Not a cnsh
 * command; its output goes to the build's log.
 */
final class CdsTraining {

    private CdsTraining() {
    }

    /** {@code args[0]}: an empty directory to use as {@code CNSH_HOME}. Exits 1 when a path fails. */
    public static void main(String[] args) throws IOException {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path script = home.resolve("training.groovy");
        Files.createDirectories(home);
        Files.writeString(script, "def page = agents < read limit: 2 >\nprintln \"read ${page.size()} agents\"\n");
        Map<String, String> env = new HashMap<>();
        env.put("CNSH_HOME", home.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int failed = 0;
        failed += step(Main.run(env, out, err, "-e", "1"));
        failed += step(Main.run(env, out, err, "-e", "agents < read limit: 1 >"));
        failed += step(Main.run(env, out, err, "run", script.toString()));
        failed += step(Main.run(env, out, err, "token", "get"));
        try (EmbeddedSandbox remote = EmbeddedSandbox.start(home.resolve("remote"))) {
            Map<String, String> byUrl = new HashMap<>(env);
            byUrl.put("CNSH_BASE_URL", remote.server().baseUri().toString());
            byUrl.put("CNSH_USERNAME", EmbeddedSandbox.USER);
            byUrl.put("CNSH_PASSWORD", EmbeddedSandbox.PASSWORD);
            failed += step(Main.run(byUrl, out, err, "token", "get"));
            failed += step(Main.run(byUrl, out, err, "-e", "agents < read limit: 1 >"));
            // The line above is a one-form (dsl/OneForm, no compiler); this one keeps the compiled -e trained.
            failed += step(Main.run(byUrl, out, err, "-e", "def n = 1\nagents < read limit: n >"));
            failed += step(Main.run(byUrl, out, err, "run", script.toString()));
        }
        // -i: the session's lines come from a pipe and one fails on purpose; the prompting shell carries on
        failed += step(Main.run(env, out, err, "-i", "--sandbox"));
        System.exit(failed == 0 ? Main.OK : Main.ERROR);
    }

    private static int step(int exit) {
        return exit == Main.OK ? 0 : 1;
    }
}
