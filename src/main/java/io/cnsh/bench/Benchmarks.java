package io.cnsh.bench;

import io.cnsh.model.ContactNowException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The benchmarks behind {@code cnsh bench [B1|B2|...]}, its only caller: each prints its figures and
 * ends with one summary line; the summary lines are repeated at the end. Benchmarks are never part
 * of the test run.
 *
 * <ul>
 *   <li>B1 bulk update: 5,000 one-field updates with 20 ms latency per request, batched vs one per agent vs the floor;</li>
 *   <li>B2 start-up: {@code cnsh -e}, {@code run} (first and cached), {@code token get} and {@code --version}
 *       against a sandbox in another process, and the shell's first prompt and answer, against
 *       {@code groovy -e}, groovysh, JShell and two {@code curl} requests;</li>
 *   <li>B3 reports at scale: 100,000 agents read and reported on in a 256 MB heap, against jq on their export;</li>
 *   <li>B4 sandbox under load: 100 concurrent clients for 30 s, agents in memory, then in a database file.</li>
 * </ul>
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    private static Map<String, Function<PrintWriter, String>> all() {
        Map<String, Function<PrintWriter, String>> all = new LinkedHashMap<>();
        all.put("B1", out -> new BulkUpdateBenchmark(5000, Duration.ofMillis(20)).run(out));
        all.put("B2", out -> new StartupBenchmark(7).run(out));
        all.put("B3", out -> new ReportsAtScaleBenchmark(100_000, 3).run(out));
        all.put("B4", Benchmarks::sandboxLoad);
        return all;
    }

    /** The names of the benchmarks, in the order {@code cnsh bench} runs them: B1, B2, ... */
    public static List<String> names() {
        return List.copyOf(all().keySet());
    }

    /**
     * Runs the named benchmarks (names as {@link #names()} has them) in the order given, with the
     * machine and load average first and the summary lines at the end; a benchmark that fails is
     * reported (its stack trace on {@code err}) and the others still run.
     *
     * @return whether every benchmark ran to its end
     */
    public static boolean run(List<String> chosen, PrintWriter out, PrintWriter err) {
        Map<String, Function<PrintWriter, String>> all = all();
        for (String name : chosen) {
            if (!all.containsKey(name)) {
                throw new IllegalArgumentException("no benchmark '" + name + "' (benchmarks: " + String.join(", ", all.keySet()) + ")");
            }
        }
        List<String> summaries = new ArrayList<>();
        boolean failed = false;
        String started = ZonedDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString();
        out.println("cnsh bench " + String.join(" ", chosen) + ", started " + started);
        out.println("machine: " + Bench.machine());
        List<String> loads = new ArrayList<>();
        for (String name : chosen) {
            Function<PrintWriter, String> benchmark = all.get(name);
            String load = Bench.loadAverage();
            loads.add(name + " " + load.split(" ")[0]);
            out.println("== " + name + " (load average " + load + ")");
            out.flush();
            String summary;
            try {
                summary = benchmark.apply(out);
            } catch (RuntimeException e) {
                failed = true;
                summary = name + " FAILED: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                e.printStackTrace(err);
            }
            out.println(summary);
            out.flush();
            summaries.add(summary);
        }
        out.println();
        out.println("== summary (started " + started + "; 1-minute load average as each began: "
                + String.join(", ", loads) + ")");
        summaries.forEach(out::println);
        out.flush();
        return !failed;
    }

    /**
     * B4: 100 concurrent loopback clients against an in-process sandbox for 30 s, mixed reads and
     * updates; once with the agents in memory, once in a database file, so that the cost of writing
     * each confirmed update to the file shows. One summary line for each.
     */
    private static String sandboxLoad(PrintWriter out) {
        SandboxLoadBenchmark.Options memory = SandboxLoadBenchmark.Options.defaults();
        Path dir = Bench.tempDir("cnsh-bench-b4-");
        try {
            String inMemory = sandboxLoad(out, "B4", memory);
            out.println("-- B4 file: the same load, agents in a database file");
            return inMemory + System.lineSeparator() + sandboxLoad(out, "B4file", memory.withData(dir.resolve("data")));
        } finally {
            Bench.deleteTree(dir);
        }
    }

    private static String sandboxLoad(PrintWriter out, String label, SandboxLoadBenchmark.Options options) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            SandboxLoadBenchmark.Result r = SandboxLoadBenchmark.run(options, new PrintStream(buffer, true, StandardCharsets.UTF_8));
            out.print(buffer.toString(StandardCharsets.UTF_8));
            out.println(r.report());
            return String.format(Locale.ROOT, "%s clients=100 seconds=%.0f req_per_s=%.0f p50=%.1fms p99=%.1fms errors=%d",
                    label, r.seconds(), r.requestsPerSecond(), r.p50(), r.p99(), r.errors());
        } catch (Exception e) {
            throw new ContactNowException(label + " failed: " + e.getMessage(), e);
        }
    }
}
