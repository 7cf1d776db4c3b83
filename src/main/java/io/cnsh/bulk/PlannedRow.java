package io.cnsh.bulk;

import io.cnsh.model.Agent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a plan does with one CSV row: the action, the agent it concerns, the field changes and the
 * record that will be sent. Holds secret values (to send them), but {@link #toString()} and every
 * rendering mask them.
 */
public final class PlannedRow {

    private final CsvRow input;
    private final RowAction action;
    private final Agent live;
    private final Map<String, String> desired;
    private final List<FieldChange> changes;
    private final Agent record;
    private final String note;

    PlannedRow(CsvRow input, RowAction action, Agent live, Map<String, String> desired, List<FieldChange> changes,
               Agent record, String note) {
        this.input = Objects.requireNonNull(input, "input");
        this.action = Objects.requireNonNull(action, "action");
        this.live = live;
        this.desired = Collections.unmodifiableMap(new LinkedHashMap<>(desired));
        this.changes = List.copyOf(changes);
        this.record = record;
        this.note = note;
    }

    static PlannedRow invalid(CsvRow input, Agent live, Map<String, String> desired, String problem) {
        return new PlannedRow(input, RowAction.INVALID, live, desired, List.of(), null, problem);
    }

    /** The row number (header = 1). */
    public int row() {
        return input.row();
    }

    /** The CSV row as read. */
    public CsvRow input() {
        return input;
    }

    public RowAction action() {
        return action;
    }

    /** The live agent the row is about, or {@code null} (a create, or no match). */
    public Agent live() {
        return live;
    }

    /** The agentid the row is about, or {@code null} for a create or an unknown key. */
    public Long agentid() {
        return live == null ? null : live.agentid();
    }

    /** The fields and values the row asks for (empty cells left out). Holds secrets: do not print. */
    public Map<String, String> desired() {
        return desired;
    }

    /** The fields that differ from the live agent (every field, for a create). */
    public List<FieldChange> changes() {
        return changes;
    }

    /** The record to send (an update carries the agentid and the changed fields only), or {@code null}. */
    public Agent record() {
        return record;
    }

    /** Why the row is invalid, skipped or missing; {@code null} otherwise. */
    public String note() {
        return note;
    }

    /** The username the row is about: the row's own, else the live agent's. */
    public String username() {
        String u = desired.get("username");
        if (u == null || u.isEmpty()) {
            u = input.get("username");
        }
        if ((u == null || u.isEmpty()) && live != null) {
            u = live.username();
        }
        return u == null || u.isEmpty() ? null : u;
    }

    /** "agent 550012 praman (Priya Raman)", or "new agent bnew (Bob New)" for a create. */
    public String title() {
        if (live != null) {
            return "agent " + live.get("agentid") + " " + nonNull(live.username()) + nameSuffix(live.name());
        }
        String name = desired.get("name");
        return (action == RowAction.CREATE ? "new agent " : "agent ") + nonNull(username()) + nameSuffix(name);
    }

    private static String nonNull(String s) {
        return s == null || s.isEmpty() ? "(no username)" : s;
    }

    private static String nameSuffix(String name) {
        return name == null || name.isEmpty() ? "" : " (" + name + ")";
    }

    /** The action, row and title, secrets masked. */
    @Override
    public String toString() {
        return "PlannedRow[" + input.where() + " " + action + " " + title() + " " + changes
                + (note == null ? "" : " " + note) + "]";
    }
}
