package io.cnsh.bulk;

import io.cnsh.model.Agent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * What a bulk run would do, row by row: per-agent diffs (old to new, secrets masked), rows that
 * change nothing, rows skipped, and rows with problems (unknown key, ambiguous username, bad value)
 * with their row numbers. A plan is computed against the live agents and applied as it is by
 * {@link Bulk#apply(Plan)}.
 *
 * <p>Exit codes follow the CLI contract: {@link #exitCode()} is 1 when rows have problems (and they
 * are not being skipped), 4 when the plan changes something, 0 when it changes nothing.
 */
public final class Plan {

    /** What the plan is for. */
    public enum Kind {
        /** Change existing agents, keyed by agentid or username. */
        UPDATE,
        /** Create agents keyed by username; existing ones skipped or updated. */
        CREATE,
        /** Compare a desired state with the live agents; never applied. */
        DRIFT;

        /** Lower-case name, as used in run ids and journals. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final CsvTable input;
    private final Path source;
    private final String sha256;
    private final List<PlannedRow> rows;
    private final int liveAgents;
    private final Options options;
    private final List<Agent> unmanaged;

    /**
     * The choices a plan was made with; they are journaled so that a resume plans the same way.
     *
     * @param skipInvalid    leave rows with problems out instead of refusing the whole plan
     * @param updateExisting (create) update agents whose username exists instead of skipping them
     */
    public record Options(boolean skipInvalid, boolean updateExisting) {
    }

    Plan(Kind kind, CsvTable input, Path source, String sha256, List<PlannedRow> rows, int liveAgents,
         Options options, List<Agent> unmanaged) {
        this.kind = kind;
        this.input = input;
        this.source = source;
        this.sha256 = sha256;
        this.rows = List.copyOf(rows);
        this.liveAgents = liveAgents;
        this.options = options;
        this.unmanaged = List.copyOf(unmanaged);
    }

    public Kind kind() {
        return kind;
    }

    /** The CSV the plan was made from. */
    public CsvTable input() {
        return input;
    }

    /** The CSV file, or {@code null} when the plan was made from bytes. */
    public Path source() {
        return source;
    }

    /** The SHA-256 of the CSV bytes (hex), so a resume can tell that the file is unchanged. */
    public String sha256() {
        return sha256;
    }

    /** One planned row per data row of the CSV, in file order. */
    public List<PlannedRow> rows() {
        return rows;
    }

    /** How many agents the account had when the plan was made. */
    public int liveAgents() {
        return liveAgents;
    }

    public Options options() {
        return options;
    }

    /** The rows that send something (updates and creates). */
    public List<PlannedRow> toSend() {
        return rows.stream().filter(r -> r.action().sends()).toList();
    }

    /** The rows with problems. */
    public List<PlannedRow> problems() {
        return rows.stream().filter(r -> r.action() == RowAction.INVALID).toList();
    }

    /** Drift only: live agents (not deleted, not system) that no row names. */
    public List<Agent> unmanaged() {
        return unmanaged;
    }

    /** True when rows have problems. */
    public boolean hasProblems() {
        return rows.stream().anyMatch(r -> r.action() == RowAction.INVALID);
    }

    /** True when the plan would change something (drift: when the live agents differ). */
    public boolean hasChanges() {
        if (kind == Kind.DRIFT) {
            return !unmanaged.isEmpty() || rows.stream().anyMatch(r -> r.action() == RowAction.UPDATE
                    || r.action() == RowAction.MISSING);
        }
        return rows.stream().anyMatch(r -> r.action().sends());
    }

    /** 1 when rows have problems (and are not skipped), 4 when something would change, else 0. */
    public int exitCode() {
        if (hasProblems() && !options.skipInvalid()) {
            return 1;
        }
        return hasChanges() ? 4 : 0;
    }

    private long count(RowAction action) {
        return rows.stream().filter(r -> r.action() == action).count();
    }

    /** The plan as text lines: one block per changed agent, problem lines, then a summary. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add((kind == Kind.DRIFT ? "Drift of " : "Plan for ") + input.name() + ": " + rows.size() + " row"
                + (rows.size() == 1 ? "" : "s") + " against " + liveAgents + " live agent" + (liveAgents == 1 ? "" : "s"));
        out.add("");
        List<Integer> unchanged = new ArrayList<>();
        for (PlannedRow r : rows) {
            String where = r.input().where();
            switch (r.action()) {
                case UPDATE -> {
                    out.add("~ " + where + ": " + r.title() + (kind == Kind.DRIFT ? " differs (live -> desired)" : ""));
                    fieldLines(out, r.changes(), true);
                }
                case CREATE -> {
                    out.add("+ " + where + ": create " + r.title());
                    fieldLines(out, r.changes(), false);
                }
                case SKIP -> out.add("- " + where + ": skip " + r.title() + ": " + r.note());
                case INVALID -> out.add("! " + where + ": " + r.note());
                case MISSING -> out.add("+ " + where + ": missing: " + r.note());
                case UNCHANGED -> unchanged.add(r.row());
            }
        }
        for (Agent a : unmanaged) {
            out.add("? agent " + a.get("agentid") + " " + a.username() + (a.name() == null || a.name().isEmpty()
                    ? "" : " (" + a.name() + ")") + ": live but not in " + input.name());
        }
        if (!unchanged.isEmpty()) {
            out.add("= " + (unchanged.size() == 1 ? "row " : "rows ") + numbers(unchanged) + ": "
                    + (kind == Kind.DRIFT ? "match the live agents" : "no change"));
        }
        out.add("");
        out.add(summary());
        if (hasProblems()) {
            out.add(options.skipInvalid()
                    ? "Rows marked ! are left out (--skip-invalid)."
                    : "Nothing is applied while rows have problems: fix the rows marked !, or leave them out with --skip-invalid.");
        }
        return out;
    }

    private static void fieldLines(List<String> out, List<FieldChange> changes, boolean diff) {
        out.addAll(fieldLines(changes, diff, true));
    }

    /**
     * The field lines under one agent's {@code +} or {@code ~} line, secrets masked: {@code after} for a
     * create, {@code 'before' -> 'after'} for a change, {@code -> 'after'} when the before-value is not known.
     */
    public static List<String> fieldLines(List<FieldChange> changes, boolean diff, boolean beforeKnown) {
        List<String> out = new ArrayList<>();
        int width = changes.stream().mapToInt(c -> c.field().length()).max().orElse(0);
        for (FieldChange c : changes) {
            String field = c.field() + " ".repeat(width - c.field().length());
            String shown = !diff ? c.shownAfter() : beforeKnown ? c.shownBefore() + " -> " + c.shownAfter() : "-> " + c.shownAfter();
            out.add("      " + field + "  " + shown);
        }
        return out;
    }

    static String numbers(List<Integer> rows) {
        StringJoiner j = new StringJoiner(", ");
        int shown = Math.min(rows.size(), 20);
        rows.subList(0, shown).forEach(n -> j.add(String.valueOf(n)));
        return j + (rows.size() > shown ? " and " + (rows.size() - shown) + " more" : "");
    }

    /** One line: what the plan changes, in counts. */
    public String summary() {
        long updates = count(RowAction.UPDATE);
        long fields = rows.stream().filter(r -> r.action() == RowAction.UPDATE).mapToLong(r -> r.changes().size()).sum();
        long creates = count(RowAction.CREATE);
        long same = count(RowAction.UNCHANGED);
        long skipped = count(RowAction.SKIP);
        long invalid = count(RowAction.INVALID);
        long missing = count(RowAction.MISSING);
        StringJoiner j = new StringJoiner(", ");
        if (kind == Kind.DRIFT) {
            if (!hasChanges()) {
                return "No drift: " + (same == 1 ? "the row matches" : "all " + same + " rows match") + " the live agents"
                        + (invalid > 0 ? "; " + invalid + " row" + (invalid == 1 ? "" : "s") + " with problems." : ".");
            }
            j.add(updates + " agent" + (updates == 1 ? "" : "s") + " differ" + (updates == 1 ? "s" : "")
                    + " (" + fields + " field" + (fields == 1 ? "" : "s") + ")");
            j.add(missing + " missing");
            if (!unmanaged.isEmpty()) {
                j.add(unmanaged.size() + " not in the file");
            }
            j.add(same + " match");
            if (invalid > 0) {
                j.add(invalid + " row" + (invalid == 1 ? "" : "s") + " with problems");
            }
            return "Drift: " + j + ".";
        }
        j.add(updates + " agent" + (updates == 1 ? "" : "s") + " to change" + (updates > 0 ? " (" + fields + " field"
                + (fields == 1 ? "" : "s") + ")" : ""));
        if (kind == Kind.CREATE) {
            j.add(creates + " to create");
            j.add(skipped + " skipped");
        }
        j.add(same + " unchanged");
        if (invalid > 0) {
            j.add(invalid + " row" + (invalid == 1 ? "" : "s") + " with problems");
        }
        return "Plan: " + j + ".";
    }

    @Override
    public String toString() {
        return "Plan[" + kind.label() + " " + input.name() + ": " + summary() + "]";
    }
}
