package io.cnsh.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cnsh bench [B1|B2|...]}: runs the benchmarks (all when none is named), each printing its
 * figures and ending with one summary line; the summary lines are repeated as a table at the end.
 * Benchmarks are never part of the test run.
 *
 * <ul>
 *   <li>B1 bulk update: 5,000 one-field updates with 20 ms latency per request, batched vs one per agent vs the floor;</li>
 *   <li>B2 start-up: {@code cnsh -e}, the shell's first prompt, against {@code groovy -e}, groovysh and JShell;</li>
 *   <li>B3 reports at scale: 100,000 agents read and reported on in a 256 MB heap, against jq on their export;</li>
 *   <li>B4 sandbox under load: 100 concurrent clients for 30 s, agents in memory, then in a database file.</li>
 * </ul>
 */
@Command(name = "bench", description = "Run benchmarks (all, or the ones named) and print figures and ratios.")
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "B1|B2|...", arity = "0..*", description = "Benchmarks to run (default: all).")
    List<String> names = new ArrayList<>();

    static Map<String, Function<java.io.PrintWriter, String>> benchmarks() {
        Map<String, Function<java.io.PrintWriter, String>> all = new LinkedHashMap<>();
        all.put("B1", out -> new BulkUpdateBenchmark(5000, Duration.ofMillis(20)).run(out));
        all.put("B2", out -> new StartupBenchmark(7).run(out));
        all.put("B3", out -> new ReportsAtScaleBenchmark(100_000, 3).run(out));
        all.put("B4", BenchCommand::sandboxLoad);
        return all;
    }

    /**
     * B4: 100 concurrent loopback clients against an in-process sandbox for 30 s, mixed reads and
     * updates; once with the agents in memory, once in a database file, so that the cost of writing
     * each confirmed update to the file shows. One summary line for each.
     */
    static String sandboxLoad(java.io.PrintWriter out) {
        io.cnsh.sandbox.SandboxLoadBenchmark.Options memory = io.cnsh.sandbox.SandboxLoadBenchmark.Options.defaults();
        java.nio.file.Path dir = Bench.tempDir("cnsh-bench-b4-");
        try {
            String inMemory = sandboxLoad(out, "B4", memory);
            out.println("-- B4 file: the same load, agents in a database file");
            return inMemory + System.lineSeparator() + sandboxLoad(out, "B4file", memory.withData(dir.resolve("data")));
        } finally {
            Bench.deleteTree(dir);
        }
    }

    private static String sandboxLoad(java.io.PrintWriter out, String label, io.cnsh.sandbox.SandboxLoadBenchmark.Options options) {
        try {
            java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
            io.cnsh.sandbox.SandboxLoadBenchmark.Result r = io.cnsh.sandbox.SandboxLoadBenchmark.run(options,
                    new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
            out.print(buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
            out.println(r.report());
            return String.format(Locale.ROOT, "%s clients=100 seconds=%.0f req_per_s=%.0f p50=%.1fms p99=%.1fms errors=%d",
                    label, r.seconds(), r.requestsPerSecond(), r.p50(), r.p99(), r.errors());
        } catch (Exception e) {
            throw new io.cnsh.model.ContactNowException(label + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        Map<String, Function<java.io.PrintWriter, String>> all = benchmarks();
        List<String> chosen = names.isEmpty() ? new ArrayList<>(all.keySet()) : new ArrayList<>();
        for (String n : names) {
            String key = n.toUpperCase(Locale.ROOT);
            if (!all.containsKey(key)) {
                throw new UsageException("no benchmark '" + n + "' (benchmarks: " + String.join(", ", all.keySet()) + ")");
            }
            chosen.add(key);
        }
        List<String> summaries = new ArrayList<>();
        boolean failed = false;
        String started = java.time.ZonedDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
        main.out().println("cnsh bench " + String.join(" ", chosen) + ", started " + started);
        main.out().println("machine: " + Bench.machine());
        List<String> loads = new ArrayList<>();
        for (String name : chosen) {
            String load = Bench.loadAverage();
            loads.add(name + " " + load.split(" ")[0]);
            main.out().println("== " + name + " (load average " + load + ")");
            main.out().flush();
            String summary;
            try {
                summary = all.get(name).apply(main.out());
            } catch (RuntimeException e) {
                failed = true;
                summary = name + " FAILED: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                e.printStackTrace(main.err());
            }
            main.out().println(summary);
            main.out().flush();
            summaries.add(summary);
        }
        main.out().println();
        main.out().println("== summary (started " + started + "; 1-minute load average as each began: "
                + String.join(", ", loads) + ")");
        summaries.forEach(main.out()::println);
        main.out().flush();
        if (failed) {
            return Main.ERROR;
        }
        return Main.OK;
    }
}
