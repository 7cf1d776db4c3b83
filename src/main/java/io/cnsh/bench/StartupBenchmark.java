package io.cnsh.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * B2: start-up. Each command is started as a new process, in turns (one run of each, then the
 * next round) so that all share the machine's conditions, and timed from just before the process
 * is started:
 *
 * <ul>
 *   <li>{@code ./cnsh -e '1'} and {@code ./cnsh -e "agents < read limit: 1 >"}: until the process
 *       has exited (both start the embedded sandbox of a temporary {@code CNSH_HOME}, created by a
 *       run that is not counted);</li>
 *   <li>the shells ({@code ./cnsh} on that sandbox, JShell, groovysh): until the first prompt, and
 *       until the answer to a first line {@code 6*7}; each reads from a pipe, so runs on its dumb terminal;</li>
 *   <li>{@code groovy -e '1'}: Groovy's own command-line main class, until the process has exited.</li>
 * </ul>
 *
 * <p>cnsh is started through the real launcher, so its AppCDS archive is used when the build made one.
 * groovysh comes from {@code ~/.cache/cnsh-bench}, where a separate step puts it (see {@link GroovyshJars});
 * without it, groovysh is reported as skipped with the command to run and the rest is measured.
 */
final class StartupBenchmark {

    static final String GROOVYSH_VERSION = GroovyshJars.VERSION;
    private static final long TIMEOUT_MS = 60_000;

    private final int runs;

    StartupBenchmark(int runs) {
        this.runs = runs;
    }

    /** One command to time: to its exit ({@code prompt == null}) or to its first prompt and first answer. */
    private record Probe(String key, String label, List<String> command, Map<String, String> env, String prompt,
                         String exit, String expect) {
    }

    private record Timing(double first, double answer) {
    }

