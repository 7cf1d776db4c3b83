package io.cnsh.bulk;

import io.cnsh.client.AgentQuery;
import io.cnsh.client.ContactNow;
import io.cnsh.model.Agent;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Predicate;

/**
 * A run to resume ({@link Bulk#resume}): its journal as read (never written here), and its rows planned
 * again against the live agents.
 *
 * @param run   the run
 * @param state what its journal says
 * @param fresh the run's CSV planned again now
 */
record Resumption(Run run, JournalState state, Plan fresh) {

    /**
     * Reads run {@code runId}'s journal, checks its target and its CSV (the same SHA-256), and plans
     * the CSV again against the live agents. Nothing is written.
     */
    static Resumption of(Bulk bulk, String runId) {
        ContactNow client = bulk.client();
        Run run = bulk.runs().open(runId);
        JournalState state = JournalState.read(run.journal());
        checkTarget(bulk, runId, state);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(state.input);
        } catch (IOException e) {
            throw new BulkException("run " + runId + " was made from " + state.input + ", which cannot be read now ("
                    + e.getClass().getSimpleName() + "); a resume needs the same file");
        }
        if (!Bulk.sha256(bytes).equals(state.sha256)) {
            throw new BulkException(state.input + " changed since run " + runId + " started; a resume applies the"
                    + " file it started with: restore it, or plan the changed file as a new run");
        }
        CsvTable table = CsvTable.parse(state.input.getFileName().toString(), bytes, bulk.delimiter());
        List<Agent> live = client.agents().readAll(AgentQuery.all()).toList();
        return new Resumption(run, state, Planner.plan(state.kind, table, state.input, state.sha256, live, state.options, false));
    }

    /** Rows the journal does not show as done (a few more may turn out done when resumed). */
    Predicate<PlannedRow> pending() {
        return r -> state.results.get(r.row()) == null || !state.results.get(r.row()).status().done();
    }

    /**
     * Refuses a journal made against another account ({@link RunTarget}). A journal that names no
     * target (an older cnsh) is resumed against this client, and the notices say so.
     */
    private static void checkTarget(Bulk bulk, String runId, JournalState state) {
        ContactNow client = bulk.client();
        String now = client.baseUri().toString();
        if (state.target == null) {
            bulk.notices().accept("Run " + runId + ": its journal does not say which account it was made for; resuming it"
                    + " against " + now + " as " + client.username());
            return;
        }
        if (!RunTarget.matches(state.target, state.username, client)) {
            throw new BulkException("run " + runId + " was made against " + state.target
                    + (state.username == null ? "" : " as " + state.username) + ", not " + now + " as "
                    + client.username() + "; resume it with the target it was made for");
        }
    }
}
