package io.cnsh.dsl;

import io.cnsh.bulk.FieldChange;
import io.cnsh.bulk.Plan;
import io.cnsh.client.DryRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plan of a dry run ({@link DryRun}), printed in the bulk scripts' format: {@code + create} with
 * its fields, {@code ~ update agent 550003 gokafor} with {@code field 'before' -> 'after'} (or
 * {@code field -> 'after'} where the value it replaces is not known), {@code =} for agents whose
 * updates change nothing, then the summary line. Several updates of one agent make one block (the
 * first value replaced, the last value set). Secrets are masked, as in every plan.
 *
 * <pre>{@code
 * DryRunPlan plan = new DryRunPlan(dry.changes());
 * plan.lines().forEach(System.out::println);
 * System.exit(plan.exitCode());   // 4 when something would change, else 0
 * }</pre>
 */
public final class DryRunPlan {

    /** One agent's block: the changes of its writes merged. */
    private record Block(boolean create, long agentid, Map<String, String> after, Map<String, String> before,
                         boolean beforeKnown, String username) {

        List<FieldChange> changes() {
            List<FieldChange> out = new ArrayList<>();
            after.forEach((field, value) -> {
                String was = before.get(field);
                if (create || !beforeKnown || !Objects.equals(was, value)) {
                    out.add(new FieldChange(field, create ? null : was, value));
                }
            });
            return out;
        }
    }

    private final List<Block> blocks = new ArrayList<>();

    public DryRunPlan(List<DryRun.Change> changes) {
        Map<Long, Block> updates = new LinkedHashMap<>();
        for (DryRun.Change c : changes) {
            if (c.create()) {
                blocks.add(new Block(true, c.agentid(), new LinkedHashMap<>(c.fields()), Map.of(), true, c.username()));
                continue;
            }
            Block b = updates.get(c.agentid());
            if (b == null) {
                b = new Block(false, c.agentid(), new LinkedHashMap<>(), new LinkedHashMap<>(), c.before() != null, c.username());
                updates.put(c.agentid(), b);
                blocks.add(b);
            }
            for (Map.Entry<String, String> f : c.fields().entrySet()) {
                if (c.before() != null && !b.after().containsKey(f.getKey())) {
                    b.before().put(f.getKey(), c.before().get(f.getKey()));
                }
                b.after().put(f.getKey(), f.getValue());
            }
        }
    }

    /** How many agents would be created. */
    public long creates() {
        return blocks.stream().filter(Block::create).count();
    }

    /** How many existing (or placeholder) agents would change. */
    public long agentsToChange() {
        return blocks.stream().filter(b -> !b.create() && !b.changes().isEmpty()).count();
    }

    /** How many fields those agents would change. */
    public long fieldsToChange() {
        return blocks.stream().filter(b -> !b.create()).mapToLong(b -> b.changes().size()).sum();
    }

    /** True when the run would have sent something that changes an agent. */
    public boolean hasChanges() {
        return creates() > 0 || agentsToChange() > 0;
    }

    /** 4 when something would change, 0 when nothing would (the plan convention). */
    public int exitCode() {
        return hasChanges() ? 4 : 0;
    }

    /** The plan: one block per agent, then the summary line. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Block b : blocks) {
            List<FieldChange> changes = b.changes();
            if (b.create()) {
                out.add("+ create " + title(b.after()) + " as agent " + b.agentid() + " (a dry-run placeholder)");
                out.addAll(Plan.fieldLines(changes, false, true));
            } else if (changes.isEmpty()) {
                out.add("= " + header(b) + ": no change");
            } else {
                out.add("~ update " + header(b));
                out.addAll(Plan.fieldLines(changes, true, b.beforeKnown()));
            }
        }
        if (!blocks.isEmpty()) {
            out.add("");
        }
        out.add(summary());
        return out;
    }

    /** {@code Dry run: 3 creates, 41 agents to change (57 fields), nothing sent.} */
    public String summary() {
        long creates = creates();
        long agents = agentsToChange();
        long fields = fieldsToChange();
        return "Dry run: " + creates + " create" + (creates == 1 ? "" : "s") + ", " + agents + " agent"
                + (agents == 1 ? "" : "s") + " to change" + (agents > 0 ? " (" + fields + " field" + (fields == 1 ? "" : "s") + ")" : "")
                + ", nothing sent.";
    }

    private String header(Block b) {
        String username = b.username();
        String who = "agent " + b.agentid() + (DryRun.isPlaceholder(b.agentid()) ? " (a dry-run placeholder)" : "");
        return who + (username == null || username.isEmpty() ? "" : " " + username);
    }

    private static String title(Map<String, String> fields) {
        String username = fields.getOrDefault("username", "");
        String name = fields.get("name");
        return (username.isEmpty() ? "(no username)" : username) + (name == null || name.isEmpty() ? "" : " (" + name + ")");
    }
}
