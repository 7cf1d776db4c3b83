package io.cnsh.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cnsh.client.AgentQuery;
import io.cnsh.client.ContactNow;
import io.cnsh.model.Agent;
import io.cnsh.model.OwnerOnlyFiles;
import io.cnsh.wire.TextFileException;
import io.cnsh.wire.TextFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A plan written to a file to be reviewed and applied later, exactly as it was ({@code --save-plan},
 * {@code --apply-plan}). The file (JSON, owner-only) holds the input CSV's path and SHA-256, the
 * account, and for each row to send its action and each field's before- and after-value. A secret
 * field is recorded as {@code "secret": true} without its values: the value is taken from the CSV when
 * the plan is applied, which is why the CSV must be unchanged (its SHA-256 is checked).
 *
 * <p>Applying re-reads the agents; a row whose agent's live values are no longer the before-values of
 * the plan (or, for a create, whose username exists now) is a conflict: marked {@code ?}, skipped, and
 * the run ends with exit code 3. Rows the plan did not send are left alone, whatever they say now.
 */
final class SavedPlan {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A saved plan re-checked against the live agents: the plan to apply and the conflict lines. */
    record Checked(Plan plan, List<String> conflicts) {
    }

    private SavedPlan() {
    }

    /** Writes {@code plan} to {@code file}, atomically and owner-only; never a secret value. */
    static void write(Plan plan, URI target, String username, Path file) {
        if (plan.source() == null) {
            throw new BulkException("a plan made from bytes has no input file to save a plan for");
        }
        if (plan.kind() == Plan.Kind.DRIFT || plan.hasProblems() && !plan.options().skipInvalid()) {
            throw new BulkException("the plan was not saved to " + file + ": " + (plan.kind() == Plan.Kind.DRIFT
                    ? "a drift plan only reports" : "rows have problems (fix them, or leave them out with --skip-invalid)"));
        }
        refuseToReplace(file, plan.source());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("cnsh_plan", FORMAT);
        root.put("kind", plan.kind().label());
        root.put("input", plan.source().toString());
        root.put("sha256", plan.sha256());
        root.put("target", target.toString());
        root.put("username", username);
        root.put("options", Journal.fields("skip_invalid", plan.options().skipInvalid(),
                "update_existing", plan.options().updateExisting()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PlannedRow r : plan.toSend()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("row", r.row());
            row.put("action", r.action().name().toLowerCase(Locale.ROOT));
            row.put("agentid", r.live() == null ? null : r.live().get("agentid"));
            row.put("username", r.username());
            List<Map<String, Object>> changes = new ArrayList<>();
            for (FieldChange c : r.changes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("field", c.field());
                if (c.secret()) {
                    m.put("secret", true);
                } else {
                    m.put("before", c.before());
                    m.put("after", c.after());
                }
                changes.add(m);
            }
            row.put("changes", changes);
            rows.add(row);
        }
        root.put("rows", rows);
        try {
            OwnerOnlyFiles.replace(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new BulkException("cannot write the plan " + file + ": " + RunFiles.reason(e), e);
        }
    }

    /**
     * A plan may replace an earlier saved plan, never anything else: not the input it was made from (a
     * careless {@code --save-plan changes.csv}), not a directory, not any other file.
     */
    private static void refuseToReplace(Path file, Path input) {
        if (file.toString().isEmpty()) {
            throw new BulkException("--save-plan needs a file name; nothing was saved");
        }
        if (Files.isDirectory(file)) {
            throw new BulkException("--save-plan " + file + " is a directory; nothing was saved (name a file)");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (Files.exists(file) && Files.isSameFile(file, input)) {
                throw new BulkException("--save-plan " + file + " is the input CSV itself; nothing was saved (name"
                        + " another file)");
            }
        } catch (IOException e) {
            throw new BulkException("cannot check " + file + ": " + RunFiles.reason(e), e);
        }
        try {
            read(file);
        } catch (BulkException e) {
            throw new BulkException("--save-plan " + file + " exists and is not a plan saved by --save-plan; nothing"
                    + " was saved (remove it or name another file)");
        }
    }

    /** Reads a saved plan; a file that is not one is refused with its name. */
    static JsonNode read(Path file) {
        try {
            JsonNode root = JSON.readTree(TextFiles.bytes(file));
            if (root == null || !root.isObject() || root.path("cnsh_plan").asInt() != FORMAT
                    || !root.path("rows").isArray() || !root.path("sha256").isTextual() || !root.path("input").isTextual()) {
                throw new BulkException(file + ": not a plan saved by --save-plan");
            }
            return root;
        } catch (TextFileException e) {
            throw new BulkException(e.getMessage());
        } catch (IOException e) {
            throw new BulkException(file + ": not a plan saved by --save-plan (not JSON)");
        }
    }

    static Plan.Kind kind(JsonNode root) {
        return "create".equals(root.path("kind").asText()) ? Plan.Kind.CREATE : Plan.Kind.UPDATE;
    }

    static Plan.Options options(JsonNode root) {
        return new Plan.Options(root.path("options").path("skip_invalid").asBoolean(),
                root.path("options").path("update_existing").asBoolean());
    }

    /** The input the plan was made from, refused when it cannot be read or its SHA-256 changed. */
    static byte[] input(JsonNode root, Path file) {
        Path input = Path.of(root.path("input").asText());
        byte[] bytes;
        try {
            bytes = TextFiles.bytes(input);
        } catch (TextFileException e) {
            throw new BulkException("the plan " + file + " was made from " + input + ", which cannot be read now: "
                    + e.getMessage());
        }
        if (!Bulk.sha256(bytes).equals(root.path("sha256").asText())) {
            throw new BulkException(input + " changed since the plan " + file + " was saved; a saved plan applies"
                    + " the file it was made from: restore it, or plan the file again");
        }
        return bytes;
    }

    /**
     * Applies exactly the plan saved in {@code file} through {@code bulk} ({@link Bulk#applyPlan}); while
     * the writes are held (a dry run) no run is started, and conflicts make the exit code 4, not 3.
     */
    static int apply(Bulk bulk, Path file, Consumer<String> out) {
        ContactNow client = bulk.client();
        JsonNode root = read(file);
        String target = root.path("target").asText(null);
        String user = root.path("username").asText(null);
        if (!RunTarget.matches(target, user, client)) {
            throw new WrongTargetException("the plan " + file + " was made against " + target + " as " + user
                    + ", not " + client.baseUri() + " as " + client.username() + "; apply it with that target");
        }
        byte[] bytes = input(root, file);
        Path input = Path.of(root.path("input").asText());
        CsvTable table = CsvTable.parse(input.getFileName().toString(), bytes, bulk.delimiter());
        List<Agent> live = client.agents().readAll(AgentQuery.all()).toList();
        Plan fresh = Planner.plan(kind(root), table, input, Bulk.sha256(bytes), live, options(root), false);
        SavedPlanMatch.verify(file, root, fresh);
        Checked checked = check(root, fresh, live);
        checked.conflicts().forEach(out);
        checked.plan().lines().forEach(out);
        int code = 0;
        if (checked.plan().toSend().isEmpty()) {
            out.accept("Nothing to apply.");
        } else {
            code = bulk.send(checked.plan(), out);
        }
        return code == 0 && !checked.conflicts().isEmpty() ? (bulk.held() ? 4 : 3) : code;
    }

    /**
     * The plan to apply: each saved row as it was planned, when its agent still has the plan's
     * before-values; a conflict (skipped) otherwise. {@code fresh} is the same CSV planned now.
     */
    static Checked check(JsonNode root, Plan fresh, List<Agent> live) {
        Map<Long, Agent> byId = new HashMap<>();
        live.forEach(a -> byId.put(a.agentid(), a));
        Map<Integer, JsonNode> saved = new HashMap<>();
        root.path("rows").forEach(r -> saved.put(r.path("row").asInt(), r));
        List<PlannedRow> rows = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (PlannedRow r : fresh.rows()) {
            JsonNode s = saved.get(r.row());
            if (s == null) {
                rows.add(new PlannedRow(r.input(), RowAction.UNCHANGED, r.live(), r.desired(), List.of(), null, null));
                continue;
            }
            String conflict = "create".equals(s.path("action").asText())
                    ? (r.action() == RowAction.CREATE ? null : "username '" + s.path("username").asText()
                    + "' exists now")
                    : conflict(s, r, byId);
            if (conflict != null) {
                String where = r.input().where();
                conflicts.add("? " + where + ": " + r.title() + ": " + conflict + "; skipped");
                rows.add(new PlannedRow(r.input(), RowAction.SKIP, r.live(), r.desired(), List.of(), null,
                        "changed since the plan was saved"));
            } else if ("create".equals(s.path("action").asText())) {
                rows.add(r);
            } else {
                rows.add(update(r, s, byId.get(s.path("agentid").asLong())));
            }
        }
        return new Checked(new Plan(fresh.kind(), fresh.input(), fresh.source(), fresh.sha256(), rows,
                live.size(), fresh.options(), List.of()), conflicts);
    }

    /** Why an update's agent no longer matches the plan, or {@code null} when it does. */
    private static String conflict(JsonNode s, PlannedRow fresh, Map<Long, Agent> byId) {
        Agent now = byId.get(s.path("agentid").asLong());
        if (now == null) {
            return "agent " + s.path("agentid").asText() + " is not among the live agents now";
        }
        if (fresh.live() == null || !Objects.equals(fresh.live().agentid(), now.agentid())) {
            // the row's key (a username) names another agent now, or none: never write to one it does not name
            return "the row names " + (fresh.live() == null ? "no agent" : "agent " + fresh.live().get("agentid"))
                    + " now, the plan was made for agent " + now.get("agentid");
        }
        List<String> differ = new ArrayList<>();
        for (JsonNode c : s.path("changes")) {
            if (c.path("secret").asBoolean()) {
                continue;
            }
            String field = c.path("field").asText();
            String before = c.get("before") == null || c.get("before").isNull() ? null : c.get("before").asText();
            String value = now.fields().get(field);
            if (!Objects.equals(value, before)) {
                differ.add(field + " live " + FieldChange.show(value, false) + ", planned against "
                        + FieldChange.show(before, false));
            }
        }
        return differ.isEmpty() ? null : "changed since the plan was saved: " + String.join("; ", differ);
    }

    /** The saved update of one row, its values from the (unchanged) CSV. */
    private static PlannedRow update(PlannedRow fresh, JsonNode s, Agent now) {
        List<FieldChange> changes = new ArrayList<>();
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("agentid", now.get("agentid"));
        for (JsonNode c : s.path("changes")) {
            String field = c.path("field").asText();
            String after = fresh.desired().get(field);
            changes.add(new FieldChange(field, now.fields().get(field), after));
            patch.put(field, after);
        }
        return new PlannedRow(fresh.input(), RowAction.UPDATE, now, fresh.desired(), changes, Agent.of(patch), null);
    }
}