    String run(PrintWriter out) {
        Path project = Bench.projectDir();
        Path launcher = project.resolve("cnsh");
        if (!Files.isExecutable(launcher)) {
            throw new io.cnsh.model.ContactNowException("B2 starts cnsh through its launcher, and there is none at " + launcher);
        }
        Path work = Bench.tempDir("cnsh-bench-b2");
        try {
            return measure(out, project, launcher, work);
        } catch (IOException e) {
            throw new io.cnsh.model.ContactNowException("B2 failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.cnsh.model.ContactNowException("B2 interrupted", e);
        } finally {
            Bench.deleteTree(work);
        }
    }

    private String measure(PrintWriter out, Path project, Path launcher, Path work) throws IOException, InterruptedException {
        Map<String, String> cnshEnv = Map.of("CNSH_HOME", work.resolve("home").toString());
        String java = Bench.java();
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("cnsh_e", "./cnsh -e '1'", List.of(launcher.toString(), "-e", "1"), cnshEnv, null, null, "1"));
        probes.add(new Probe("cnsh_e_read", "./cnsh -e \"agents < read limit: 1 >\"",
                List.of(launcher.toString(), "-e", "agents < read limit: 1 >"), cnshEnv, null, null, "agentid"));
        probes.add(new Probe("cnsh_prompt", "./cnsh (shell, embedded sandbox)", List.of(launcher.toString()), cnshEnv,
                "cnsh sandbox> ", "/exit\n", null));

        Path groovyJar = groovyJar(project);
        if (groovyJar == null) {
            out.println("B2 groovy -e: not measured (no groovy jar in target/lib)");
        } else {
            out.println("B2 groovy -e: there is no groovy command here; Groovy's own main class is run instead:");
            out.println("   java -cp " + groovyJar + " groovy.ui.GroovyMain -e 1");
            out.println("   (the distribution's groovy script adds its launcher and class loader on top of that)");
            probes.add(new Probe("groovy_e", "groovy -e '1' (GroovyMain)",
                    List.of(java, "-cp", groovyJar.toString(), "groovy.ui.GroovyMain", "-e", "1"), Map.of(), null, null, null));
        }
        Path groovyshDir = GroovyshJars.cacheDir();
        String groovyshClassPath = GroovyshJars.classPath(groovyshDir);
        String groovyshSkipped = null;
        if (groovyshClassPath == null) {
            groovyshSkipped = "skipped: not in " + groovyshDir + "; fetch it once with: " + GroovyshJars.fetchCommand(project);
            out.println("B2 groovysh " + GROOVYSH_VERSION + ": " + groovyshSkipped);
        } else {
            out.println("B2 groovysh " + GROOVYSH_VERSION + " from Maven Central, cached in " + groovyshDir);
            Path home = Files.createDirectories(work.resolve("groovysh-home"));
            probes.add(new Probe("groovysh_prompt", "groovysh " + GROOVYSH_VERSION,
                    List.of(java, "-cp", groovyshClassPath, "org.apache.groovy.groovysh.Main"),
                    Map.of("HOME", home.toString()), "groovy> ", "/exit\n", null));
        }
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        probes.add(new Probe("jshell_prompt", "jshell " + System.getProperty("java.version"),
                List.of(Files.isExecutable(jshell) ? jshell.toString() : "jshell"), Map.of(), "jshell> ", "/exit\n", null));

        Path cds = project.resolve("target").resolve("cnsh.jsa");
        Path jar = project.resolve("target").resolve("cnsh.jar");
        boolean archive = Files.isRegularFile(cds) && Files.isRegularFile(jar)
                && Files.getLastModifiedTime(cds).compareTo(Files.getLastModifiedTime(jar)) > 0;
        out.println("B2 cnsh AppCDS archive: " + (archive ? cds + " (used by ./cnsh)" : "none (./cnsh runs without one)"));
        out.println("B2 warm-up: one run of each, not counted (it also creates the embedded sandbox's store)");
        for (Probe p : probes) {
            time(p);
        }
        Map<String, List<Timing>> results = new LinkedHashMap<>();
        probes.forEach(p -> results.put(p.key(), new ArrayList<>()));
        for (int r = 1; r <= runs; r++) {
            for (Probe p : probes) {
                results.get(p.key()).add(time(p));
            }
            out.printf(Locale.ROOT, "B2 round %d of %d done (load average %s)%n", r, runs, Bench.loadAverage());
            out.flush();
        }

        out.printf(Locale.ROOT, "B2 %d runs each, in turns; seconds from process start, median (min-max)%n", runs);
        out.printf(Locale.ROOT, "   %-38s %-20s %-20s%n", "command", "exit / first prompt", "first answer (6*7)");
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Probe p : probes) {
            List<Double> first = results.get(p.key()).stream().map(Timing::first).toList();
            List<Double> answers = results.get(p.key()).stream().map(Timing::answer).filter(a -> a > 0).toList();
            medians.put(p.key(), Bench.median(first));
            out.printf(Locale.ROOT, "   %-38s %-20s %-20s%n", p.label(), Bench.spread(first),
                    answers.isEmpty() ? "" : Bench.spread(answers));
        }
        if (groovyshSkipped != null) {
            out.printf(Locale.ROOT, "   %-38s %s%n", "groovysh " + GROOVYSH_VERSION, groovyshSkipped);
        }
        Double prompt = medians.get("cnsh_prompt");
        Double groovysh = medians.get("groovysh_prompt");
        Double jshellPrompt = medians.get("jshell_prompt");
        if (groovysh != null) {
            out.printf(Locale.ROOT, "B2 cnsh's first prompt is %.2f of groovysh's (target: at most 0.5)%n", prompt / groovysh);
        }
        out.printf(Locale.ROOT, "B2 cnsh's first prompt is %.2f of jshell's%n", prompt / jshellPrompt);
        return "B2 cnsh_e=" + fig(medians.get("cnsh_e")) + " cnsh_e_read=" + fig(medians.get("cnsh_e_read"))
                + " cnsh_prompt=" + fig(prompt) + " groovy_e=" + fig(medians.get("groovy_e"))
                + " groovysh_prompt=" + fig(groovysh) + " jshell_prompt=" + fig(jshellPrompt)
                + " ratio_prompt_vs_groovysh=" + (groovysh == null ? "n/a" : String.format(Locale.ROOT, "%.2f", prompt / groovysh));
    }

    private static String fig(Double seconds) {
        return seconds == null ? "n/a" : String.format(Locale.ROOT, "%.2fs", seconds);
    }

    private static Timing time(Probe probe) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(probe.command()).redirectErrorStream(true);
        pb.environment().remove("CNSH_PROFILE");
        pb.environment().remove("CNSH_BASE_URL");
        pb.environment().putAll(probe.env());
        long start = System.nanoTime();
        Process p = pb.start();
        Bench.Screen screen = new Bench.Screen(p.getInputStream());
        try {
            if (probe.prompt() == null) {
                p.getOutputStream().close();
                if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(probe.label() + " did not end within " + TIMEOUT_MS / 1000 + " s");
                }
                double took = (System.nanoTime() - start) / 1e9;
                String output = screen.all(5_000);
                if (p.exitValue() != 0 || probe.expect() != null && !output.contains(probe.expect())) {
                    throw new IllegalStateException(probe.label() + " exited with " + p.exitValue() + "; output:\n" + output);
                }
                return new Timing(took, 0);
            }
            try (OutputStream in = p.getOutputStream()) {
                double prompt = screen.await(probe.prompt(), 0, start, TIMEOUT_MS);
                int after = screen.length();
                in.write("6*7\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                double answer = screen.await("42", after, start, TIMEOUT_MS);
                in.write(probe.exit().getBytes(StandardCharsets.UTF_8));
                in.flush();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(probe.label() + " did not end within 30 s of " + probe.exit().strip());
                }
                return new Timing(prompt, answer);
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    /** Groovy's jar from the build's runtime libraries (the version cnsh itself runs on). */
    private static Path groovyJar(Path project) throws IOException {
        Path lib = project.resolve("target").resolve("lib");
        if (!Files.isDirectory(lib)) {
            return null;
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(j -> j.getFileName().toString().matches("groovy-\\d[^-]*\\.jar")).findFirst().orElse(null);
        }
    }
}
