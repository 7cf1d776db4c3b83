package io.cnsh.bulk;

import io.cnsh.client.ContactNow;
import io.cnsh.model.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The records a run keeps of itself, apart from its batches: the start and plan events, the notice of
 * its id and files, and its end (the end event and the results CSV, also after a journal failure).
 */
final class RunRecord {

    private final Run run;
    private final Journal journal;
    private final Consumer<String> notices;

    RunRecord(Run run, Journal journal, Consumer<String> notices) {
        this.run = run;
        this.journal = journal;
        this.notices = notices;
    }

    /** Journals the start event (input, options, target) and every planned row, secrets masked. */
    void start(Plan plan, ContactNow client, int batchSize) {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("run", run.id());
        start.put("kind", plan.kind().label());
        start.put("input", plan.source() == null ? null : plan.source().toString());
        start.put("sha256", plan.sha256());
        start.put("rows", plan.rows().size());
        start.put("batch_size", batchSize);
        start.put("options", Journal.fields("skip_invalid", plan.options().skipInvalid(),
                "update_existing", plan.options().updateExisting()));
        start.put("target", client.baseUri().toString());
        start.put("username", client.username());
        start.put("live_agents", plan.liveAgents());
        journal.write("start", start);
        for (PlannedRow r : plan.rows()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("row", r.row());
            e.put("action", r.action().name().toLowerCase(Locale.ROOT));
            e.put("agentid", id(r));
            e.put("username", r.username());
            List<Map<String, String>> changes = new ArrayList<>();
            for (FieldChange c : r.changes()) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("field", c.field());
                m.put("old", c.secret() ? Secrets.mask(c.before()) : c.before());
                m.put("new", c.secret() ? Secrets.mask(c.after()) : c.after());
                changes.add(m);
            }
            e.put("changes", changes);
            if (r.note() != null) {
                e.put("note", r.note());
            }
            journal.write("plan", e);
        }
    }

    /** Says on the notices which run this is and where its files are, before anything is sent. */
    void announce(String verb) {
        notices.accept(verb + " run " + run.id() + "; if it stops, resume it with --resume " + run.id());
        notices.accept("  journal " + run.journal() + ", results " + run.results());
    }

    /**
     * The end event and the results CSV. When the journal cannot be written (a full disk), the results
     * are still written if they can be, and the run stops with how to resume it.
     */
    void end(String stopped, Map<String, Long> counts, CsvTable input, Map<Integer, RowResult> results) {
        String journalFailure = journal.failure();
        if (journalFailure == null) {
            try {
                Map<String, Object> end = new LinkedHashMap<>();
                end.put("status", stopped == null ? "complete" : "stopped");
                end.put("reason", stopped);
                end.put("counts", counts);
                journal.write("end", end);
                journal.sync();
            } catch (BulkException e) {
                journalFailure = journal.failure();
            }
        }
        BulkException resultsFailure = null;
        try {
            ResultsCsv.write(run.results(), input, results);
        } catch (BulkException e) {
            resultsFailure = e;
        }
        if (journalFailure != null) {
            throw new BulkException("run " + run.id() + " stopped: cannot write the journal " + run.journal() + ": "
                    + journalFailure + "; fix that, then resume it with --resume " + run.id());
        }
        if (resultsFailure != null) {
            throw new BulkException("run " + run.id() + " " + (stopped == null ? "ended" : "stopped") + ", but "
                    + resultsFailure.getMessage() + "; resume it with --resume " + run.id()
                    + " to write them again", resultsFailure);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a journal without a start event is refused by a resume with a clear message
        }
    }

    private static String id(PlannedRow r) {
        return r.live() == null ? null : r.live().get("agentid");
    }
}
