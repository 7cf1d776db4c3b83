package io.cnsh.bench;

import io.cnsh.client.AgentQuery;
import io.cnsh.client.ContactNow;
import io.cnsh.model.Agent;
import io.cnsh.report.AgentReports;
import io.cnsh.report.Report;
import io.cnsh.report.ReportFormat;
import io.cnsh.report.Section;
import io.cnsh.wire.Format;
import io.cnsh.wire.WireCodec;
import io.cnsh.wire.WireLimits;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * B3's measured part, run by {@link ReportsAtScaleBenchmark} in a JVM of its own with a small heap:
 * it reads the agents, builds and writes the two reports, and prints its times and heap in one
 * line that the benchmark reads back.
 */
final class ReportsAtScaleChild {

    /** The sandbox's API user; the password comes in the environment variable {@value #PASSWORD_ENV}. */
    static final String USER = "bench";
    static final String PASSWORD_ENV = "CNSH_BENCH_API_PASSWORD";
    private static final String CHILD_MARK = "B3-CHILD ";

    private ReportsAtScaleChild() {
    }

    /** The figures of the child's line in its output ({@code key=value} pairs); empty when there is none. */
    static Map<String, String> figures(String output) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith(CHILD_MARK)) {
                for (String pair : line.substring(CHILD_MARK.length()).trim().split(" ")) {
                    int eq = pair.indexOf('=');
                    figures.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return figures;
    }

    /**
     * The measured part: {@code api BASE_URL OUT_DIR} reads every agent from a sandbox (user
     * {@value #USER}, password in {@value #PASSWORD_ENV}), {@code file EXPORT.json OUT_DIR} parses
     * them from a JSON export; both then build, render and write the summary and duplicates reports,
     * and print one line of figures ({@link #figures} reads it back).
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
