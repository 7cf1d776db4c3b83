package io.cnsh.bulk;

import io.cnsh.client.ContactNow;
import io.cnsh.client.OutcomeUnknownException;
import io.cnsh.client.PendingWrite;
import io.cnsh.client.WriteGate;
import io.cnsh.client.WriteRefusedException;
import io.cnsh.model.Agent;
import io.cnsh.model.Secrets;
import io.cnsh.model.WriteResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The journal of the writes one {@code -e}, one {@code run} or one shell session sends from code: a
 * {@link WriteGate} in front of the command's own gate (the production guard). The run is created with
 * the first write the inner gate lets through; each write is journaled and forced to disk before it
 * is sent (a journal that cannot be written refuses the write, so nothing sent goes unrecorded), and
 * its outcome is journaled when its answer comes. Writes a bulk run announced beforehand are left to
 * that run's own journal. Before-values are those of agents read earlier
 * through the same client; secrets are masked in what was sent and never kept as before-values.
 * See {@code docs/journal.md} for the format.
 */
public final class CodeJournal implements WriteGate, AutoCloseable {

    /** The kind of a run of writes from code, in its id and its start event. */
    public static final String KIND = "code";

    private final WriteGate inner;
    private final RunStore store;
    private final ContactNow client;
    private final String source;
    private final Consumer<String> notices;
    private final Map<Long, Map<String, String>> known = new HashMap<>();
    private final Map<PendingWrite, Integer> numbers = new IdentityHashMap<>();
    /** Records a bulk run announced and has not sent yet: its own journal keeps them. */
    private final Map<Agent, Integer> announced = new HashMap<>();
    private Run run;
    private Journal journal;
    private int writes;
    private int records;
    private int failed;

    /**
     * @param inner   the command's gate, asked first (a refusal there journals nothing)
     * @param store   where the run is kept
     * @param client  the target, named in the start event
     * @param source  what wrote: {@code -e}, {@code run FILE}, {@code shell}
     * @param notices where the run id is said when the first write is sent (stderr)
     */
    public CodeJournal(WriteGate inner, RunStore store, ContactNow client, String source, Consumer<String> notices) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.store = Objects.requireNonNull(store, "store");
        this.client = Objects.requireNonNull(client, "client");
        this.source = source;
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    /** The gate asked before this one. */
    public WriteGate inner() {
        return inner;
    }

    /** The run's id, or {@code null} while nothing has been written. */
    public synchronized String runId() {
        return run == null ? null : run.id();
    }

    @Override
    public Verdict admit(PendingWrite write) {
        Verdict verdict = inner.admit(write);
        if (verdict != Verdict.SEND) {
            return verdict;
        }
        synchronized (this) {
            if (write.announcement()) {
                // a bulk run announces what it will send, and journals it in its own run
                write.creates().forEach(a -> announced.merge(withoutId(a), 1, Integer::sum));
                write.updates().forEach(a -> announced.merge(a, 1, Integer::sum));
                return verdict;
            }
            if (takeAnnounced(write)) {
                return verdict;
            }
            try {
                open();
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("write", writes + 1);
                e.put("action", write.creates().isEmpty() ? "update" : "create");
                List<Map<String, Object>> rows = new ArrayList<>();
                write.creates().forEach(a -> rows.add(record(a, false)));
                write.updates().forEach(a -> rows.add(record(a, true)));
                e.put("records", rows);
                journal.write("write", e);
                journal.sync();
            } catch (BulkException e) {
                throw new WriteRefusedException("nothing sent: " + e.getMessage());
            }
            writes++;
            records += write.size();
            numbers.put(write, writes);
        }
        return verdict;
    }

    @Override
    public boolean holdsWrites() {
        return inner.holdsWrites();
    }

    @Override
    public void seen(List<Agent> agents) {
        inner.seen(agents);
        synchronized (this) {
            agents.forEach(this::remember);
        }
    }

