package io.cnsh.bench;

import io.cnsh.bench.StartupTimer.Timed;
import io.cnsh.bench.StartupTimer.Timing;
import io.cnsh.model.ContactNowException;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * B2: start-up. Each row is a fresh process (or two), timed in turns (one run of each, then the next
 * round) so that all share the machine's conditions, from just before the process is started:
 *
 * <ul>
 *   <li>cnsh's one-shot commands, until the process has exited, against a sandbox running in another
 *       process ({@link RemoteSandbox}; the target in {@code CNSH_BASE_URL}, {@code CNSH_USERNAME} and
 *       {@code CNSH_PASSWORD}): {@code -e 1}; {@code -e "def n = N; agents < read limit: 1 >"}, with N
 *       counting up so that no two runs compile the same text; {@code run} of a 50-line script with
 *       {@code $CNSH_HOME/cache} emptied first, then again from its cache; {@code token get};
 *       {@code --version};</li>
 *   <li>the shells ({@code ./cnsh} on its embedded sandbox, JShell, groovysh): until the first prompt,
 *       and until the answer to a first line {@code 6*7}; each reads from a pipe, so runs on its dumb
 *       terminal;</li>
 *   <li>{@code groovy -e '1'}: Groovy's own command-line main class, until the process has exited;</li>
 *   <li>the floor: two {@code curl} requests against the same sandbox, a token, then a read with it.</li>
 * </ul>
 *
 * <p>cnsh is started through the real launcher, so its AppCDS archive is used when the build made one.
 * groovysh comes from {@code ~/.cache/cnsh-bench}, where a separate step puts it (see {@link GroovyshJars});
 * without it, groovysh is reported as skipped with the command to run and the rest is measured, as is
 * curl when there is none.
 */
final class StartupBenchmark {

    static final String GROOVYSH_VERSION = GroovyshJars.VERSION;
    /** The script {@code cnsh run} is timed with, relative to the project directory. */
    static final String SCRIPT = "src/test/resources/cache/fifty-lines.groovy";

    private final int runs;
    private final boolean warmUp;
    private final List<String> cnsh;
    private final String groovyClassPath;

    StartupBenchmark(int runs) {
        this(runs, true, null, null);
    }

    /**
     * {@code cnsh} is the command that starts cnsh and {@code groovyClassPath} the class path of
     * GroovyMain ({@code null}: the launcher and the build's Groovy jar); without {@code warmUp}, the
     * uncounted first run of each is left out.
     */
    StartupBenchmark(int runs, boolean warmUp, List<String> cnsh, String groovyClassPath) {
        this.runs = runs;
        this.warmUp = warmUp;
        this.cnsh = cnsh;
        this.groovyClassPath = groovyClassPath;
    }

    private record Row(String key, String label, Timed timed) {
    }

