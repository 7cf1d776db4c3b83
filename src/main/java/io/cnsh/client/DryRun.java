package io.cnsh.client;

import io.cnsh.model.Agent;
import io.cnsh.model.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A dry run, as a {@link WriteGate}: every create and update is held back and recorded, reads go to
 * the target as usual. A create answers with a placeholder agentid ({@link #isPlaceholder}) that
 * later code can pass around, an update answers as if it succeeded. The change cap still counts:
 * each write is shown to {@code counter} first (a {@link ChangeGuard} that never asks).
 *
 * <p>Each recorded update keeps the values it replaces where they are known: from agents read
 * earlier in the run, from the create a placeholder stands for, or read here (one request per
 * agent, or one read of every agent when a write names more than {@value #READ_ONE_BY_ONE}).
 *
 * <pre>{@code
 * DryRun dry = new DryRun(guard, cn.agents(), note -> System.err.println(note));
 * ContactNow planned = cn.withWriteGate(dry);
 * long id = planned.agents().create(agent).key();   // a placeholder, nothing sent
 * dry.changes();                                      // what would have been sent
 * }</pre>
 *
 * <p>Pitfall: reads never see the held writes; the first read after one says so once, on {@code notes}.
 */
public final class DryRun implements WriteGate {

    /** The first placeholder agentid: digits like any agentid, far above any the API hands out. */
    public static final long FIRST_PLACEHOLDER = 9_000_000_000_000_000_001L;

    /** A write naming more agents whose values are unknown than this reads every agent at once. */
    static final int READ_ONE_BY_ONE = 10;

    /**
     * One agent the dry run would create or change.
     *
     * @param create  true for a create
     * @param agentid the agent's id, a placeholder for a create
     * @param fields  the values the write sets, agentid left out, in the order given
     * @param before  the values they replace, or null where they are not known (never for a create)
     * @param username the agent's username where known, else null
     */
    public record Change(boolean create, long agentid, Map<String, String> fields, Map<String, String> before,
                         String username) {
    }

    private final WriteGate counter;
    private final AgentsClient reader;
    private final Consumer<String> notes;
    private final List<Change> changes = new ArrayList<>();
    private final Map<Long, Map<String, String>> known = new HashMap<>();
    private final ThreadLocal<Long> lastKey = new ThreadLocal<>();
    private long nextPlaceholder = FIRST_PLACEHOLDER;
    private boolean readNoted;

    /**
     * @param counter counts the writes for the change cap (it must not ask anybody)
     * @param reader  reads the values an update replaces; its gate is never used
     * @param notes   where the note about reads goes (standard error)
     */
    public DryRun(WriteGate counter, AgentsClient reader, Consumer<String> notes) {
        this.counter = Objects.requireNonNull(counter, "counter");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.notes = Objects.requireNonNull(notes, "notes");
    }

    /** True for an agentid a dry run made up; it is never sent to the API. */
    public static boolean isPlaceholder(Long agentid) {
        return agentid != null && agentid >= FIRST_PLACEHOLDER;
    }

    /** Every create and update held so far, in the order they were made. */
    public synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    /** Forgets what was held (a shell turning its dry run on again). */
    public synchronized void clear() {
        changes.clear();
        known.clear();
        readNoted = false;
    }

    @Override
    public Verdict admit(PendingWrite write) {
        counter.admit(write);
        if (write.announcement()) {
            return Verdict.HOLD;
        }
        List<Long> unknown = write.updates().stream().map(Agent::agentid)
                .filter(id -> !isPlaceholder(id) && !knows(id)).distinct().toList();
        List<Agent> fetched = unknown.isEmpty() ? List.of() : unknown.size() > READ_ONE_BY_ONE
                ? reader.readAll(AgentQuery.all()).toList()
                : unknown.stream().flatMap(id -> reader.read(AgentQuery.where("agentid", id)).agents().stream()).toList();
        synchronized (this) {
            remember(fetched);
            long key = 0;
            for (Agent a : write.creates()) {
                key = nextPlaceholder++;
                Map<String, String> fields = fieldsOf(a);
                changes.add(new Change(true, key, fields, null, fields.get("username")));
                known.put(key, new HashMap<>(fields));
            }
            for (Agent a : write.updates()) {
                Map<String, String> fields = fieldsOf(a);
                Map<String, String> live = known.get(a.agentid());
                Map<String, String> before = null;
                String username = live == null ? fields.get("username") : live.get("username");
                if (live != null) {
                    before = new LinkedHashMap<>();
                    for (String f : fields.keySet()) {
                        before.put(f, live.get(f));
                    }
                    live.putAll(fields);
                }
                changes.add(new Change(false, a.agentid(), fields, before, username));
            }
            lastKey.set(key);
        }
        return Verdict.HOLD;
    }

    @Override
    public WriteResult heldResult(PendingWrite write) {
        Long key = lastKey.get();
        lastKey.remove();
        return new WriteResult(true, null, write.size(), 0, key == null ? 0 : key, null);
    }

    @Override
    public boolean holdsWrites() {
        return true;
    }

    @Override
    public boolean answersLocally(AgentQuery query) {
        String id = query.filters().get("agentid");
        return id != null && id.length() >= 19 && isPlaceholder(parse(id));
    }

    @Override
    public void seen(List<Agent> agents) {
        String note = null;
        synchronized (this) {
            remember(agents);
            if (!changes.isEmpty() && !readNoted) {
                readNoted = true;
                note = "dry run: reads do not see the creates and updates held so far";
            }
        }
        if (note != null) {
            notes.accept(note);
        }
    }

    private synchronized boolean knows(Long id) {
        return known.containsKey(id);
    }

    /** Keeps what agents read looked like, unless a held write has changed them already. */
    private void remember(List<Agent> agents) {
        for (Agent a : agents) {
            if (a.agentid() != null) {
                known.putIfAbsent(a.agentid(), new HashMap<>(fieldsOf(a)));
            }
        }
    }

    private static Map<String, String> fieldsOf(Agent a) {
        Map<String, String> out = new LinkedHashMap<>();
        a.fields().forEach((k, v) -> {
            if (!"agentid".equals(k)) {
                out.put(k, v == null ? null : String.valueOf(v));
            }
        });
        return out;
    }

    private static Long parse(String digits) {
        try {
            return Long.valueOf(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "DryRun[" + counter + "]";
    }
}
