package io.cnsh.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A bulk run's journal read as a {@link RevertSource}: its plan events joined with its row results. */
final class JournalRevertSource implements RevertSource {

    private final String runId;
    private final JournalState state;
    private final List<Applied> applied = new ArrayList<>();

    JournalRevertSource(Run run) {
        this.runId = run.id();
        this.state = JournalState.read(run.journal());
        Map<Integer, JsonNode> plans = new LinkedHashMap<>();
        for (JsonNode e : Journal.read(run.journal())) {
            if ("plan".equals(e.path("event").asText())) {
                plans.put(e.path("row").asInt(), e);
            }
        }
        plans.forEach((row, e) -> {
            RowResult result = state.results.get(row);
            if (result == null || result.status() != RowStatus.UPDATED && result.status() != RowStatus.CREATED) {
                return;
            }
            List<FieldChange> changes = new ArrayList<>();
            e.path("changes").forEach(c -> changes.add(new FieldChange(c.path("field").asText(),
                    text(c.get("old")), text(c.get("new")))));
            String id = result.agentid() != null ? result.agentid() : text(e.get("agentid"));
            applied.add(new Applied(id == null || !id.matches("[0-9]{1,18}") ? null : Long.valueOf(id),
                    text(e.get("username")), result.status() == RowStatus.CREATED, changes));
        });
    }

    /** A journal value as text, {@code null} for an absent or null one. */
    static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String target() {
        return state.target;
    }

    @Override
    public String username() {
        return state.username;
    }

    @Override
    public List<Applied> applied() {
        return applied;
    }
}