    String run(PrintWriter out) {
        Path project = Bench.projectDir();
        Path work = Bench.tempDir("cnsh-bench-b2");
        try {
            List<String> cnshCommand = cnsh != null ? cnsh : List.of(launcher(project).toString());
            try (RemoteSandbox sandbox = RemoteSandbox.start(cnshCommand, Files.createDirectories(work.resolve("sandbox-home")))) {
                return measure(out, project, work, cnshCommand, sandbox);
            }
        } catch (IOException e) {
            throw new ContactNowException("B2 failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContactNowException("B2 interrupted", e);
        } finally {
            Bench.deleteTree(work);
        }
    }

    private static Path launcher(Path project) {
        Path launcher = project.resolve("cnsh");
        if (!Files.isExecutable(launcher)) {
            throw new ContactNowException("B2 starts cnsh through its launcher, and there is none at " + launcher);
        }
        return launcher;
    }

    private String measure(PrintWriter out, Path project, Path work, List<String> cnshCommand, RemoteSandbox sandbox)
            throws IOException, InterruptedException {
        Path home = Files.createDirectories(work.resolve("home"));
        Map<String, String> remote = sandbox.target(home);
        Path script = work.resolve(Path.of(SCRIPT).getFileName());
        Files.copy(project.resolve(SCRIPT), script);
        Path cache = home.resolve("cache");
        out.println("B2 cnsh: " + String.join(" ", cnshCommand) + "; one-shot commands against a sandbox in another process, "
                + sandbox.baseUrl() + " (CNSH_BASE_URL, CNSH_USERNAME, CNSH_PASSWORD), CNSH_HOME " + home);
        out.println("B2 cnsh run: " + SCRIPT + " (" + Files.readAllLines(script).size() + " lines); first run with "
                + "$CNSH_HOME/cache deleted before each timing, then the cached run");

        List<Row> rows = new ArrayList<>();
        Runnable nothing = () -> { };
        rows.add(new Row("cnsh_e", "./cnsh -e '1'", exit("./cnsh -e '1'", cnshCommand, List.of("-e", "1"), remote, "1", nothing)));
        String read = "./cnsh -e \"def n = N; agents < read limit: 1 >\"";
        rows.add(new Row("cnsh_e_read", read, StartupTimer.toExit(read,
                n -> plus(cnshCommand, List.of("-e", "def n = " + n + "; agents < read limit: 1 >")), remote, "agentid", nothing)));
        // one DSL form with literal arguments: answered by dsl/OneForm without compiling; the limit varies too
        String oneForm = "./cnsh -e \"agents < read limit: N >\" (one form)";
        rows.add(new Row("cnsh_e_oneform", oneForm, StartupTimer.toExit(oneForm,
                n -> plus(cnshCommand, List.of("-e", "agents < read limit: " + (1 + n % 40) + " >")), remote, "agentid", nothing)));
        List<String> run = List.of("run", script.toString());
        rows.add(new Row("cnsh_run_first", "./cnsh run fifty-lines.groovy (first run)",
                exit("./cnsh run (first)", cnshCommand, run, remote, "total: ", () -> Bench.deleteTree(cache))));
        rows.add(new Row("cnsh_run_cached", "./cnsh run fifty-lines.groovy (cached)",
                exit("./cnsh run (cached)", cnshCommand, run, remote, "total: ", nothing)));
        rows.add(new Row("cnsh_token", "./cnsh token get",
                exit("./cnsh token get", cnshCommand, List.of("token", "get"), remote, "valid until", nothing)));
        rows.add(new Row("cnsh_version", "./cnsh --version",
                exit("./cnsh --version", cnshCommand, List.of("--version"), Map.of("CNSH_HOME", home.toString()), "cnsh ", nothing)));
        rows.add(new Row("cnsh_prompt", "./cnsh (shell, embedded sandbox)", StartupTimer.toPrompt("./cnsh (shell)",
                plus(cnshCommand, List.of("-i")) /* prompts over B2's pipe */, Map.of("CNSH_HOME", home.toString()), "cnsh sandbox> ")));
        addOthers(out, project, work, rows);
        String skippedCurl = addCurl(out, sandbox, rows);
        String skippedGroovysh = rows.stream().anyMatch(r -> r.key().equals("groovysh_prompt")) ? null
                : "skipped: not in " + GroovyshJars.cacheDir() + "; fetch it once with: " + GroovyshJars.fetchCommand(project);

        Path cds = project.resolve("target").resolve("cnsh.jsa");
        Path jar = project.resolve("target").resolve("cnsh.jar");
        boolean archive = cnsh == null && Files.isRegularFile(cds) && Files.isRegularFile(jar)
                && Files.getLastModifiedTime(cds).compareTo(Files.getLastModifiedTime(jar)) > 0;
        out.println("B2 cnsh AppCDS archive: " + (archive ? cds + " (used by ./cnsh)" : "none (cnsh runs without one)"));
        int n = 0;
        if (warmUp) {
            out.println("B2 warm-up: one run of each, not counted (it also creates the embedded sandbox's store)");
            for (Row row : rows) {
                row.timed().time(++n);
            }
        }
        Map<String, List<Timing>> results = new LinkedHashMap<>();
        rows.forEach(r -> results.put(r.key(), new ArrayList<>()));
        for (int r = 1; r <= runs; r++) {
            for (Row row : rows) {
                results.get(row.key()).add(row.timed().time(++n));
            }
            out.printf(Locale.ROOT, "B2 round %d of %d done (load average %s)%n", r, runs, Bench.loadAverage());
            out.flush();
        }
        return report(out, rows, results, skippedGroovysh, skippedCurl);
    }

    private static Timed exit(String label, List<String> cnsh, List<String> args, Map<String, String> env, String expect,
                              Runnable before) {
        List<String> command = plus(cnsh, args);
        return StartupTimer.toExit(label, n -> command, env, expect, before);
    }

    private static List<String> plus(List<String> command, List<String> args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(args);
        return all;
    }

    /** GroovyMain, groovysh (when fetched) and JShell. */
    private void addOthers(PrintWriter out, Path project, Path work, List<Row> rows) throws IOException {
        String java = Bench.java();
        String groovy = groovyClassPath != null ? groovyClassPath : groovyJar(project);
        if (groovy == null) {
            out.println("B2 groovy -e: not measured (no groovy jar in target/lib)");
        } else {
            out.println("B2 groovy -e: there is no groovy command here; Groovy's own main class is run instead:");
            out.println("   java -cp " + (groovyClassPath != null ? "(the test class path)" : groovy) + " groovy.ui.GroovyMain -e 1");
            out.println("   (the distribution's groovy script adds its launcher and class loader on top of that)");
            rows.add(new Row("groovy_e", "groovy -e '1' (GroovyMain)", StartupTimer.toExit("groovy -e '1' (GroovyMain)",
                    n -> List.of(java, "-cp", groovy, "groovy.ui.GroovyMain", "-e", "1"), Map.of(), null, () -> { })));
        }
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        String jshellLabel = "jshell " + System.getProperty("java.version");
        rows.add(new Row("jshell_prompt", jshellLabel, StartupTimer.toPrompt(jshellLabel,
                List.of(Files.isExecutable(jshell) ? jshell.toString() : "jshell"), Map.of(), "jshell> ")));
        Path groovyshDir = GroovyshJars.cacheDir();
        String groovyshClassPath = GroovyshJars.classPath(groovyshDir);
        String label = "groovysh " + GROOVYSH_VERSION;
        if (groovyshClassPath == null) {
            out.println("B2 " + label + ": skipped: not in " + groovyshDir + "; fetch it once with: " + GroovyshJars.fetchCommand(project));
        } else {
            out.println("B2 " + label + " from Maven Central, cached in " + groovyshDir);
            Path groovyshHome = Files.createDirectories(work.resolve("groovysh-home"));
            rows.add(new Row("groovysh_prompt", label, StartupTimer.toPrompt(label,
                    List.of(java, "-cp", groovyshClassPath, "org.apache.groovy.groovysh.Main"),
                    Map.of("HOME", groovyshHome.toString()), "groovy> ")));
        }
    }

    /** The floor, two curl requests; the reason it is skipped, or {@code null}. */
    private static String addCurl(PrintWriter out, RemoteSandbox sandbox, List<Row> rows) {
        String curl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "curl")).filter(Files::isExecutable)
                .map(Path::toString).findFirst().orElse(null);
        if (curl == null) {
            out.println("B2 curl: skipped: there is no curl on the PATH");
            return "skipped: there is no curl on the PATH";
        }
        out.println("B2 floor: " + curl + " token.php?action=get, then database.php?...&action=read&limit=1 with that token");
        rows.add(new Row("curl_floor", "curl token.php get + database.php read", StartupTimer.curl(curl, sandbox.baseUrl(),
                RemoteSandbox.USER, RemoteSandbox.PASSWORD)));
        return null;
    }

    private String report(PrintWriter out, List<Row> rows, Map<String, List<Timing>> results, String skippedGroovysh,
                          String skippedCurl) {
        out.printf(Locale.ROOT, "B2 %d runs each, in turns; seconds from process start, median (min-max)%n", runs);
        out.printf(Locale.ROOT, "   %-48s %-20s %-20s%n", "command", "exit / first prompt", "first answer (6*7)");
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Row row : rows) {
            List<Double> first = results.get(row.key()).stream().map(Timing::first).toList();
            List<Double> answers = results.get(row.key()).stream().map(Timing::answer).filter(a -> a > 0).toList();
            medians.put(row.key(), Bench.median(first));
            if (!answers.isEmpty()) {
                medians.put(row.key().replace("_prompt", "_answer"), Bench.median(answers));
            }
            out.printf(Locale.ROOT, "   %-48s %-20s %-20s%n", row.label(), Bench.spread(first),
                    answers.isEmpty() ? "" : Bench.spread(answers));
        }
        if (skippedGroovysh != null) {
            out.printf(Locale.ROOT, "   %-48s %s%n", "groovysh " + GROOVYSH_VERSION, skippedGroovysh);
        }
        if (skippedCurl != null) {
            out.printf(Locale.ROOT, "   %-48s %s%n", "curl token.php get + database.php read", skippedCurl);
        }
        Double prompt = medians.get("cnsh_prompt");
        Double groovysh = medians.get("groovysh_prompt");
        if (groovysh != null) {
            out.printf(Locale.ROOT, "B2 cnsh's first prompt is %.2f of groovysh's (target: at most 0.5)%n", prompt / groovysh);
        }
        out.printf(Locale.ROOT, "B2 cnsh's first prompt is %.2f of jshell's%n", prompt / medians.get("jshell_prompt"));
        StringBuilder summary = new StringBuilder("B2");
        for (String key : List.of("cnsh_e", "cnsh_e_read", "cnsh_e_oneform", "cnsh_run_first", "cnsh_run_cached", "cnsh_token", "cnsh_version",
                "cnsh_prompt", "cnsh_answer", "groovy_e", "groovysh_prompt", "jshell_prompt", "curl_floor")) {
            summary.append(' ').append(key).append('=').append(fig(medians.get(key)));
        }
        Double read = medians.get("cnsh_e_read");
        return summary.append(" ratio_e_vs_groovy_e=").append(ratio(read, medians.get("groovy_e")))
                .append(" ratio_read_vs_curl=").append(ratio(read, medians.get("curl_floor")))
                .append(" ratio_prompt_vs_groovysh=").append(ratio(prompt, groovysh))
                .append(" ratio_oneform_vs_groovy_e=").append(ratio(medians.get("cnsh_e_oneform"), medians.get("groovy_e")))
                .toString();
    }

    private static String fig(Double seconds) {
        return seconds == null ? "n/a" : String.format(Locale.ROOT, "%.2fs", seconds);
    }

    private static String ratio(Double a, Double b) {
        return a == null || b == null ? "n/a" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    /** Groovy's jar from the build's runtime libraries (the version cnsh itself runs on). */
    private static String groovyJar(Path project) throws IOException {
        Path lib = project.resolve("target").resolve("lib");
        if (!Files.isDirectory(lib)) {
            return null;
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(j -> j.getFileName().toString().matches("groovy-\\d[^-]*\\.jar"))
                    .map(Path::toString).findFirst().orElse(null);
        }
    }
}
