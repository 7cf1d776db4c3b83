package io.cnsh.bulk;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentField;
import io.cnsh.model.Secrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Compares the rows of a CSV with the live agents and decides, row by row, what a run does. */
final class Planner {

    private Planner() {
    }

    static Plan plan(Plan.Kind kind, CsvTable table, Path source, String sha256, List<Agent> live,
                     Plan.Options options, boolean listUnmanaged) {
        String key = checkColumns(kind, table);
        List<String> settable = table.header().stream()
                .filter(c -> kind == Plan.Kind.CREATE || !c.equals(key)).toList();

        Map<Long, Agent> byId = new HashMap<>();
        Map<String, List<Agent>> byUsername = new HashMap<>();
        for (Agent a : live) {
            if (a.agentid() != null) {
                byId.put(a.agentid(), a);
            }
            if (a.username() != null && !a.username().isEmpty()) {
                byUsername.computeIfAbsent(a.username(), u -> new ArrayList<>()).add(a);
            }
        }

        List<PlannedRow> rows = new ArrayList<>();
        for (CsvRow row : table.rows()) {
            rows.add(planRow(kind, key, settable, row, byId, byUsername, options));
        }
        rows = flagRepeats(kind, rows);

        List<Agent> unmanaged = new ArrayList<>();
        if (kind == Plan.Kind.DRIFT && listUnmanaged) {
            Set<Long> named = new HashSet<>();
            rows.forEach(r -> {
                if (r.agentid() != null) {
                    named.add(r.agentid());
                }
            });
            for (Agent a : live) {
                if (!a.isDeleted() && !a.isSystem() && !named.contains(a.agentid())) {
                    unmanaged.add(a);
                }
            }
        }
        return new Plan(kind, table, source, sha256, rows, live.size(), options, unmanaged);
    }

    /** Checks the header and returns the key column. */
    static String checkColumns(Plan.Kind kind, CsvTable table) {
        String where = table.name() + ": row 1: ";
        List<String> unknown = table.header().stream().filter(c -> AgentField.byWireName(c).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            String list = unknown.stream().map(c -> "'" + c + "'" + io.cnsh.model.NameHints.closest(c, AgentField.wireNames())
                    .map(s -> " (did you mean '" + s + "'?)").orElse("")).collect(Collectors.joining(", "));
            throw new CsvFormatException(where + "unknown column" + (unknown.size() == 1 ? " " : "s ") + list
                    + "; columns are the API's field names: " + String.join(", ", AgentField.wireNames()));
        }
        if (kind == Plan.Kind.CREATE) {
            if (table.has("agentid")) {
                throw new CsvFormatException(where + "a file of new agents has no agentid column: the API assigns"
                        + " agentids (to change existing agents, use bulk-update)");
            }
            if (!table.has("username")) {
                throw new CsvFormatException(where + "a file of new agents needs a username column: it tells new"
                        + " agents from existing ones");
            }
            return "username";
        }
        String key = table.has("agentid") ? "agentid" : table.has("username") ? "username" : null;
        if (key == null) {
            throw new CsvFormatException(where + "no key column: add an agentid or a username column to say which"
                    + " agent each row is about");
        }
        if (table.header().size() == 1) {
            throw new CsvFormatException(where + "only the key column '" + key + "': add columns for the fields"
                    + (kind == Plan.Kind.DRIFT ? " to compare" : " to change"));
        }
        return key;
    }

    private static PlannedRow planRow(Plan.Kind kind, String key, List<String> settable, CsvRow row,
                                      Map<Long, Agent> byId, Map<String, List<Agent>> byUsername,
                                      Plan.Options options) {
        Map<String, String> desired = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String column : settable) {
            String cell = row.get(column);
            // an export masks secrets; fed back, the mask must mean "leave as it is", never a new value
            if (cell.isEmpty() || AgentField.byWireName(column).map(AgentField::isSecret).orElse(false)
                    && cell.equals(Secrets.MASK)) {
                continue;
            }
            String value = cell.equals(Bulk.SET_EMPTY) ? "" : cell;
            AgentField.byWireName(column).flatMap(f -> f.check(value)).ifPresent(problems::add);
            desired.put(column, value);
        }

        if (kind == Plan.Kind.CREATE) {
            return planCreate(row, desired, problems, byUsername, options);
        }

