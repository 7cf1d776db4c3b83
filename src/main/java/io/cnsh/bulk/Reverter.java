package io.cnsh.bulk;

import io.cnsh.model.Agent;
import io.cnsh.model.OwnerOnlyFiles;
import io.cnsh.wire.CsvText;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Plans the reverse of what a run applied, against the live agents now, and applies it as a new
 * update run. A row whose live values are still the ones the run set goes back to the values it had
 * before; a row changed since by someone else is a conflict ({@code ?}), left as it is unless forced.
 * An agent the run created is marked deleted ({@code filter} {@value #DELETED}), the API having no
 * delete. Secrets were never journaled, so a pin or password the run set stays as it is; so does a
 * field whose value before the run is not known (a code run's write to an agent it had not read),
 * each named in a note, as is what the source itself notes (a create whose outcome is not known).
 *
 * <p>The revert is written as an update CSV ({@code runs/revert-RUN-XXXX.csv}, owner-only) and applied
 * like any CSV: its run is journaled, resumable with {@code --resume}, and can itself be reverted.
 * While the writes are held (a dry run) the CSV is kept only for {@code --save-plan}, which names it.
 */
public final class Reverter {

    /** The {@code filter} value of a deleted agent. */
    public static final String DELETED = "999";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The revert of one run: the update plan, its CSV, the conflict and note lines. */
    public record Revert(RevertSource source, Plan plan, byte[] csv, List<String> conflicts, List<String> notes,
                         int skipped) {

        /** Every line to show: what cannot be taken back, then the update plan. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add("Revert of run " + source.runId() + ": " + source.applied().size() + " applied row"
                    + (source.applied().size() == 1 ? "" : "s"));
            out.addAll(conflicts);
            out.addAll(notes);
            plan.lines().forEach(out::add);
            if (skipped > 0) {
                out.add("Conflicts: " + skipped + " row" + (skipped == 1 ? "" : "s") + " marked ? left as "
                        + (skipped == 1 ? "it is" : "they are") + "; --force overwrites changes made since the run.");
            }
            return out;
        }

        /** 4 when the revert would change something or has conflicts, else as the plan says. */
        public int exitCode() {
            return plan.exitCode() == 0 && skipped > 0 ? 4 : plan.exitCode();
        }
    }

    private Reverter() {
    }

    /**
     * Refuses a run made against another account than {@code baseUri} as {@code username}.
     *
     * @throws WrongTargetException naming both accounts
     */
    static void checkTarget(RevertSource source, URI baseUri, String username) {
        if (!RunTarget.matches(source.target(), source.username(), baseUri, username)) {
            throw new WrongTargetException("run " + source.runId() + " was made against " + source.target()
                    + (source.username() == null ? "" : " as " + source.username()) + ", not " + baseUri + " as "
                    + username + "; revert it with the target it was made for");
        }
    }

    /** Plans the revert of {@code source} against {@code live}; {@code csvFile} is where its CSV would go. */
    static Revert plan(RevertSource source, List<Agent> live, boolean force, Path csvFile) {
        Map<Long, Agent> byId = new LinkedHashMap<>();
        live.forEach(a -> byId.put(a.agentid(), a));
        List<String> conflicts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        int skipped = 0;
        source.notes().forEach(n -> notes.add("  note: " + n));
        for (RevertSource.Applied a : source.applied()) {
            Agent now = find(a, byId, live);
            String title = "agent " + (now != null ? now.get("agentid") + " " + now.username()
                    : (a.agentid() != null ? a.agentid() + " " : "") + Objects.toString(a.username(), ""));
            for (String field : a.unknown()) {
                notes.add("  note: " + title + ": " + field + " cannot be taken back (its value before run "
                        + source.runId() + " is not known: the agent had not been read before it was changed)");
            }
            if (a.changes().isEmpty() && !a.created()) {
                continue;
            }
            if (now == null) {
                conflicts.add("? " + title.strip() + ": not found among the live agents; nothing to take back");
                skipped++;
                continue;
            }
            List<String> differ = new ArrayList<>();
            Map<String, String> back = new LinkedHashMap<>();
            for (FieldChange c : a.changes()) {
                if (c.secret()) {
                    notes.add("  note: " + title + ": " + c.field() + " cannot be restored (a journal never holds"
                            + " secrets)");
                    continue;
                }
                if (!a.created() && Bulk.SET_EMPTY.equals(c.before())) {
                    // the revert is applied from a CSV, where this text means "set it to ''"
                    notes.add("  note: " + title + ": " + c.field() + " cannot be restored to '" + Bulk.SET_EMPTY
                            + "' (in the revert's CSV that text sets a field empty); left as it is");
                    continue;
                }
                String value = now.fields().get(c.field());
                if (!a.created() && Objects.equals(value, c.before())) {
                    continue;
                }
                if (!Objects.equals(value, c.after())) {
                    differ.add(c.field() + " live " + FieldChange.show(value, false) + ", expected "
                            + FieldChange.show(c.after(), false));
                }
                if (!a.created()) {
                    back.put(c.field(), c.before() == null || c.before().isEmpty() ? Bulk.SET_EMPTY : c.before());
                }
            }
            if (a.created()) {
                if (now.isDeleted()) {
                    continue;
                }
                back.put("filter", DELETED);
            }
            if (!differ.isEmpty()) {
                conflicts.add("? " + title + ": changed since run " + source.runId() + ": " + String.join("; ", differ)
                        + (force ? "; overwritten (--force)" : "; skipped (--force overwrites it)"));
                if (!force) {
                    skipped++;
                    continue;
                }
            }
            if (!back.isEmpty()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("agentid", now.get("agentid"));
                row.putAll(back);
                columns.addAll(back.keySet());
                rows.add(row);
            }
        }
        byte[] csv = csv(columns, rows);
        String name = "revert-" + source.runId() + ".csv";
        CsvTable table = CsvTable.parse(name, csv, ',');
        Plan plan = rows.isEmpty()
                ? new Plan(Plan.Kind.UPDATE, table, csvFile, Bulk.sha256(csv), List.of(), live.size(), OPTIONS, List.of())
                : Planner.plan(Plan.Kind.UPDATE, table, csvFile, Bulk.sha256(csv), live, OPTIONS, false);
        return new Revert(source, plan, csv, conflicts, notes, skipped);
    }

    private static final Plan.Options OPTIONS = new Plan.Options(false, false);

    private static Agent find(RevertSource.Applied a, Map<Long, Agent> byId, List<Agent> live) {
        if (a.agentid() != null) {
            return byId.get(a.agentid());
        }
        List<Agent> same = live.stream().filter(x -> !x.isDeleted() && Objects.equals(x.username(), a.username())).toList();
        return same.size() == 1 ? same.get(0) : null;
    }

    private static byte[] csv(Set<String> columns, List<Map<String, String>> rows) {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("agentid");
        header.addAll(columns);
        lines.add(header);
        for (Map<String, String> row : rows) {
            lines.add(header.stream().map(c -> row.getOrDefault(c, "")).toList());
        }
        return CsvText.raw(lines, "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Where the CSV of a revert of {@code runId} is kept: a new owner-only file under the runs directory. */
    static Path csvFile(RunStore runs, String runId) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Path file = runs.dir().resolve("revert-" + runId + "-" + String.format("%04x", RANDOM.nextInt(0x10000))
                    + ".csv").toAbsolutePath().normalize();
            if (!Files.exists(file)) {
                return file;
            }
        }
        throw new BulkException("cannot find a free file name for the revert of " + runId + " in " + runs.dir());
    }

    /** Writes the revert's CSV where its plan says, so that its run can be resumed. */
    static void keep(Revert revert) {
        Path file = revert.plan().source();
        try {
            OwnerOnlyFiles.createDirectories(file.getParent());
            OwnerOnlyFiles.replace(file, revert.csv());
        } catch (IOException e) {
            throw new BulkException("cannot write " + file + ": " + RunFiles.reason(e) + "; nothing was sent", e);
        }
    }

    /**
     * Plans the revert and, with {@code apply}, applies it as a new run. Lines go to {@code out}.
     *
     * @return 4 when the plan shows changes or conflicts (also after a held apply); after applying 0, or
     *     3 when rows were skipped as conflicts or failed
     */
    static int planOrApply(Bulk bulk, Revert revert, boolean apply, Path savePlan, Consumer<String> out) {
        revert.lines().forEach(out);
        if (savePlan != null) {
            keep(revert);
            bulk.savePlan(revert.plan(), savePlan);
        }
        if (!apply) {
            return revert.exitCode();
        }
        int code = 0;
        boolean held = bulk.held();
        if (revert.plan().exitCode() == 0) {
            out.accept("Nothing to apply.");
        } else {
            if (revert.plan().exitCode() == 4 && !held) {
                keep(revert);
            }
            // a plan with problems is refused here, before anything is sent
            code = bulk.send(revert.plan(), out);
        }
        if (held) {
            return revert.exitCode();
        }
        return code == 0 && revert.skipped() > 0 ? 3 : code;
    }
}
