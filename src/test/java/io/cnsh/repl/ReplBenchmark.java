package io.cnsh.repl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up benchmark of the shell (not a test; {@code mvn verify} does not run it): the median time
 * from starting the process to its first prompt, and to the answer of a first line ({@code 6*7}),
 * for {@code ./cnsh} on the in-process sandbox, JShell and groovysh 5, run in turns in the same
 * run so that they share the machine's conditions. Every shell reads from a pipe, so each runs on
 * JLine's (or JShell's) dumb terminal.
 *
 * <pre>
 * mvn -B -q -DskipTests package test-compile
 * java -cp target/test-classes io.cnsh.repl.ReplBenchmark [--runs 7] [--no-groovysh] [--groovysh-classpath CP]
 * </pre>
 *
 * <p>groovysh 5.0.3 and its dependencies are resolved with Maven into
 * {@code ~/.cache/cnsh-bench/groovysh-5.0.3} (outside the repository) on first use.
 */
public final class ReplBenchmark {

    private static final String GROOVYSH_VERSION = "5.0.3";
    private static final long TIMEOUT_MS = 60_000;

    private record Shell(String name, List<String> command, Map<String, String> env, String prompt, String exit) {
    }

    private record Run(double prompt, double answer) {
    }

    private ReplBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 7;
        boolean groovysh = true;
        String groovyshClassPath = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--no-groovysh" -> groovysh = false;
                case "--groovysh-classpath" -> groovyshClassPath = args[++i];
                default -> {
                    System.err.println("usage: ReplBenchmark [--runs N] [--no-groovysh] [--groovysh-classpath CP]");
                    System.exit(2);
                }
            }
        }
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("cnsh-bench");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        List<Shell> shells = new ArrayList<>();
        shells.add(new Shell("cnsh", List.of(repo.resolve("cnsh").toString(), "--sandbox", "--sandbox-data",
                work.resolve("sandbox").toString()), Map.of("CNSH_HOME", work.resolve("home").toString()),
                "cnsh sandbox> ", "/exit\n"));
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        shells.add(new Shell("jshell", List.of(Files.isExecutable(jshell) ? jshell.toString() : "jshell"), Map.of(),
                "jshell> ", "/exit\n"));
        if (groovysh) {
            String cp = groovyshClassPath != null ? groovyshClassPath : groovyshClassPath();
            if (cp == null) {
                System.out.println("groovysh " + GROOVYSH_VERSION + ": not measured (could not resolve it with Maven)");
            } else {
                Path ghome = Files.createDirectories(work.resolve("groovysh-home"));
                shells.add(new Shell("groovysh " + GROOVYSH_VERSION, List.of(java, "-cp", cp, "org.apache.groovy.groovysh.Main"),
                        Map.of("HOME", ghome.toString()), "groovy> ", "/exit\n"));
            }
        }

        System.out.printf("machine: %d cores, load average %s, %s %s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.println("warming up (one run each, not counted; the first cnsh run creates its sandbox store)");
        for (Shell s : shells) {
            measure(s);
        }
        Map<String, List<Run>> results = new LinkedHashMap<>();
        shells.forEach(s -> results.put(s.name(), new ArrayList<>()));
        for (int r = 0; r < runs; r++) {
            for (Shell s : shells) {
                results.get(s.name()).add(measure(s));
            }
        }
        report(results, runs);
    }

    private static Run measure(Shell shell) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(shell.command()).redirectErrorStream(true);
        pb.environment().putAll(shell.env());
        pb.environment().remove("CNSH_PROFILE");
        pb.environment().remove("CNSH_BASE_URL");
        long start = System.nanoTime();
        Process p = pb.start();
        Screen screen = new Screen(p.getInputStream());
        double prompt;
        double answer;
        try (OutputStream in = p.getOutputStream()) {
            prompt = screen.await(shell.prompt(), 0, start);
            int after = screen.length();
            in.write("6*7\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            answer = screen.await("42", after, start);
            in.write(shell.exit().getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Run(prompt, answer);
    }

    private static void report(Map<String, List<Run>> results, int runs) {
        System.out.printf("%n%d runs each, in turns; seconds from process start (median, min-max)%n", runs);
        System.out.printf("%-16s %-22s %-22s %s%n", "shell", "first prompt", "first answer (6*7)", "prompt vs cnsh");
        double base = median(results.values().iterator().next().stream().map(Run::prompt).toList());
        results.forEach((name, list) -> {
            List<Double> prompts = list.stream().map(Run::prompt).toList();
            List<Double> answers = list.stream().map(Run::answer).toList();
            double m = median(prompts);
            System.out.printf("%-16s %-22s %-22s %.2fx%n", name, figure(prompts), figure(answers), m / base);
        });
    }

    private static String figure(List<Double> values) {
        return String.format("%.2f (%.2f-%.2f)", median(values), Collections.min(values), Collections.max(values));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The classpath of groovysh, resolved once with Maven into a cache outside the repository. */
    private static String groovyshClassPath() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "cnsh-bench", "groovysh-" + GROOVYSH_VERSION);
        Path cp = dir.resolve("classpath.txt");
        if (!Files.isRegularFile(cp)) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("pom.xml"), """
                    <project xmlns="http://maven.apache.org/POM/4.0.0">
                      <modelVersion>4.0.0</modelVersion>
                      <groupId>local.cnsh.bench</groupId>
                      <artifactId>groovysh-classpath</artifactId>
                      <version>1</version>
                      <dependencies>
                        <dependency>
                          <groupId>org.apache.groovy</groupId>
                          <artifactId>groovy-groovysh</artifactId>
                          <version>%s</version>
                        </dependency>
                      </dependencies>
                    </project>
                    """.formatted(GROOVYSH_VERSION));
            System.out.println("resolving groovysh " + GROOVYSH_VERSION + " into " + dir);
            Process mvn = new ProcessBuilder("mvn", "-B", "-q", "dependency:build-classpath", "-Dmdep.outputFile=classpath.txt")
                    .directory(dir.toFile()).inheritIO().start();
            if (mvn.waitFor() != 0 || !Files.isRegularFile(cp)) {
                return null;
            }
        }
        return Files.readString(cp).strip();
    }

    /** Collects a process's output on a thread and lets the caller wait for a text in it. */
    private static final class Screen {
        private final StringBuilder text = new StringBuilder();

        Screen(InputStream out) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    int n;
                    while ((n = out.read(buffer)) > 0) {
                        synchronized (text) {
                            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                            text.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "bench-screen");
            t.setDaemon(true);
            t.start();
        }

        int length() {
            synchronized (text) {
                return text.length();
            }
        }

        /** Seconds from {@code start} until {@code expected} shows after offset {@code from}. */
        double await(String expected, int from, long start) throws InterruptedException {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            synchronized (text) {
                while (text.indexOf(expected, from) < 0) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new IllegalStateException("no '" + expected + "' within " + TIMEOUT_MS + " ms; output:\n" + text);
                    }
                    text.wait(left);
                }
                return (System.nanoTime() - start) / 1e9;
            }
        }
    }
}
