package io.cnsh.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run's journal says about it, for {@code cnsh runs list|show|prune}: its kind, target, start,
 * counts and status, and its rows (a bulk run) or writes (a run of writes from code), as the journal
 * holds them (secrets already masked there). Works for every kind of run; reads, never writes.
 */
public final class RunSummary {

    /** How a run stands. */
    public enum Status {
        /** Ended with every row or write done. */
        COMPLETE,
        /** Ended before it was done (stopped, killed): a bulk run can be resumed. */
        STOPPED,
        /** Ended with rows or writes that failed; a bulk run's resume tries them again. */
        FAILED,
        /** The journal cannot be read. */
        DAMAGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Run run;
    private final List<JsonNode> events;
    private final JsonNode start;
    private final Instant when;
    private final Status status;
    private final String problem;

    private RunSummary(Run run, List<JsonNode> events, String problem) {
        this.run = run;
        this.events = events;
        this.problem = problem;
        this.start = events.isEmpty() || !"start".equals(events.get(0).path("event").asText()) ? null : events.get(0);
        this.when = startedAt();
        this.status = problem != null || start == null ? Status.DAMAGED : settled();
    }

    /** The run's summary; a journal that cannot be read gives a summary with {@link Status#DAMAGED}. */
    public static RunSummary read(Run run) {
        try {
            return new RunSummary(run, Journal.read(run.journal()), null);
        } catch (BulkException e) {
            return new RunSummary(run, List.of(), e.getMessage());
        }
    }

    public Run run() {
        return run;
    }

    /** {@code update}, {@code create}, {@code code}, {@code revert}, … as the run's id says. */
    public String kind() {
        return start != null && start.hasNonNull("kind") ? start.get("kind").asText() : run.id().substring(0, run.id().indexOf('-'));
    }

    public boolean isCode() {
        return CodeJournal.KIND.equals(kind());
    }

    /** {@code USER at BASEURL}, or {@code ?} when the journal does not say. */
    public String target() {
        if (start == null || !start.hasNonNull("target")) {
            return "?";
        }
        String user = start.path("username").asText("?");
        return user + " at " + start.get("target").asText();
    }

    /** When the run started (its start event; the journal's file time when that cannot be read). */
    public Instant when() {
        return when;
    }

    public Status status() {
        return status;
    }

    /** {@code stopped (resumable)}, {@code complete}, … */
    public String statusText() {
        return status.label() + (resumable() ? " (resumable)" : "");
    }

    /** True when {@code --resume} can still take the run on: a bulk run that did not complete. */
    public boolean resumable() {
        return !isCode() && (status == Status.STOPPED || status == Status.FAILED);
    }

    /** Why the journal cannot be read, or {@code null}. */
    public String problem() {
        return problem;
    }

    /** The counts in a few words: {@code 4 rows: 3 updated, 1 unchanged} or {@code 2 writes, 3 agents}. */
    public String counts() {
        if (start == null) {
            return "";
        }
        if (isCode()) {
            int writes = 0;
            int records = 0;
            int failed = 0;
            for (JsonNode e : events) {
                switch (e.path("event").asText()) {
                    case "write" -> {
                        writes++;
                        records += e.path("records").size();
                    }
                    case "outcome" -> failed += "success".equals(e.path("status").asText()) ? 0 : 1;
                    default -> { }
                }
            }
            return writes + " write" + (writes == 1 ? "" : "s") + ", " + records + " agent" + (records == 1 ? "" : "s")
                    + (failed > 0 ? ", " + failed + " failed" : "");
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        rowStatuses().values().forEach(s -> byStatus.merge(s, 1, Integer::sum));
        int planned = (int) events.stream().filter(e -> "plan".equals(e.path("event").asText())).count();
        List<String> parts = new ArrayList<>();
        byStatus.forEach((s, n) -> parts.add(n + " " + s));
        int pending = planned - rowStatuses().size();
        if (pending > 0) {
            parts.add(pending + " pending");
        }
        return planned + " row" + (planned == 1 ? "" : "s") + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    /** The start event's fields, in order, as the journal has them (never a secret: none is journaled). */
    public Map<String, String> startInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        if (start != null) {
            start.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("event")) {
                    info.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
                }
            });
        }
        return info;
    }

    /** One line per planned row (a bulk run) or per record written (code): what changed, and how it ended. */
    public List<String> changes() {
        return isCode() ? RunChanges.writes(events) : RunChanges.rows(events, rowStatuses());
    }

    private Map<Integer, String> rowStatuses() {
        Map<Integer, String> statuses = new TreeMap<>();
        for (JsonNode e : events) {
            if ("row".equals(e.path("event").asText())) {
                statuses.put(e.path("row").asInt(), e.path("status").asText());
            }
        }
        return statuses;
    }

    private Status settled() {
        JsonNode end = null;
        for (JsonNode e : events) {
            switch (e.path("event").asText()) {
                case "end" -> end = e;
                case "resume" -> end = null;
                default -> { }
            }
        }
        if (end == null || "stopped".equals(end.path("status").asText())) {
            return Status.STOPPED;
        }
        if (isCode()) {
            return "complete".equals(end.path("status").asText()) ? Status.COMPLETE : Status.FAILED;
        }
        boolean failed = rowStatuses().values().stream().anyMatch(s -> s.equals("failed") || s.equals("pending"));
        return failed ? Status.FAILED : Status.COMPLETE;
    }

    private Instant startedAt() {
        if (start != null) {
            try {
                return Instant.parse(start.path("at").asText());
            } catch (DateTimeParseException e) {
                // fall back to the file's time
            }
        }
        try {
            return Files.getLastModifiedTime(run.journal()).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
