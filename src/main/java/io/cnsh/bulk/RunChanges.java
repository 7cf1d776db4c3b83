package io.cnsh.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The change lines of {@code cnsh runs show}, from a journal's events (values as journaled: secrets masked). */
final class RunChanges {

    private RunChanges() {
    }

    /** A bulk run: {@code row 2  update agent 550003 gokafor  userfield 'a' -> 'b'  [updated]}. */
    static List<String> rows(List<JsonNode> events, Map<Integer, String> statuses) {
        List<String> lines = new ArrayList<>();
        for (JsonNode e : events) {
            if (!"plan".equals(e.path("event").asText())) {
                continue;
            }
            int row = e.path("row").asInt();
            StringBuilder b = new StringBuilder("row ").append(row).append("  ").append(e.path("action").asText());
            if (e.hasNonNull("agentid")) {
                b.append(" agent ").append(e.get("agentid").asText());
            }
            if (e.hasNonNull("username")) {
                b.append(' ').append(e.get("username").asText());
            }
            List<String> changes = new ArrayList<>();
            for (JsonNode c : e.path("changes")) {
                changes.add(c.path("field").asText() + " " + value(c.get("old")) + " -> " + value(c.get("new")));
            }
            if (!changes.isEmpty()) {
                b.append("  ").append(String.join(", ", changes));
            }
            b.append("  [").append(statuses.getOrDefault(row, "pending")).append(']');
            lines.add(b.toString());
        }
        return lines;
    }

    /** A run of writes from code: {@code write 1  update agent 550004  moh 'x' -> 'none'  [success]}. */
    static List<String> writes(List<JsonNode> events) {
        Map<Integer, JsonNode> outcomes = new HashMap<>();
        events.stream().filter(e -> "outcome".equals(e.path("event").asText()))
                .forEach(e -> outcomes.put(e.path("write").asInt(), e));
        List<String> lines = new ArrayList<>();
        for (JsonNode e : events) {
            if (!"write".equals(e.path("event").asText())) {
                continue;
            }
            int n = e.path("write").asInt();
            JsonNode outcome = outcomes.get(n);
            String ended = outcome == null ? "no answer journaled"
                    : outcome.path("status").asText() + (outcome.hasNonNull("agentid") ? ", agentid " + outcome.get("agentid").asText() : "");
            for (JsonNode r : e.path("records")) {
                StringBuilder b = new StringBuilder("write ").append(n).append("  ").append(e.path("action").asText());
                if (r.hasNonNull("agentid")) {
                    b.append(" agent ").append(r.get("agentid").asText());
                }
                List<String> changes = new ArrayList<>();
                JsonNode before = r.path("before");
                r.path("fields").fields().forEachRemaining(f -> changes.add(f.getKey()
                        + (before.has(f.getKey()) ? " " + value(before.get(f.getKey())) : "") + " -> " + value(f.getValue())));
                b.append("  ").append(String.join(", ", changes));
                if (r.has("before_known") && !r.get("before_known").asBoolean()) {
                    b.append("  (before not known)");
                }
                b.append("  [").append(ended).append(']');
                lines.add(b.toString());
            }
        }
        return lines;
    }

    private static String value(JsonNode v) {
        return v == null || v.isNull() ? "(none)" : "'" + v.asText() + "'";
    }
}