    @Override
    public void sent(PendingWrite write, WriteResult result, RuntimeException failure) {
        inner.sent(write, result, failure);
        synchronized (this) {
            Integer number = numbers.remove(write);
            if (number == null || journal == null) {
                return;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("write", number);
            if (failure != null) {
                e.put("status", failure instanceof OutcomeUnknownException ? "unknown" : "failed");
                e.put("error", failure.getMessage());
            } else {
                e.put("status", result.clean() ? "success" : "failed");
                e.put("written", result.total());
                e.put("bad", result.bad());
                if (!write.creates().isEmpty() && result.key() > 0) {
                    e.put("agentid", String.valueOf(result.key()));
                }
                if (result.error() != null) {
                    e.put("error", result.error());
                }
            }
            if (!"success".equals(e.get("status"))) {
                failed++;
            } else {
                write.updates().forEach(this::remember);
            }
            try {
                journal.write("outcome", e);
                journal.sync();
            } catch (BulkException ex) {
                notices.accept("cnsh: " + ex.getMessage());
            }
        }
    }

    /** Ends the run (the end event) when anything was written; otherwise there is no run. */
    @Override
    public synchronized void close() {
        if (journal == null) {
            return;
        }
        try {
            if (journal.failure() == null) {
                Map<String, Object> end = new LinkedHashMap<>();
                end.put("status", failed == 0 ? "complete" : "failed");
                end.put("counts", Journal.fields("writes", writes, "records", records, "failed", failed));
                journal.write("end", end);
                journal.sync();
            }
        } catch (BulkException e) {
            notices.accept("cnsh: " + e.getMessage());
        } finally {
            journal.close();
            journal = null;
        }
    }

    private void open() {
        if (journal != null) {
            return;
        }
        if (run != null) {
            throw new BulkException("run " + run.id() + " is closed");
        }
        Run r = store.create(KIND);
        Journal j = Journal.open(r.journal(), Clock.systemUTC());
        try {
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("run", r.id());
            start.put("kind", KIND);
            start.put("source", source);
            start.put("target", client.baseUri().toString());
            start.put("username", client.username());
            j.write("start", start);
        } catch (RuntimeException e) {
            j.close();
            RunRecord.deleteQuietly(r.journal());
            throw e;
        }
        run = r;
        journal = j;
        notices.accept("cnsh: writes journaled as run " + r.id());
    }

    private Map<String, Object> record(Agent a, boolean update) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (update) {
            m.put("agentid", String.valueOf(a.agentid()));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        a.fields().forEach((k, v) -> {
            if (!k.equals("agentid")) {
                fields.put(k, Secrets.isSecretName(k) ? Secrets.mask(v) : v);
            }
        });
        m.put("fields", fields);
        if (update) {
            Map<String, String> was = known.get(a.agentid());
            if (was == null) {
                m.put("before_known", false);
            } else {
                Map<String, String> before = new LinkedHashMap<>();
                fields.keySet().stream().filter(k -> !Secrets.isSecretName(k) && was.containsKey(k))
                        .forEach(k -> before.put(k, was.get(k)));
                m.put("before_known", true);
                m.put("before", before);
            }
        }
        return m;
    }

    /** True when every record of the write was announced (a bulk run's batch); they are taken off. */
    private boolean takeAnnounced(PendingWrite write) {
        List<Agent> records = new ArrayList<>();
        write.creates().forEach(a -> records.add(withoutId(a)));
        records.addAll(write.updates());
        Map<Agent, Integer> need = new HashMap<>();
        records.forEach(a -> need.merge(a, 1, Integer::sum));
        if (!need.entrySet().stream().allMatch(e -> announced.getOrDefault(e.getKey(), 0) >= e.getValue())) {
            return false;
        }
        need.forEach((a, n) -> announced.computeIfPresent(a, (k, m) -> m - n == 0 ? null : m - n));
        return true;
    }

    private static Agent withoutId(Agent a) {
        return a.has("agentid") ? a.without("agentid") : a;
    }

    private void remember(Agent a) {
        Long id = a.agentid();
        if (id == null) {
            return;
        }
        Map<String, String> values = known.computeIfAbsent(id, k -> new HashMap<>());
        a.fields().forEach((k, v) -> {
            if (!Secrets.isSecretName(k) && !k.equals("agentid")) {
                values.put(k, v);
            }
        });
    }
}
