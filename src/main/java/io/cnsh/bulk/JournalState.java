package io.cnsh.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a journal says about its run: how it was started, what was sent, how each row ended. */
final class JournalState {

    final Plan.Kind kind;
    final Path input;
    final String sha256;
    final Plan.Options options;
    final int batchSize;
    /** The base URL the run was made against, or {@code null} in a journal that does not say. */
    final String target;
    /** The API user the run was made as, or {@code null} in a journal that does not say. */
    final String username;
    final Map<Integer, RowAction> planned = new HashMap<>();
    final Set<Integer> sent = new HashSet<>();
    final Map<Integer, RowResult> results = new HashMap<>();
    final boolean ended;
    final int batches;

    private JournalState(List<JsonNode> events, Path file) {
        if (events.isEmpty() || !"start".equals(events.get(0).path("event").asText())) {
            throw new BulkException("the journal " + file + " has no start event; it cannot be resumed");
        }
        JsonNode start = events.get(0);
        String label = start.path("kind").asText("update");
        if (!label.equals(Plan.Kind.UPDATE.label()) && !label.equals(Plan.Kind.CREATE.label())) {
            throw new BulkException("run " + file.getFileName() + " is a run of kind " + label
                    + ", not a bulk update or create; it cannot be resumed (cnsh runs show shows it)");
        }
        kind = Plan.Kind.valueOf(label.toUpperCase(java.util.Locale.ROOT));
        input = Path.of(start.path("input").asText());
        sha256 = start.path("sha256").asText();
        options = new Plan.Options(start.path("options").path("skip_invalid").asBoolean(),
                start.path("options").path("update_existing").asBoolean());
        batchSize = Math.max(1, start.path("batch_size").asInt(Bulk.DEFAULT_BATCH_SIZE));
        target = text(start, "target");
        username = text(start, "username");
        boolean end = false;
        int batchCount = 0;
        for (JsonNode e : events) {
            switch (e.path("event").asText()) {
                case "plan" -> planned.put(e.path("row").asInt(),
                        RowAction.valueOf(e.path("action").asText().toUpperCase(java.util.Locale.ROOT)));
                case "batch" -> {
                    batchCount = Math.max(batchCount, e.path("batch").asInt());
                    e.path("rows").forEach(r -> sent.add(r.asInt()));
                }
                case "row" -> {
                    int row = e.path("row").asInt();
                    RowResult before = results.get(row);
                    String agentid = text(e, "agentid");
                    if (agentid == null && before != null) {
                        agentid = before.agentid();
                    }
                    results.put(row, new RowResult(row, RowStatus.parse(e.path("status").asText()), agentid,
                            text(e, "error")));
                }
                case "end" -> end = true;
                case "resume" -> end = false;
                default -> { }
            }
        }
        ended = end;
        batches = batchCount;
    }

    static JournalState read(Path file) {
        return new JournalState(Journal.read(file), file);
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** True when every planned row has a final status. */
    boolean complete() {
        return planned.keySet().stream().allMatch(r -> results.containsKey(r) && results.get(r).status().done());
    }
}