        Agent target = null;
        String missing = null;
        String cell = row.get(key).strip();
        if (cell.isEmpty()) {
            problems.add(0, "no " + key + ": every row needs one to say which agent it changes");
        } else if (key.equals("agentid")) {
            if (!cell.matches("[0-9]{1,18}")) {
                problems.add(0, "agentid must be digits, got '" + cell + "'");
            } else {
                target = byId.get(Long.parseLong(cell));
                if (target == null) {
                    missing = "no agent has agentid " + cell;
                }
            }
        } else {
            List<Agent> all = byUsername.getOrDefault(cell, List.of());
            List<Agent> active = all.stream().filter(a -> !a.isDeleted()).toList();
            if (active.size() == 1) {
                target = active.get(0);
            } else if (active.size() > 1) {
                problems.add(0, "username '" + cell + "' is held by " + active.size() + " agents (" + ids(active)
                        + "); key this row by agentid instead");
            } else if (!all.isEmpty()) {
                problems.add(0, "username '" + cell + "' belongs only to deleted agent" + (all.size() == 1 ? " " : "s ")
                        + ids(all) + "; key the row by agentid to change " + (all.size() == 1 ? "it" : "one of them"));
            } else {
                missing = "no agent has username '" + cell + "'";
            }
        }
        if (missing != null) {
            if (kind == Plan.Kind.DRIFT && problems.isEmpty()) {
                return new PlannedRow(row, RowAction.MISSING, null, desired, List.of(), null, missing);
            }
            problems.add(0, missing);
        }
        if (!problems.isEmpty()) {
            return PlannedRow.invalid(row, target, desired, prefix(target) + String.join("; ", problems));
        }
        List<FieldChange> changes = diff(target, desired);
        if (changes.isEmpty()) {
            return new PlannedRow(row, RowAction.UNCHANGED, target, desired, List.of(), null, null);
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("agentid", target.get("agentid"));
        changes.forEach(c -> patch.put(c.field(), c.after()));
        return new PlannedRow(row, RowAction.UPDATE, target, desired, changes, Agent.of(patch), null);
    }

    private static PlannedRow planCreate(CsvRow row, Map<String, String> desired, List<String> problems,
                                         Map<String, List<Agent>> byUsername, Plan.Options options) {
        String username = row.get("username").strip();
        if (username.isEmpty()) {
            problems.add(0, "no username: a new agent needs one");
            return PlannedRow.invalid(row, null, desired, String.join("; ", problems));
        }
        List<Agent> active = byUsername.getOrDefault(row.get("username"), List.of()).stream()
                .filter(a -> !a.isDeleted()).toList();
        if (active.isEmpty()) {
            if (!problems.isEmpty()) {
                return PlannedRow.invalid(row, null, desired, "new agent " + username + ": " + String.join("; ", problems));
            }
            List<FieldChange> fields = desired.entrySet().stream()
                    .map(e -> new FieldChange(e.getKey(), null, e.getValue())).toList();
            return new PlannedRow(row, RowAction.CREATE, null, desired, fields, Agent.of(desired), null);
        }
        if (!options.updateExisting()) {
            String note = active.size() == 1
                    ? "username exists (agent " + active.get(0).get("agentid") + "); --update-existing updates it"
                    : "username is held by " + active.size() + " agents (" + ids(active) + ")";
            return new PlannedRow(row, RowAction.SKIP, active.size() == 1 ? active.get(0) : null, desired,
                    List.of(), null, note);
        }
        if (active.size() > 1) {
            problems.add(0, "username '" + username + "' is held by " + active.size() + " agents (" + ids(active)
                    + "), so it cannot say which to update");
            return PlannedRow.invalid(row, null, desired, String.join("; ", problems));
        }
        Agent target = active.get(0);
        if (!problems.isEmpty()) {
            return PlannedRow.invalid(row, target, desired, prefix(target) + String.join("; ", problems));
        }
        List<FieldChange> changes = diff(target, desired);
        if (changes.isEmpty()) {
            return new PlannedRow(row, RowAction.UNCHANGED, target, desired, List.of(), null, null);
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("agentid", target.get("agentid"));
        changes.forEach(c -> patch.put(c.field(), c.after()));
        return new PlannedRow(row, RowAction.UPDATE, target, desired, changes, Agent.of(patch), null);
    }

    /** The fields whose live value differs from the one asked for, in column order. */
    static List<FieldChange> diff(Agent live, Map<String, String> desired) {
        List<FieldChange> changes = new ArrayList<>();
        desired.forEach((field, value) -> {
            String before = live.fields().get(field);
            if (!Objects.equals(before, value)) {
                changes.add(new FieldChange(field, before, value));
            }
        });
        return changes;
    }

    /** Marks every row that names an agent (or, for creates, a username) another row names too. */
    private static List<PlannedRow> flagRepeats(Plan.Kind kind, List<PlannedRow> rows) {
        Map<String, List<Integer>> byTarget = new LinkedHashMap<>();
        for (PlannedRow r : rows) {
            String target = target(kind, r);
            if (target != null) {
                byTarget.computeIfAbsent(target, t -> new ArrayList<>()).add(r.row());
            }
        }
        List<PlannedRow> out = new ArrayList<>();
        for (PlannedRow r : rows) {
            String target = target(kind, r);
            List<Integer> same = target == null ? List.of() : byTarget.get(target);
            if (same.size() > 1) {
                String what = target.startsWith("#") ? "agent " + target.substring(1) : "username '" + target.substring(1) + "'";
                out.add(PlannedRow.invalid(r.input(), r.live(), r.desired(), what + " appears in rows "
                        + Plan.numbers(same) + "; give each agent one row"));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static String target(Plan.Kind kind, PlannedRow r) {
        if (kind == Plan.Kind.CREATE) {
            String u = r.input().get("username").strip();
            return u.isEmpty() ? null : "@" + u;
        }
        return r.agentid() == null ? null : "#" + r.agentid();
    }

    private static String prefix(Agent target) {
        return target == null ? "" : "agent " + target.get("agentid") + " " + target.username() + ": ";
    }

    private static String ids(List<Agent> agents) {
        return agents.stream().map(a -> a.get("agentid")).collect(Collectors.joining(", "));
    }
}
