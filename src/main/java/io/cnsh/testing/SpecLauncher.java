package io.cnsh.testing;

import groovy.lang.GroovyClassLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs Spock specs from source, without a build: compiles every {@code *Spec.groovy} file under a
 * path with Groovy, then runs the spec classes on the JUnit Platform and prints one line per feature
 * and a summary. This is {@code cnsh test PATH}.
 *
 * <pre>{@code
 * int exit = SpecLauncher.run(Path.of("recipes"), out, err);   // 0 all passed, 1 failures, 2 nothing to run
 * }</pre>
 *
 * <p>Scripts that a spec runs through {@link SandboxFixture} are also looked for next to the spec
 * files, so a recipe and its spec can live in one directory.
 */
public final class SpecLauncher {

    /**
     * The totals of a launch.
     *
     * @param tests    features (or iterations) run
     * @param passed   those that passed
     * @param failed   those that failed, plus specs that could not start
     * @param skipped  those skipped or aborted
     * @param failures one line per failure: spec, feature and the first line of the reason
     */
    public record Summary(long tests, long passed, long failed, long skipped, List<String> failures) {

        public Summary {
            failures = List.copyOf(failures);
        }

        /** 0 when everything passed, 1 otherwise. */
        public int exitCode() {
            return failed == 0 ? 0 : 1;
        }
    }

    private SpecLauncher() {
    }

    /**
     * Compiles and runs the specs under {@code path} (a {@code *Spec.groovy} file or a directory
     * searched recursively) and returns the exit code: 0 all passed, 1 a failure or a compile error,
     * 2 no such path or no spec in it.
     */
    public static int run(Path path, PrintWriter out, PrintWriter err) {
        if (!Files.exists(path)) {
            err.println("cnsh test: no such file or directory: " + path);
            err.flush();
            return 2;
        }
        List<Path> files = specFiles(path);
        if (files.isEmpty()) {
            err.println("cnsh test: no *Spec.groovy files in " + path);
            err.flush();
            return 2;
        }
        List<Path> dirs = files.stream().map(f -> f.toAbsolutePath().getParent()).distinct().toList();
        try (GroovyClassLoader loader = loader(dirs)) {
            List<Class<?>> specs;
            try {
                specs = compile(files, loader);
            } catch (CompilationFailedException e) {
                err.println("cnsh test: " + describe(e));
                err.flush();
                return 1;
            }
            if (specs.isEmpty()) {
                err.println("cnsh test: none of " + files.size() + " file(s) in " + path + " declares a Spock"
                        + " specification (a class extending spock.lang.Specification)");
                err.flush();
                return 2;
            }
            ScriptDirs.add(dirs);
            try {
                Summary s = launch(specs, loader, out);
                return s.exitCode();
            } finally {
                ScriptDirs.remove(dirs);
            }
        } catch (IOException e) {
            err.println("cnsh test: cannot read " + path + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** The {@code *Spec.groovy} files of a path, in name order. */
    static List<Path> specFiles(Path path) {
        if (Files.isRegularFile(path)) {
            return path.toString().endsWith(".groovy") ? List.of(path) : List.of();
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith("Spec.groovy"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static GroovyClassLoader loader(List<Path> dirs) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setSourceEncoding("UTF-8");
        GroovyClassLoader loader = new GroovyClassLoader(SpecLauncher.class.getClassLoader(), config);
        // helper classes next to a spec are found by name and compiled on demand
        dirs.forEach(d -> loader.addClasspath(d.toString()));
        return loader;
    }

    /** Compiles the files and returns the Spock specification classes among them. */
    static List<Class<?>> compile(List<Path> files, GroovyClassLoader loader) throws IOException {
        Class<?> specification;
        try {
            specification = loader.loadClass("spock.lang.Specification");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Spock is not on the class path of cnsh", e);
        }
        Set<Class<?>> specs = new LinkedHashSet<>();
        for (Path f : files) {
            Class<?> c = loader.parseClass(f.toFile());
            if (specification.isAssignableFrom(c) && !java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
                specs.add(c);
            }
        }
        return new ArrayList<>(specs);
    }

    /** Runs compiled spec classes on the JUnit Platform, printing a line per feature and a summary. */
    public static Summary launch(List<Class<?>> specs, ClassLoader loader, PrintWriter out) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(specs.stream().map(DiscoverySelectors::selectClass).toList())
                .build();
        Printer printer = new Printer(out);
        SummaryGeneratingListener totals = new SummaryGeneratingListener();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, printer, totals);
        } finally {
            thread.setContextClassLoader(before);
        }
        TestExecutionSummary t = totals.getSummary();
        long failed = t.getTotalFailureCount();
        long skipped = t.getTestsSkippedCount() + t.getTestsAbortedCount();
        Summary summary = new Summary(t.getTestsStartedCount(), t.getTestsSucceededCount(), failed, skipped,
                printer.failures);
        out.println();
        out.println(summary.tests() + " test" + (summary.tests() == 1 ? "" : "s") + ", " + summary.passed()
                + " passed, " + summary.failed() + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        out.flush();
        return summary;
    }

    /** Prints each finished feature as {@code ok}, {@code FAIL} (with the reason) or {@code skip}. */
    private static final class Printer implements TestExecutionListener {
        private final PrintWriter out;
        private final List<String> failures = new ArrayList<>();
        private TestPlan plan;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            out.println("  skip  " + name(id) + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"));
            out.flush();
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            boolean failed = result.getStatus() == TestExecutionResult.Status.FAILED;
            if (!id.isTest()) {
                if (failed) {
                    // a spec that could not start (setupSpec, a @Shared field) fails all its features
                    report(id, result);
                }
                return;
            }
            switch (result.getStatus()) {
                case SUCCESSFUL -> out.println("  ok    " + name(id));
                case ABORTED -> out.println("  skip  " + name(id) + " (aborted)");
                case FAILED -> report(id, result);
            }
            out.flush();
        }

        private void report(TestIdentifier id, TestExecutionResult result) {
            String reason = result.getThrowable().map(t -> t.getMessage() == null ? t.getClass().getSimpleName()
                    : t.getMessage()).orElse("failed");
            out.println("  FAIL  " + name(id));
            reason.strip().lines().forEach(l -> out.println("        " + l));
            failures.add(name(id) + ": " + reason.strip().lines().findFirst().orElse(""));
            out.flush();
        }

        private String name(TestIdentifier id) {
            List<String> parts = new ArrayList<>();
            Optional<TestIdentifier> current = Optional.of(id);
            while (current.isPresent() && current.get().getParentId().isPresent()) {
                parts.add(0, current.get().getDisplayName());
                current = plan == null ? Optional.empty() : plan.getParent(current.get());
            }
            return String.join(" > ", parts);
        }
    }

    private static String describe(CompilationFailedException e) {
        if (e instanceof MultipleCompilationErrorsException m && m.getErrorCollector().getErrorCount() > 0) {
            Message first = m.getErrorCollector().getError(0);
            if (first instanceof SyntaxErrorMessage sem) {
                SyntaxException se = sem.getCause();
                String text = se.getOriginalMessage() == null ? se.getMessage() : se.getOriginalMessage();
                String file = se.getSourceLocator() == null ? "" : Path.of(se.getSourceLocator()).getFileName() + ":";
                return file + se.getLine() + ": " + text.strip().lines().findFirst().orElse("");
            }
        }
        return e.getMessage().strip().lines().filter(l -> !l.isBlank() && !l.startsWith("startup failed"))
                .findFirst().orElse("compilation failed");
    }
}
