package io.cnsh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnsh.client.AgentQuery;
import io.cnsh.client.ContactNow;
import io.cnsh.model.Agent;
import io.cnsh.model.ContactNowException;
import io.cnsh.report.AgentReports;
import io.cnsh.report.ReportFormat;
import io.cnsh.sandbox.SandboxServer;
import io.cnsh.sandbox.Seed;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * B3: reports at scale. 100,000 agents (with shared usernames and names, deleted agents and the
 * system agent) are created in an in-memory sandbox in this process; that setup is not timed.
 * Then, run in turns:
 *
 * <ul>
 *   <li><b>cnsh</b>: a new JVM with {@code -Xmx256m} reads every agent through the client, page by
 *       page over loopback HTTP (the client's default pages of 500), builds the summary and the
 *       duplicates reports with {@link AgentReports}, renders both as text tables and writes them to
 *       files. It times that work itself and reports its peak heap (see {@link ReportsAtScaleChild#main});</li>
 *   <li><b>cnsh on the file</b>: the same JVM settings and reports, with the agents parsed from the
 *       JSON export that jq reads instead of read from the sandbox;</li>
 *   <li><b>jq</b>: the same counts and groups from that export: live agents by the four summary
 *       fields, and agents sharing a username or a name (trimmed, ignoring case) with the fields that
 *       differ within each group, written as compact JSON.</li>
 * </ul>
 *
 * <p>The agents are {@link LargeContactCentre}'s.
 */
final class ReportsAtScaleBenchmark {

    private static final String USER = ReportsAtScaleChild.USER;
    private static final String PASSWORD = "bench-password";
    private static final String HEAP = "-Xmx256m";

    /** jq's version of the two reports; agents are the JSON export's records (pins and passwords masked). */
    static final String JQ_PROGRAM = """
            def shown: if . == null then "(none)" elif . == "" then "(empty)" else . end;
            def groups(key):
              map({k: key, a: .}) | map(select(.k != null)) | group_by(.k) | map(select(length > 1))
              | map(map(.a) as $g
                    | ([$g[] | keys_unsorted[]] | unique - ["agentid"]) as $ks
                    | [$ks[] as $k | select([$g[] | .[$k]] | unique | length > 1) | $k] as $d
                    | $g | map(. as $a | {value: key, agentid, name, username,
                        differs: (if ($d | length) == 0 then "identical apart from agentid"
                                  else [$d[] as $k | if ($k == "pin" or $k == "password") then "\\($k) (differs)"
                                        else "\\($k) \\($a[$k] | if . == null then "(none)" else "'\\(.)'" end)" end]
                                       | join(", ") end)}));
            [.[] | select(.filter != "999" and .filter != "505050")] as $live
            | ($live | length) as $n
            | {live: $n,
               summary: (["auth_level", "selfserve_id", "default_status", "agent_version"]
                 | map(. as $f | {key: $f, value: ($live | group_by(.[$f])
                     | map({value: (.[0][$f] | shown), agents: length, share: ((length * 1000 / $n | round) / 10)})
                     | sort_by(-.agents, .value))}) | from_entries),
               usernames: ($live | groups(if .username == null or .username == "" then null else .username end)),
               names: ($live | groups(if .name == null or (.name | test("^\\\\s*$")) then null
                                     else (.name | sub("^\\\\s+"; "") | sub("\\\\s+$"; "") | ascii_downcase) end))}
            """;

    private final int agents;
    private final int runs;

    ReportsAtScaleBenchmark(int agents, int runs) {
        this.agents = agents;
        this.runs = runs;
    }

    String run(PrintWriter out) {
        Path work = Bench.tempDir("cnsh-bench-b3");
        try (SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.NONE)
                .apiUser(USER, PASSWORD).build().start()) {
            return measure(out, server, work);
        } catch (IOException e) {
            throw new ContactNowException("B3 failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContactNowException("B3 interrupted", e);
        } finally {
            Bench.deleteTree(work);
        }
    }

    private String measure(PrintWriter out, SandboxServer server, Path work) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        ContactNow loader = ContactNow.builder().baseUrl(server.baseUri()).credentials(USER, PASSWORD)
                .batchSize(2000).concurrency(2).build();
        loader.agents().create(LargeContactCentre.agents(agents, new Random(8)));
        List<Agent> all = ContactNow.builder().baseUrl(server.baseUri()).credentials(USER, PASSWORD).build()
                .agents().readAll(AgentQuery.all()).toList();
        Path export = work.resolve("agents.json");
        Files.write(export, AgentReports.export(all, ReportFormat.JSON, false));
        all = null;
        Path program = work.resolve("reports.jq");
        Files.writeString(program, JQ_PROGRAM);
        out.printf(Locale.ROOT, "B3 setup (not timed): %d agents created in an in-memory sandbox and exported as JSON"
                + " (%.1f MB, pins and passwords masked) in %.1f s%n", agents, Files.size(export) / 1e6,
                (System.nanoTime() - t0) / 1e9);
        Path jq = Path.of("/usr/bin/jq");
        boolean haveJq = Files.isExecutable(jq);
        if (!haveJq) {
            out.println("B3 jq: not measured (no /usr/bin/jq)");
        }

        List<Map<String, String>> api = new ArrayList<>();
        List<Map<String, String>> file = new ArrayList<>();
        List<Double> apiProcess = new ArrayList<>();
        List<Double> fileProcess = new ArrayList<>();
        List<Double> jqProcess = new ArrayList<>();
        Path jqOut = work.resolve("jq-out.json");
        for (int r = 1; r <= runs; r++) {
            Path dir = Files.createDirectories(work.resolve("run-" + r));
            long s = System.nanoTime();
            api.add(child(List.of("api", server.baseUri().toString(), dir.resolve("api").toString())));
            apiProcess.add((System.nanoTime() - s) / 1e9);
            s = System.nanoTime();
            file.add(child(List.of("file", export.toString(), dir.resolve("file").toString())));
            fileProcess.add((System.nanoTime() - s) / 1e9);
            if (haveJq) {
                s = System.nanoTime();
                Process p = new ProcessBuilder(jq.toString(), "-c", "-f", program.toString(), export.toString())
                        .redirectOutput(jqOut.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new ContactNowException("B3: jq failed (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
                }
                jqProcess.add((System.nanoTime() - s) / 1e9);
            }
            out.printf(Locale.ROOT, "B3 round %d of %d done (load average %s)%n", r, runs, Bench.loadAverage());
            out.flush();
        }

        Map<String, String> first = api.get(0);
        out.printf(Locale.ROOT, "B3 %d runs each, in turns; seconds, median (min-max)%n", runs);
        out.printf(Locale.ROOT, "   %-52s %-20s %-20s %-20s%n", "", "read / parse", "reports", "whole process");
        out.printf(Locale.ROOT, "   %-52s %-20s %-20s %-20s%n", "cnsh: read all pages from the sandbox + reports",
                Bench.spread(values(api, "read")), Bench.spread(values(api, "reports")), Bench.spread(apiProcess));
        out.printf(Locale.ROOT, "   %-52s %-20s %-20s %-20s%n", "cnsh: parse the JSON export file + reports",
                Bench.spread(values(file, "read")), Bench.spread(values(file, "reports")), Bench.spread(fileProcess));
        if (haveJq) {
            out.printf(Locale.ROOT, "   %-52s %-20s %-20s %-20s%n", "jq 1.6 on the JSON export file", "", "", Bench.spread(jqProcess));
        }
        out.printf(Locale.ROOT, "B3 cnsh's own time (read + reports, without JVM start): median %s s; target under 5 s%n",
                String.format(Locale.ROOT, "%.2f", Bench.median(values(api, "total"))));
        double peak = values(api, "peak_heap_mb").stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double live = Bench.median(values(api, "live_heap_mb"));
        out.printf(Locale.ROOT, "B3 heap of the cnsh JVM (%s): peak used %.0f MB (highest of all runs: the heap in use"
                        + " just before each collection and at the end, from GC notifications), %.0f MB still in use after a full"
                        + " collection with the agents and reports held; heap pools' own peaks add up to %.0f MB; %s collections;"
                        + " target under 256 MB%n", HEAP, peak, live,
                values(api, "pool_peaks_mb").stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                first.get("gcs"));
        out.printf(Locale.ROOT, "B3 found: %s agents, %s live; %s usernames held by %s agents, %s names held by %s agents%n",
                first.get("agents"), first.get("live"), first.get("user_groups"), first.get("user_rows"),
                first.get("name_groups"), first.get("name_rows"));
        if (haveJq) {
            out.println("B3 check against jq's output: " + compare(first, new ObjectMapper().readTree(jqOut.toFile())));
        }
        double cnsh = Bench.median(apiProcess);
        double jqTime = haveJq ? Bench.median(jqProcess) : Double.NaN;
        if (haveJq) {
            out.printf(Locale.ROOT, "B3 jq takes %.1f times as long as the whole cnsh process reading over HTTP, and %.1f times"
                    + " as long as cnsh on the same file%n", jqTime / cnsh, jqTime / Bench.median(fileProcess));
        }
        return String.format(Locale.ROOT, "B3 agents=%d cnsh=%.2fs cnsh_process=%.2fs cnsh_file_process=%.2fs jq=%s"
                        + " peak_heap=%.0fMB live_heap=%.0fMB xmx=256MB ratio_jq_vs_cnsh=%s",
                agents, Bench.median(values(api, "total")), cnsh, Bench.median(fileProcess),
                haveJq ? String.format(Locale.ROOT, "%.2fs", jqTime) : "n/a", peak, live,
                haveJq ? String.format(Locale.ROOT, "%.1f", jqTime / cnsh) : "n/a");
    }

    private static List<Double> values(List<Map<String, String>> results, String key) {
        return results.stream().map(m -> Double.parseDouble(m.get(key))).toList();
    }

    /** Runs the measured part in a new JVM and returns the figures it printed. */
    private Map<String, String> child(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Bench.java(), HEAP, "-cp", System.getProperty("java.class.path"),
                ReportsAtScaleChild.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(ReportsAtScaleChild.PASSWORD_ENV, PASSWORD);
        Process p = pb.start();
        Bench.Screen screen = new Bench.Screen(p.getInputStream());
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new ContactNowException("B3: the cnsh JVM did not finish within 10 minutes");
        }
        String output = screen.all(5_000);
        Map<String, String> figures = ReportsAtScaleChild.figures(output);
        if (p.exitValue() != 0 || figures.isEmpty()) {
            throw new ContactNowException("B3: the cnsh JVM (" + HEAP + ", " + args.get(0) + ") failed with exit "
                    + p.exitValue() + ":\n" + output.strip());
        }
        return figures;
    }

    /** Whether jq found the same live agents, summary counts and duplicate groups as cnsh. */
    private static String compare(Map<String, String> cnsh, JsonNode jq) {
        List<String> differences = new ArrayList<>();
        check(differences, "live agents", cnsh.get("live"), jq.get("live").asText());
        check(differences, "username groups", cnsh.get("user_groups"), Integer.toString(jq.get("usernames").size()));
        check(differences, "agents in username groups", cnsh.get("user_rows"), Integer.toString(rows(jq.get("usernames"))));
        check(differences, "name groups", cnsh.get("name_groups"), Integer.toString(jq.get("names").size()));
        check(differences, "agents in name groups", cnsh.get("name_rows"), Integer.toString(rows(jq.get("names"))));
        check(differences, "auth_level values", cnsh.get("auth_levels"), Integer.toString(jq.get("summary").get("auth_level").size()));
        check(differences, "campaigns", cnsh.get("campaigns"), Integer.toString(jq.get("summary").get("selfserve_id").size()));
        return differences.isEmpty() ? "same live agents, summary rows and duplicate groups" : "DIFFERENT: " + differences;
    }

    private static void check(List<String> differences, String what, String cnsh, String jq) {
        if (!cnsh.equals(jq)) {
            differences.add(what + " cnsh " + cnsh + " jq " + jq);
        }
    }

    private static int rows(JsonNode groups) {
        int n = 0;
        for (JsonNode g : groups) {
            n += g.size();
        }
        return n;
    }
}
