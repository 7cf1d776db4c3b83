package io.cnsh.bulk;

import static io.cnsh.bulk.JournalRevertSource.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.cnsh.model.Secrets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A code run's journal ({@code -e}, {@code run FILE}, the shell) read as a {@link RevertSource}: one
 * applied row per agent the run wrote. For each field, "before" is its value before the first write of
 * the run that set it (known only when that write's record had it in {@code before}) and "after" the
 * value of the last write that set it, so an agent changed twice goes back to what it had first. Fields
 * whose before-value is not known are named as such and left as they are.
 *
 * <p>Writes that failed entirely are left out; a write whose answer was lost is taken as possibly
 * written (the live values decide). A create that succeeded is one row (the agent found by the agentid
 * its answer gave, for a one-record create, else by username); a create that failed or whose answer was
 * lost is never touched, only noted.
 */
final class CodeJournalRevertSource implements RevertSource {

    private final String runId;
    private final String target;
    private final String username;
    private final Map<Object, Row> rows = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** Before- and after-values of the fields one agent had written by the run. */
    private static final class Row {
        final Long agentid;
        final String username;
        final boolean created;
        final Map<String, String[]> fields = new LinkedHashMap<>();
        final Set<String> unknown = new LinkedHashSet<>();

        Row(Long agentid, String username, boolean created) {
            this.agentid = agentid;
            this.username = username;
            this.created = created;
        }

        /** Records that the run set {@code field} to {@code value}; the first write's before-value stays. */
        void set(String field, String value, JsonNode record) {
            if (fields.containsKey(field) || unknown.contains(field)) {
                if (fields.containsKey(field)) {
                    fields.get(field)[1] = value;
                }
                return;
            }
            JsonNode before = record == null ? null : record.path("before");
            if (record == null || Secrets.isSecretName(field)) {
                fields.put(field, new String[] {null, value});
            } else if (record.path("before_known").asBoolean(false) && before.has(field)) {
                fields.put(field, new String[] {text(before.get(field)), value});
            } else {
                unknown.add(field);
            }
        }

        Applied applied() {
            List<FieldChange> changes = new ArrayList<>();
            fields.forEach((f, v) -> changes.add(new FieldChange(f, v[0], v[1])));
            return new Applied(agentid, username, created, changes, Collections.unmodifiableSet(unknown));
        }
    }

    CodeJournalRevertSource(Run run, List<JsonNode> events) {
        this.runId = run.id();
        JsonNode start = events.isEmpty() ? null : events.get(0);
        this.target = start == null ? null : text(start.get("target"));
        this.username = start == null ? null : text(start.get("username"));
        Map<Integer, JsonNode> outcomes = new HashMap<>();
        for (JsonNode e : events) {
            if ("outcome".equals(e.path("event").asText())) {
                outcomes.put(e.path("write").asInt(), e);
            }
        }
        for (JsonNode e : events) {
            if ("write".equals(e.path("event").asText())) {
                JsonNode outcome = outcomes.get(e.path("write").asInt());
                String status = outcome == null ? "unknown" : outcome.path("status").asText("unknown");
                if ("failed".equals(status) && outcome.path("written").asLong(0) == 0) {
                    continue;
                }
                if ("create".equals(e.path("action").asText())) {
                    create(e, outcome, status);
                } else {
                    e.path("records").forEach(this::update);
                }
            }
        }
    }

    private void create(JsonNode write, JsonNode outcome, String status) {
        JsonNode records = write.path("records");
        for (JsonNode r : records) {
            JsonNode fields = r.path("fields");
            String name = text(fields.get("username"));
            if (!"success".equals(status)) {
                String by = name != null ? "username: " + quote(name)
                        : "name: " + quote(String.valueOf(text(fields.get("name"))));
                notes.add("agent " + by.substring(by.indexOf(' ') + 1) + " (write " + write.path("write").asInt()
                        + ", outcome " + status + ") may or may not have been created; check with agents < read "
                        + by + " >");
                continue;
            }
            String id = records.size() == 1 ? text(outcome.get("agentid")) : null;
            Long agentid = id != null && id.matches("[0-9]{1,18}") ? Long.valueOf(id) : null;
            if (agentid == null && name == null) {
                notes.add("agent " + quote(String.valueOf(text(fields.get("name")))) + " created by write "
                        + write.path("write").asInt() + " has neither a known agentid nor a username; it is"
                        + " left as it is");
                continue;
            }
            Row row = new Row(agentid, name, true);
            rows.put(agentid != null ? agentid : "create:" + rows.size(), row);
            fields.fieldNames().forEachRemaining(f -> row.set(f, text(fields.get(f)), null));
        }
    }

    private void update(JsonNode record) {
        String id = text(record.get("agentid"));
        if (id == null || !id.matches("[0-9]{1,18}")) {
            return;
        }
        Long agentid = Long.valueOf(id);
        JsonNode fields = record.path("fields");
        Row row = rows.computeIfAbsent(agentid, k -> new Row(agentid, text(fields.get("username")), false));
        fields.fieldNames().forEachRemaining(f -> row.set(f, text(fields.get(f)), row.created ? null : record));
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public List<Applied> applied() {
        return rows.values().stream().map(Row::applied).toList();
    }

    @Override
    public List<String> notes() {
        return notes;
    }
}
