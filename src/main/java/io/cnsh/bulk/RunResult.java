package io.cnsh.bulk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How an apply or a resume ended: each row's status, the run's files, and whether it stopped early
 * (interrupted, or the connection failed) and must be resumed.
 */
public final class RunResult {

    private final Run run;
    private final Plan.Kind kind;
    private final Map<Integer, RowResult> rows;
    private final String stopped;
    private final int sent;

    RunResult(Run run, Plan.Kind kind, Map<Integer, RowResult> rows, String stopped, int sent) {
        this.run = run;
        this.kind = kind;
        this.rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        this.stopped = stopped;
        this.sent = sent;
    }

    /** The run's id and files. */
    public Run run() {
        return run;
    }

    public String runId() {
        return run.id();
    }

    public Plan.Kind kind() {
        return kind;
    }

    /** Every row's result by row number, in file order. */
    public Map<Integer, RowResult> rows() {
        return rows;
    }

    /** How many rows ended with each status (every status present, possibly 0). */
    public Map<RowStatus, Long> counts() {
        Map<RowStatus, Long> counts = new EnumMap<>(RowStatus.class);
        for (RowStatus s : RowStatus.values()) {
            counts.put(s, 0L);
        }
        rows.values().forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        return counts;
    }

    /** How many rows ended with this status. */
    public long count(RowStatus status) {
        return counts().get(status);
    }

    /** Records this apply (or resume) sent in create and update requests, retries included. */
    public int sent() {
        return sent;
    }

    /** True when the run stopped before every row was done; {@link #stopReason()} says why. */
    public boolean stopped() {
        return stopped != null;
    }

    /** Why the run stopped early, or {@code null}. */
    public String stopReason() {
        return stopped;
    }

    /** The rows that failed. */
    public List<RowResult> failures() {
        return rows.values().stream().filter(r -> r.status() == RowStatus.FAILED).toList();
    }

    /** 1 when the run stopped early, 3 when some rows failed, else 0. */
    public int exitCode() {
        if (stopped()) {
            return 1;
        }
        return failures().isEmpty() ? 0 : 3;
    }

    /** A few lines for people: counts, failures, the files, and how to resume. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        StringJoiner j = new StringJoiner(", ");
        counts().forEach((status, n) -> {
            if (n > 0) {
                j.add(n + " " + status.label());
            }
        });
        out.add((stopped() ? "Stopped " : "Applied ") + "run " + run.id() + ": " + (rows.isEmpty() ? "no rows" : j.toString()) + ".");
        List<RowResult> failed = failures();
        for (RowResult r : failed.subList(0, Math.min(failed.size(), 20))) {
            out.add("  row " + r.row() + " failed: " + r.error());
        }
        if (failed.size() > 20) {
            out.add("  ... and " + (failed.size() - 20) + " more failures (see the results CSV)");
        }
        out.add("Results: " + run.results());
        out.add("Journal: " + run.journal());
        if (stopped()) {
            out.add("The run stopped early (" + stopped + "); resume it with --resume " + run.id());
        } else if (!failed.isEmpty()) {
            out.add("Fix the cause and resume with --resume " + run.id() + " to retry the failed rows.");
        }
        return out;
    }

    @Override
    public String toString() {
        return "RunResult[" + run.id() + " " + counts() + (stopped() ? " stopped: " + stopped : "") + "]";
    }
}
