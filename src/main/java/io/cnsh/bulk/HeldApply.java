package io.cnsh.bulk;

import io.cnsh.model.Agent;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A bulk apply while the client's writes are held ({@link io.cnsh.client.WriteGate#holdsWrites}: a dry
 * run). The records the apply would send still go to the client, which holds them, so the dry run's own
 * plan and {@code --max-changes} count them; but no run is started: no journal is opened or written, no
 * results CSV, nothing new under {@code runs/}. One line of the output says so.
 *
 * <p>The exit code follows the plan convention: 4 when anything would change, 0 when nothing would.
 */
final class HeldApply {

    private HeldApply() {
    }

    /**
     * Announces and passes to the client the creates and updates of the rows {@code pending} keeps, as
     * an apply would send them (updates first, then creates).
     *
     * @return 4 when any row would send something, else 0
     * @throws io.cnsh.client.WriteRefusedException when the change cap refuses them (nothing held then)
     */
    static int send(Bulk bulk, Plan plan, Predicate<PlannedRow> pending, Consumer<String> out) {
        List<PlannedRow> rows = plan.rows().stream().filter(pending).filter(r -> r.action().sends()).toList();
        bulk.announce(plan, pending);
        out.accept("Dry run: no run started and nothing journaled; " + rows.size() + " row" + (rows.size() == 1 ? "" : "s")
                + " held, not sent (the dry run's plan lists " + (rows.size() == 1 ? "it" : "them") + ").");
        List<Agent> updates = records(rows, RowAction.UPDATE);
        List<Agent> creates = records(rows, RowAction.CREATE);
        if (!updates.isEmpty()) {
            bulk.client().agents().update(updates);
        }
        if (!creates.isEmpty()) {
            bulk.client().agents().create(creates);
        }
        return rows.isEmpty() ? 0 : 4;
    }

    /**
     * A dry run of the resume of run {@code runId}: shows the rows its journal does not show as done,
     * planned again against the live agents ({@code fresh}), and holds what they would send. The
     * journal was only read.
     */
    static int resume(Bulk bulk, String runId, Plan fresh, Predicate<PlannedRow> pending, Consumer<String> out) {
        List<PlannedRow> rest = fresh.rows().stream().filter(pending).toList();
        int done = fresh.rows().size() - rest.size();
        out.accept("Resume of run " + runId + ": " + done + " row" + (done == 1 ? "" : "s") + " done; the other "
                + rest.size() + " planned again against the live agents");
        new Plan(fresh.kind(), fresh.input(), fresh.source(), fresh.sha256(), rest, fresh.liveAgents(), fresh.options(),
                List.of()).lines().forEach(out);
        return send(bulk, fresh, pending, out);
    }

    private static List<Agent> records(List<PlannedRow> rows, RowAction action) {
        return rows.stream().filter(r -> r.action() == action).map(PlannedRow::record).toList();
    }
}
