package io.cnsh.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import io.cnsh.model.Secrets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks that a saved plan says what its input says. The input's SHA-256 already matched, so a saved
 * row that names a row the input does not have, a field its row does not set, another value than its
 * row sets, or a create where the input updates (or the reverse), can only come from an edited plan
 * file; applying it would send what nobody reviewed, or what the input never asked for. Such a plan is
 * refused whole, before anything is sent.
 */
final class SavedPlanMatch {

    private SavedPlanMatch() {
    }

    /**
     * @param file  the saved plan, named in the message
     * @param root  its JSON
     * @param fresh the plan of the same input made now
     * @throws BulkException naming the first row and field that do not match; nothing was sent
     */
    static void verify(Path file, JsonNode root, Plan fresh) {
        Map<Integer, PlannedRow> byRow = new HashMap<>();
        fresh.rows().forEach(r -> byRow.put(r.row(), r));
        Set<Integer> seen = new HashSet<>();
        boolean creates = fresh.kind() == Plan.Kind.CREATE;
        for (JsonNode s : root.path("rows")) {
            int row = s.path("row").asInt(-1);
            PlannedRow r = byRow.get(row);
            String problem;
            if (r == null) {
                problem = "row " + s.path("row").asText() + " is not in the input";
            } else if (!seen.add(row)) {
                problem = "row " + row + " is in the plan twice";
            } else if (isCreate(s) != creates) {
                problem = "row " + row + ": the plan " + (creates ? "updates" : "creates") + " where the input "
                        + (creates ? "creates" : "updates");
            } else if (creates && !Objects.equals(text(s.get("username")), r.desired().get("username"))) {
                problem = "row " + row + ": the plan creates username " + FieldChange.show(text(s.get("username")), false)
                        + ", the input " + FieldChange.show(r.desired().get("username"), false);
            } else {
                problem = creates ? null : fields(row, s, r);
            }
            if (problem != null) {
                throw new BulkException(file + " does not match its input " + fresh.input().name() + ": " + problem
                        + "; a saved plan that was edited is not applied, and nothing was sent (save the plan again)");
            }
        }
    }

    private static boolean isCreate(JsonNode s) {
        return Plan.Kind.CREATE.label().equals(s.path("action").asText());
    }

    /** The first change of an update row that its input row does not make, or {@code null}. */
    private static String fields(int row, JsonNode s, PlannedRow r) {
        for (JsonNode c : s.path("changes")) {
            String field = c.path("field").asText();
            if (!r.desired().containsKey(field)) {
                return "row " + row + ": the plan sets " + field + ", which the input's row leaves as it is";
            }
            boolean secret = c.path("secret").asBoolean();
            if (secret != Secrets.isSecretName(field)) {
                return "row " + row + ": the plan marks " + field + " as " + (secret ? "" : "not ") + "secret";
            }
            String after = text(c.get("after"));
            if (!secret && !Objects.equals(after, r.desired().get(field))) {
                return "row " + row + ": the plan sets " + field + " to " + FieldChange.show(after, false)
                        + ", the input to " + FieldChange.show(r.desired().get(field), false);
            }
        }
        return null;
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }
}
