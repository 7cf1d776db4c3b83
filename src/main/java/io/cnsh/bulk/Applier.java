package io.cnsh.bulk;

import io.cnsh.client.AgentQuery;
import io.cnsh.client.ApiException;
import io.cnsh.client.AuthenticationException;
import io.cnsh.client.BatchResult;
import io.cnsh.client.ContactNow;
import io.cnsh.client.InvalidInputException;
import io.cnsh.client.OutcomeUnknownException;
import io.cnsh.client.PartialFailureException;
import io.cnsh.client.TokenRejectedException;
import io.cnsh.client.WriteRefusedException;
import io.cnsh.model.Agent;
import io.cnsh.model.ContactNowException;
import io.cnsh.model.WriteResult;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Sends a plan's rows in batches and keeps the journal, the progress display and the row results
 * up to date. Every batch is journaled before it is sent and again when its outcome is known, so
 * that a resume can tell rows that are done from rows whose outcome must be checked on the live
 * agents. A create whose answer was lost is never sent again before its username has been looked up
 * ({@link CreateReconciler}).
 */
final class Applier {

    /** How to send, and where the run's notices (its id and files as it starts) go. */
    record Settings(ContactNow client, int batchSize, int maxCreateAttempts, Progress progress, Clock clock,
                    Consumer<String> notices) {
    }

    /** A create row waiting to be sent, with the number of sends whose outcome was lost. */
    private record Item(PlannedRow row, int lost) {
    }

    private final Settings settings;
    private final Run run;
    private final Plan plan;
    private final Journal journal;
    private final RunRecord record;
    private final CreateReconciler reconciler;
    private final Map<Integer, RowResult> results = new TreeMap<>();
    private final Set<Integer> sending = new HashSet<>();
    private final Set<Integer> counted = new HashSet<>();
    private int batch;
    private int sent;
    private long bad;
    private String stopped;

    private Applier(Settings settings, Run run, Plan plan, Journal journal, int batchesBefore) {
        this.settings = settings;
        this.run = run;
        this.plan = plan;
        this.journal = journal;
        this.record = new RunRecord(run, journal, settings.notices());
        this.reconciler = new CreateReconciler(settings.client(), settings.maxCreateAttempts());
        this.batch = batchesBefore;
    }

    /** Applies a new plan as a new run. */
    static RunResult apply(Settings settings, Run run, Plan plan) {
        try (Journal journal = Journal.open(run.journal(), settings.clock())) {
            Applier a = new Applier(settings, run, plan, journal, 0);
            try {
                a.record.start(plan, settings.client(), settings.batchSize());
            } catch (BulkException e) {
                // nothing was sent yet, so a journal without all of its plan is no run to resume
                journal.close();
                RunRecord.deleteQuietly(run.journal());
                throw new BulkException("cannot start a run: " + e.getMessage() + "; nothing was sent", e);
            }
            a.record.announce("Started");
            List<PlannedRow> toSend = new ArrayList<>();
            for (PlannedRow r : plan.rows()) {
                switch (r.action()) {
                    case UPDATE, CREATE -> toSend.add(r);
                    case UNCHANGED -> a.finish(r, RowStatus.UNCHANGED, id(r), null);
                    case SKIP -> a.finish(r, RowStatus.SKIPPED, id(r), r.note());
                    case INVALID, MISSING -> a.finish(r, RowStatus.INVALID, id(r), r.note());
                }
            }
            journal.sync();
            a.execute(toSend);
            return a.result();
        }
    }

    /**
     * Resumes a run: rows the journal shows as done stay done; every other row was planned again
     * against the live agents ({@code fresh}), and a row that was sent before the run stopped counts
     * as done when the live agents show its change.
     */
    static RunResult resume(Settings settings, Run run, JournalState state, Plan fresh) {
        try (Journal journal = Journal.open(run.journal(), settings.clock())) {
            Applier a = new Applier(settings, run, fresh, journal, state.batches);
            if (journal.repair() != null) {
                settings.notices().accept("Run " + run.id() + ": " + journal.repair() + ".");
            }
            long done = state.results.values().stream().filter(r -> r.status().done()).count();
            journal.write("resume", Journal.fields("rows_done", done, "live_agents", fresh.liveAgents(),
                    "batch_size", settings.batchSize()));
            a.record.announce("Resuming");
            List<PlannedRow> toSend = new ArrayList<>();
            for (PlannedRow r : fresh.rows()) {
                RowResult before = state.results.get(r.row());
                if (before != null && before.status().done()) {
                    a.results.put(r.row(), before);
                    continue;
                }
                RowAction original = state.planned.get(r.row());
                boolean wasSent = state.sent.contains(r.row());
                if (wasSent && original == RowAction.CREATE && r.action() != RowAction.CREATE) {
                    // the username exists now, so the create sent before the stop went through
                    a.finish(r, RowStatus.CREATED, id(r), null);
                    continue;
                }
                if (wasSent && original == RowAction.UPDATE && r.action() == RowAction.UNCHANGED) {
                    a.finish(r, RowStatus.UPDATED, id(r), null);
                    continue;
                }
                switch (r.action()) {
                    case UPDATE, CREATE -> toSend.add(r);
                    case UNCHANGED -> a.finish(r, RowStatus.UNCHANGED, id(r), null);
                    case SKIP -> a.finish(r, RowStatus.SKIPPED, id(r), r.note());
                    case INVALID, MISSING -> a.finish(r, fresh.options().skipInvalid() && original == RowAction.INVALID
                            ? RowStatus.INVALID : RowStatus.FAILED, id(r), r.note());
                }
            }
            journal.sync();
            a.execute(toSend);
            return a.result();
        }
    }

