package io.cnsh.bench;

import io.cnsh.client.AgentQuery;
import io.cnsh.client.ContactNow;
import io.cnsh.model.Agent;
import io.cnsh.sandbox.SandboxServer;
import io.cnsh.sandbox.Seed;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * B1: a one-field update of every agent of a large account against a sandbox that adds a fixed
 * latency to each request, done three ways in the same run: cnsh's batched update with default
 * settings, one request per agent through the same client, and the floor (requests × latency ÷
 * concurrency) that no client can beat. The batched update is timed first, as a bulk change in a
 * new cnsh process runs; a second batched run shows the same with the code already compiled.
 */
final class BulkUpdateBenchmark {

    private final int agents;
    private final Duration latency;

    BulkUpdateBenchmark(int agents, Duration latency) {
        this.agents = agents;
        this.latency = latency;
    }

    String run(PrintWriter out) {
        try (SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.NONE)
                .apiUser("bench", "bench-password").build().start()) {
            ContactNow cn = ContactNow.builder().baseUrl(server.baseUri()).credentials("bench", "bench-password").build();
            ContactNow bulkLoader = ContactNow.builder().baseUrl(server.baseUri()).credentials("bench", "bench-password")
                    .batchSize(1000).build();
            List<Agent> fresh = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                fresh.add(Agent.builder().name("Bench Agent " + i).username("bench" + i).pin("4821").build());
            }
            bulkLoader.agents().create(fresh);
            List<Long> ids = cn.agents().readAll(AgentQuery.all()).map(Agent::agentid).toList();
            out.printf(Locale.ROOT, "B1 setup: %d agents in the sandbox, %d ms latency per request%n", ids.size(), latency.toMillis());
            server.faults().latency(latency, Duration.ZERO);
            cn.tokens().token();

            int batch = 100;
            List<Agent> patches = patches(ids, "batched");
            long t0 = System.nanoTime();
            cn.agents().update(patches);
            double batched = seconds(System.nanoTime() - t0);
            int batchedRequests = (ids.size() + batch - 1) / batch;
            out.printf(Locale.ROOT, "B1 cnsh batched (batch %d, concurrency 1): %d requests in %.2f s%n", batch, batchedRequests, batched);

            List<Agent> single = patches(ids, "single");
            long t1 = System.nanoTime();
            for (Agent p : single) {
                cn.agents().update(List.of(p));
            }
            double perAgent = seconds(System.nanoTime() - t1);
            out.printf(Locale.ROOT, "B1 one request per agent: %d requests in %.2f s%n", single.size(), perAgent);

            List<Agent> again = patches(ids, "again");
            long t2 = System.nanoTime();
            cn.agents().update(again);
            double warm = seconds(System.nanoTime() - t2);
            out.printf(Locale.ROOT, "B1 cnsh batched once more, its code now compiled by the JIT (not in the summary):"
                    + " %d requests in %.2f s%n", batchedRequests, warm);

            double floor = batchedRequests * latency.toMillis() / 1000.0;
            long changed = cn.agents().readAll(AgentQuery.where("userfield", "again-0").limit(1)).count();
            out.printf(Locale.ROOT, "B1 check: agent 0 carries the last value: %s%n", changed == 1 ? "yes" : "NO");
            return String.format(Locale.ROOT, "B1 cnsh=%.2fs per_agent=%.1fs floor=%.2fs ratio_vs_per_agent=%.1f ratio_vs_floor=%.2f",
                    batched, perAgent, floor, perAgent / batched, batched / floor);
        }
    }

    private static List<Agent> patches(List<Long> ids, String prefix) {
        List<Agent> patches = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            patches.add(Agent.builder().agentid(ids.get(i)).userfield(prefix + "-" + i).build());
        }
        return patches;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
