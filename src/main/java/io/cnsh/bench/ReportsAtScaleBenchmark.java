package io.cnsh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnsh.client.AgentQuery;
import io.cnsh.client.ContactNow;
import io.cnsh.model.Agent;
import io.cnsh.model.ContactNowException;
import io.cnsh.report.AgentReports;
import io.cnsh.report.Report;
import io.cnsh.report.ReportFormat;
import io.cnsh.report.Section;
import io.cnsh.sandbox.SandboxServer;
import io.cnsh.sandbox.Seed;
import io.cnsh.wire.Format;
import io.cnsh.wire.WireCodec;
import io.cnsh.wire.WireLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * B3: reports at scale. 100,000 agents (with shared usernames and names, deleted agents and the
 * system agent) are created in an in-memory sandbox in this process; that setup is not timed.
 * Then, run in turns:
 *
 * <ul>
 *   <li><b>cnsh</b>: a new JVM with {@code -Xmx256m} reads every agent through the client, page by
 *       page over loopback HTTP (the client's default pages of 500), builds the summary and the
 *       duplicates reports with {@link AgentReports}, renders both as text tables and writes them to
 *       files. It times that work itself and reports its peak heap (see {@link #main});</li>
 *   <li><b>cnsh on the file</b>: the same JVM settings and reports, with the agents parsed from the
 *       JSON export that jq reads instead of read from the sandbox;</li>
 *   <li><b>jq</b>: the same counts and groups from that export: live agents by the four summary
 *       fields, and agents sharing a username or a name (trimmed, ignoring case) with the fields that
 *       differ within each group, written as compact JSON.</li>
 * </ul>
 */
final class ReportsAtScaleBenchmark {

    private static final String USER = "bench";
    private static final String PASSWORD_ENV = "CNSH_BENCH_API_PASSWORD";
    private static final String PASSWORD = "bench-password";
    private static final String HEAP = "-Xmx256m";
    private static final String CHILD_MARK = "B3-CHILD ";

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
        loader.agents().create(agents(agents, new Random(8)));
        List<Agent> all = ContactNow.builder().baseUrl(server.baseUri()).credentials(USER, PASSWORD).build()
                .agents().readAll(AgentQuery.all()).toList();
        Path export = work.resolve("agents.json");
        Files.write(export, AgentReports.export(all, io.cnsh.report.ReportFormat.JSON, false));
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
                ReportsAtScaleBenchmark.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(PASSWORD_ENV, PASSWORD);
        Process p = pb.start();
        Bench.Screen screen = new Bench.Screen(p.getInputStream());
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new ContactNowException("B3: the cnsh JVM did not finish within 10 minutes");
        }
        String output = screen.all(5_000);
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith(CHILD_MARK)) {
                for (String pair : line.substring(CHILD_MARK.length()).trim().split(" ")) {
                    int eq = pair.indexOf('=');
                    figures.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
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

    // ---- the data ----------------------------------------------------------------------------

    private static final String[] FIRST = ("Aisha Amelia Arjun Ava Ben Caleb Chloe Daniel Elena Emily Ethan Finn Freya"
            + " Grace Hannah Isla Jamal Jane John Kwame Leah Liam Lucas Maya Marcus Mateo Mia Noah Nora Oliver Owen Priya"
            + " Ravi Rosa Ruby Samuel Sofia Theo Tom Zara Adam Alice Amir Anna Carlos Dara Eve Felix Hugo Ines Ivan Jack"
            + " Kai Lena Leo Luca Mila Nina Omar Paul Rhys Sara Tara Uma Yusuf Zoe").split(" ");
    private static final String[] SYLLABLES = ("ar bel cor dan el fin gar hol in jor kel lan mor nor ol per quin ros"
            + " sel tor ul van wes yar zel ber cal dor ev hal").split(" ");
    private static final String[] TEAMS = {"Team North", "Team South", "Collections", "Renewals", "Nights", "Sales",
        "Retention", "Support", "Billing", "Onboarding"};

    /**
     * A large contact centre, always the same for a seed: 90% agents, 8% supervisors, 2% admins over
     * 50 campaigns; 4% deleted and one system agent; 1% created twice (same username and name, other
     * fields different), 0.5% given a username someone else has, 0.5% given someone else's name in
     * capitals with stray spaces; other names repeat by chance, as real ones do (about 5%).
     */
    static List<Agent> agents(int n, Random r) {
        List<Agent> out = new ArrayList<>(n);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)]
                    + SYLLABLES[r.nextInt(SYLLABLES.length)];
            last = Character.toUpperCase(last.charAt(0)) + last.substring(1);
            String name = first + " " + last;
            String username = (first.charAt(0) + last).toLowerCase(Locale.ROOT);
            for (int k = 2; !taken.add(username); k++) {
                username = (first.charAt(0) + last).toLowerCase(Locale.ROOT) + k;
            }
            int roll = r.nextInt(1000);
            if (i > 0 && roll < 10) {
                Agent twin = out.get(r.nextInt(i));
                name = twin.name();
                username = twin.username();
            } else if (i > 0 && roll < 15) {
                username = out.get(r.nextInt(i)).username();
            } else if (i > 0 && roll < 20) {
                name = "  " + out.get(r.nextInt(i)).name().strip().toUpperCase(Locale.ROOT) + " ";
            }
            int level = r.nextInt(100);
            String auth = level < 2 ? "admin" : level < 10 ? "supervisor" : "agent";
            int status = r.nextInt(10);
            out.add(Agent.builder()
                    .name(name)
                    .moh(r.nextInt(9) == 0 ? "default" : "none")
                    .userfield(TEAMS[r.nextInt(TEAMS.length)])
                    .filter(i == 0 ? "505050" : r.nextInt(25) == 0 ? "999" : "0")
                    .pin(r.nextInt(50) == 0 ? "1234" : String.format(Locale.ROOT, "%06d", r.nextInt(1_000_000)))
                    .username(username)
                    .password("Pw-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36))
                    .phone(r.nextInt(10) == 0 ? null : String.format(Locale.ROOT, "+44 20 7946 %04d", r.nextInt(10_000)))
                    .customer("0")
                    .defaultStatus(status < 7 ? "wrap" : status < 9 ? "ready" : "away")
                    .agentVersion(r.nextInt(7) == 0 ? "1" : "2")
                    .selfserveId(Integer.toString(3101 + (int) Math.min(49, Math.abs(r.nextGaussian()) * 15)))
                    .aod(r.nextInt(5) == 0 ? "yes" : "no")
                    .authLevel(auth)
                    .authAdmin(auth.equals("admin") ? "Y" : "N")
                    .authSupervisor(auth.equals("agent") ? "N" : "Y")
                    .authReports(auth.equals("agent") ? "N" : "Y")
                    .build());
        }
        return out;
    }

    // ---- the measured part, in its own JVM ---------------------------------------------------

    /**
     * The measured part: {@code api BASE_URL OUT_DIR} reads every agent from a sandbox (password in
     * {@value #PASSWORD_ENV}), {@code file EXPORT.json OUT_DIR} parses them from a JSON export; both
     * then build, render and write the summary and duplicates reports, and print one line of figures.
     *
     * <p>Peak heap: every collection's notification carries the heap in use just before it, the
     * highest point between collections; the largest of those and of the heap in use at the end is
     * the peak. The heap pools' own peaks, added up, are an upper bound (they need not peak together).
     * Then a full collection with everything still held gives the heap the data really needs.
     */
    public static void main(String[] args) throws Exception {
        HeapWatch heap = new HeapWatch();
        Path outDir = Files.createDirectories(Path.of(args[2]));
        long t0 = System.nanoTime();
        List<Agent> all;
        if (args[0].equals("api")) {
            ContactNow cn = ContactNow.builder().baseUrl(args[1]).credentials(USER, System.getenv(PASSWORD_ENV)).build();
            all = cn.agents().readAll(AgentQuery.all()).toList();
        } else {
            byte[] json = Files.readAllBytes(Path.of(args[1]));
            all = WireCodec.of(Format.JSON, new WireLimits(Math.max(json.length + 1, WireLimits.DEFAULT.maxBodyBytes())))
                    .readPayload(json).records();
            json = null;
        }
        long t1 = System.nanoTime();
        Report summary = AgentReports.summary(all, false);
        Report duplicates = AgentReports.duplicates(all, false);
        Files.writeString(outDir.resolve("summary.txt"), summary.render(ReportFormat.TABLE), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("duplicates.txt"), duplicates.render(ReportFormat.TABLE), StandardCharsets.UTF_8);
        long t2 = System.nanoTime();

        long peak = heap.peak();
        long poolPeaks = heap.poolPeaks();
        int collections = heap.collections();
        System.gc();
        long live = heap.used();
        long scope = all.stream().filter(a -> !a.isDeleted() && !a.isSystem()).count();
        Section users = duplicates.sections().get(0);
        Section names = duplicates.sections().get(1);
        System.out.printf(Locale.ROOT, CHILD_MARK + "read=%.3f reports=%.3f total=%.3f agents=%d live=%d user_groups=%d"
                        + " user_rows=%d name_groups=%d name_rows=%d auth_levels=%d campaigns=%d peak_heap_mb=%.1f"
                        + " pool_peaks_mb=%.1f live_heap_mb=%.1f gcs=%d%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, all.size(), scope, distinct(users, false),
                users.rows().size(), distinct(names, true), names.rows().size(), summary.sections().get(0).rows().size(),
                summary.sections().get(1).rows().size(), peak / 1e6, poolPeaks / 1e6, live / 1e6, collections);
        java.lang.ref.Reference.reachabilityFence(all);
        java.lang.ref.Reference.reachabilityFence(summary);
    }

    /** The groups of a duplicates section: its distinct values (names as the report groups them). */
    private static int distinct(Section section, boolean names) {
        Set<String> values = new HashSet<>();
        for (List<Object> row : section.rows()) {
            String v = row.get(0).toString();
            values.add(names ? v.strip().toLowerCase(Locale.ROOT) : v);
        }
        return values.size();
    }

    /** The heap in use, watched through the collectors' notifications. */
    private static final class HeapWatch {
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private final Set<String> poolNames = new HashSet<>();
        private final AtomicLong beforeCollections = new AtomicLong();
        private final AtomicInteger collections = new AtomicInteger();

        HeapWatch() {
            pools.forEach(p -> poolNames.add(p.getName()));
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (!"com.sun.management.gc.notification".equals(notification.getType())) {
                        return;
                    }
                    com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management.GarbageCollectionNotificationInfo
                            .from((CompositeData) notification.getUserData());
                    long before = 0;
                    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                        if (poolNames.contains(e.getKey())) {
                            before += e.getValue().getUsed();
                        }
                    }
                    beforeCollections.accumulateAndGet(before, Math::max);
                    collections.incrementAndGet();
                }, null, null);
            }
        }

        long used() {
            return pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        }

        long poolPeaks() {
            return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }

        /** The highest heap use seen: before any collection so far, or now. */
        long peak() throws InterruptedException {
            Thread.sleep(200); // notifications arrive on their own thread, a moment after the collection
            return Math.max(beforeCollections.get(), used());
        }

        int collections() {
            return collections.get();
        }
    }
}