    private void execute(List<PlannedRow> toSend) {
        toSend.forEach(r -> sending.add(r.row()));
        settings.progress().start(plan.kind().label(), toSend.size());
        try {
            List<PlannedRow> updates = toSend.stream().filter(r -> r.action() == RowAction.UPDATE).toList();
            for (int i = 0; i < updates.size() && stopped == null; i += settings.batchSize()) {
                if (!interrupted()) {
                    sendUpdates(updates.subList(i, Math.min(updates.size(), i + settings.batchSize())));
                }
            }
            Deque<Item> creates = new ArrayDeque<>();
            toSend.stream().filter(r -> r.action() == RowAction.CREATE).forEach(r -> creates.add(new Item(r, 0)));
            while (!creates.isEmpty() && stopped == null && !interrupted()) {
                List<Item> chunk = new ArrayList<>();
                while (!creates.isEmpty() && chunk.size() < settings.batchSize()) {
                    chunk.add(creates.poll());
                }
                sendCreates(chunk, creates);
            }
            if (stopped == null) {
                resolveAgentids();
            }
        } finally {
            // write the end of the journal and the results even when the thread was interrupted
            boolean interrupt = Thread.interrupted();
            try {
                record.end(stopped, counts(), plan.input(), results);
            } finally {
                settings.progress().finish();
                if (interrupt) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private boolean interrupted() {
        if (Thread.currentThread().isInterrupted()) {
            stopped = "interrupted";
            return true;
        }
        return false;
    }

    private void stop(ContactNowException e) {
        stopped = Thread.currentThread().isInterrupted() ? "interrupted" : e.getMessage();
    }

    private void sendUpdates(List<PlannedRow> chunk) {
        int n = startBatch("update", chunk, 0);
        try {
            settings.client().agents().update(chunk.stream().map(PlannedRow::record).toList());
            chunk.forEach(r -> finish(r, RowStatus.UPDATED, id(r), null));
        } catch (PartialFailureException e) {
            Set<Agent> refused = refused(e);
            String error = errors(e);
            for (PlannedRow r : chunk) {
                if (refused.contains(r.record())) {
                    checkUpdate(r, error);
                } else {
                    finish(r, RowStatus.UPDATED, id(r), null);
                }
            }
        } catch (WriteRefusedException e) {
            // the guard kept it back: nothing was sent, and the run must not go on as if it had failed
            stop(e);
            throw e;
        } catch (AuthenticationException | TokenRejectedException e) {
            stop(e);
        } catch (ApiException | InvalidInputException e) {
            chunk.forEach(r -> finish(r, RowStatus.FAILED, id(r), e.getMessage()));
        } catch (ContactNowException e) {
            // no answer: the batch may or may not have been applied; a resume checks the live agents
            stop(e);
        }
        endBatch(n);
    }

    /** After a refused record: the live agent says whether the change is in place. */
    private void checkUpdate(PlannedRow r, String error) {
        try {
            Agent now = settings.client().agents().read(AgentQuery.where("agentid", r.agentid())).agents().stream()
                    .filter(a -> Objects.equals(a.agentid(), r.agentid())).findFirst().orElse(null);
            boolean applied = now != null && Planner.diff(now, r.desired()).isEmpty();
            finish(r, applied ? RowStatus.UPDATED : RowStatus.FAILED, id(r), applied ? null : error);
        } catch (ContactNowException e) {
            finish(r, RowStatus.FAILED, id(r), error);
        }
    }

    private void sendCreates(List<Item> chunk, Deque<Item> queue) {
        int lost = chunk.stream().mapToInt(Item::lost).max().orElse(0);
        int n = startBatch("create", chunk.stream().map(Item::row).toList(), lost);
        Map<String, Item> byUsername = new HashMap<>();
        chunk.forEach(i -> byUsername.put(i.row().username(), i));
        try {
            WriteResult w = settings.client().agents().create(chunk.stream().map(i -> i.row().record()).toList());
            for (int k = 0; k < chunk.size(); k++) {
                // the answer's key is the agentid of the last record; the others are looked up afterwards
                String key = k == chunk.size() - 1 && w.key() > 0 ? String.valueOf(w.key()) : null;
                finish(chunk.get(k).row(), RowStatus.CREATED, key, null);
            }
        } catch (OutcomeUnknownException e) {
            List<Integer> uncertain = e.records().stream().map(a -> byUsername.get(a.username()).row().row()).toList();
            journal.write("unknown", Journal.fields("batch", n, "rows", uncertain, "error", e.getMessage()));
            journal.sync();
            e.created().forEach(a -> finish(byUsername.get(a.username()).row(), RowStatus.CREATED, null, null));
            e.notSent().forEach(a -> queue.addLast(byUsername.get(a.username())));
            for (Agent a : e.records()) {
                Item item = byUsername.get(a.username());
                if (interrupted()) {
                    break;
                }
                CreateReconciler.Outcome outcome;
                try {
                    outcome = reconciler.afterLostAnswer(item.row(), item.lost());
                } catch (ContactNowException failure) {
                    stop(failure);
                    break;
                }
                settle(item.row(), outcome, queue);
            }
        } catch (PartialFailureException e) {
            Set<Agent> refused = refused(e);
            String error = errors(e);
            for (Item i : chunk) {
                if (!refused.contains(i.row().record())) {
                    finish(i.row(), RowStatus.CREATED, null, null);
                    continue;
                }
                settle(i.row(), reconciler.afterRefusal(i.row(), error), queue);
            }
        } catch (WriteRefusedException e) {
            stop(e);
            throw e;
        } catch (AuthenticationException | TokenRejectedException e) {
            stop(e);
        } catch (ApiException | InvalidInputException e) {
            chunk.forEach(i -> finish(i.row(), RowStatus.FAILED, null, e.getMessage()));
        } catch (ContactNowException e) {
            stop(e);
        }
        endBatch(n);
    }

    /** Ends a create's row, or queues it again, as the live agents say. */
    private void settle(PlannedRow r, CreateReconciler.Outcome outcome, Deque<Item> queue) {
        if (outcome instanceof CreateReconciler.Created c) {
            finish(r, RowStatus.CREATED, c.agentid(), c.note());
        } else if (outcome instanceof CreateReconciler.SendAgain again) {
            queue.addLast(new Item(r, again.lost()));
        } else if (outcome instanceof CreateReconciler.Failed f) {
            finish(r, RowStatus.FAILED, null, f.error());
        }
    }

    /** Looks up the agentids of created rows that do not have one yet. */
    private void resolveAgentids() {
        Map<Integer, PlannedRow> byRow = new HashMap<>();
        plan.rows().forEach(r -> byRow.put(r.row(), r));
        List<PlannedRow> missing = results.values().stream()
                .filter(r -> r.status() == RowStatus.CREATED && r.agentid() == null && r.error() == null)
                .map(r -> byRow.get(r.row())).toList();
        reconciler.agentids(missing).forEach((row, c) -> finish(byRow.get(row), RowStatus.CREATED, c.agentid(), c.note()));
    }

    private int startBatch(String action, List<PlannedRow> rows, int lost) {
        int n = ++batch;
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("batch", n);
        e.put("action", action);
        e.put("rows", rows.stream().map(PlannedRow::row).toList());
        if (lost > 0) {
            e.put("resend_after_lost_answer", lost);
        }
        journal.write("batch", e);
        journal.sync();
        sent += rows.size();
        return n;
    }

    private void endBatch(int n) {
        journal.write("batch-done", Journal.fields("batch", n));
        journal.sync();
        settings.progress().update(counted.size(), bad);
    }

    private void finish(PlannedRow r, RowStatus status, String agentid, String error) {
        RowResult before = results.get(r.row());
        String id = agentid != null ? agentid : before == null ? null : before.agentid();
        results.put(r.row(), new RowResult(r.row(), status, id, error));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("row", r.row());
        e.put("status", status.label());
        e.put("agentid", id);
        if (error != null) {
            e.put("error", error);
        }
        journal.write("row", e);
        if (sending.contains(r.row()) && counted.add(r.row()) && status == RowStatus.FAILED) {
            bad++;
        }
    }

    private static Set<Agent> refused(PartialFailureException e) {
        Set<Agent> refused = new HashSet<>();
        for (BatchResult b : e.failedBatches()) {
            refused.addAll(b.records());
        }
        return refused;
    }

    private static String errors(PartialFailureException e) {
        Set<String> texts = new LinkedHashSet<>();
        for (BatchResult b : e.failedBatches()) {
            if (b.result().error() != null && !b.result().error().isEmpty()) {
                texts.add(b.result().error());
            }
        }
        return texts.isEmpty() ? "refused by the API" : "refused by the API: " + String.join(" ", texts);
    }

    private static String id(PlannedRow r) {
        return r.live() == null ? null : r.live().get("agentid");
    }

    private Map<String, Long> counts() {
        Map<RowStatus, Long> counts = new EnumMap<>(RowStatus.class);
        results.values().forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k.label(), v));
        long pending = plan.rows().size() - results.size();
        if (pending > 0) {
            out.put(RowStatus.PENDING.label(), pending);
        }
        return out;
    }

    private RunResult result() {
        Map<Integer, RowResult> all = new TreeMap<>();
        for (PlannedRow r : plan.rows()) {
            all.put(r.row(), results.getOrDefault(r.row(), new RowResult(r.row(), RowStatus.PENDING, id(r), null)));
        }
        return new RunResult(run, plan.kind(), all, stopped, sent);
    }
}
