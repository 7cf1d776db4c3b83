package io.cnsh.client;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentPage;
import io.cnsh.model.WriteResult;
import io.cnsh.wire.Envelope;
import io.cnsh.wire.Format;
import io.cnsh.wire.Payload;
import io.cnsh.wire.WireCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The agents of one ContactNow account: create, read, update. Lists longer than the batch size go
 * in several requests (in parallel up to the configured concurrency) and their answers are added up.
 * Every record is checked against the field rules before the first request, so bad input sends
 * nothing; then the {@link WriteGate} sees the whole write, and may hold it back or refuse it.
 */
public final class AgentsClient {

    private final ContactNowApi api;
    private final WireCodec codec;
    private final int batchSize;
    private final int concurrency;
    private final int pageSize;
    private final WriteGate gate;
    /** Shared by every copy {@link #withGate} makes, so an observer sees writes through any gate. */
    private final List<Consumer<List<Agent>>> recordObservers;

    AgentsClient(ContactNowApi api, WireCodec codec, int batchSize, int concurrency, int pageSize, WriteGate gate) {
        this(api, codec, batchSize, concurrency, pageSize, gate, new CopyOnWriteArrayList<>());
    }

    private AgentsClient(ContactNowApi api, WireCodec codec, int batchSize, int concurrency, int pageSize,
                         WriteGate gate, List<Consumer<List<Agent>>> recordObservers) {
        this.api = api;
        this.codec = codec;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.pageSize = pageSize;
        this.gate = gate;
        this.recordObservers = recordObservers;
    }

    /** The same agents behind another gate. */
    AgentsClient withGate(WriteGate other) {
        return new AgentsClient(api, codec, batchSize, concurrency, pageSize, other, recordObservers);
    }

    /** The gate every create and update passes before it is sent. */
    public WriteGate gate() {
        return gate;
    }

    /**
     * Tells the gate of creates and updates that later calls will send, so that a question is asked
     * once before the first of them (a bulk run does this with its plan).
     *
     * @throws WriteRefusedException when the gate refuses them; nothing has been sent then
     */
    public void announce(List<Agent> creates, List<Agent> updates) {
        if (!creates.isEmpty() || !updates.isEmpty()) {
            gate.admit(PendingWrite.announce(creates, updates));
        }
    }

    /**
     * Shows {@code observer} the records of every later create and update, before they are checked
     * or sent, on the caller's thread; a shell learns from them which values of its session are
     * secret. The observer must be quick and must not throw.
     */
    public void observeRecords(Consumer<List<Agent>> observer) {
        recordObservers.add(observer);
    }

    /** Creates the agents; {@link WriteResult#key()} is the new agentid (of the last one created). */
    public WriteResult create(Agent... agents) {
        return create(Arrays.asList(agents));
    }

    /**
     * Creates the agents in batches. A batch whose answer is lost is not sent again: the call ends in
     * {@link OutcomeUnknownException}, naming what was created, what is unknown and what was not sent.
     *
     * @throws PartialFailureException when the API counted some records as bad
     */
    public WriteResult create(List<Agent> agents) {
        return create(agents, BatchListener.NONE);
    }

    public WriteResult create(List<Agent> agents, BatchListener listener) {
        recordObservers.forEach(o -> o.accept(agents));
        List<Agent> records = agents.stream().map(a -> a.has("agentid") ? a.without("agentid") : a).toList();
        checkRules(records);
        PendingWrite pending = PendingWrite.create(records);
        if (admit(pending) == WriteGate.Verdict.HOLD) {
            return held(pending);
        }
        return reported(pending, () -> write(Operation.AGENTS_CREATE, records, listener));
    }

    /** Updates agents; each record carries its agentid and only the fields to change. */
    public WriteResult update(Agent... patches) {
        return update(Arrays.asList(patches));
    }

    /**
     * Updates agents in batches. Only the fields present in each record are changed.
     *
     * @throws InvalidInputException   when a record has no agentid or nothing to change (nothing is sent)
     * @throws PartialFailureException when the API counted some records as bad (unknown agentids)
     */
    public WriteResult update(List<Agent> patches) {
        return update(patches, BatchListener.NONE);
    }

    public WriteResult update(List<Agent> patches, BatchListener listener) {
        recordObservers.forEach(o -> o.accept(patches));
        checkUpdates(patches);
        PendingWrite pending = PendingWrite.update(patches);
        if (admit(pending) == WriteGate.Verdict.HOLD) {
            return held(pending);
        }
        return reported(pending, () -> write(Operation.AGENTS_UPDATE, patches, listener));
    }

    /**
     * The checks {@link #update} makes before anything is sent: every record names its agent by
     * agentid and at least one field to change, and every value follows its field's rule. A front
     * end that asks before writing calls it first, so that it never asks about a write that would
     * be refused.
     *
     * @throws InvalidInputException naming the first record that fails
     */
    public static void checkUpdates(List<Agent> patches) {
        for (int i = 0; i < patches.size(); i++) {
            Agent p = patches.get(i);
            if (p.agentid() == null) {
                throw new InvalidInputException("update record " + (i + 1) + " has no agentid"
                        + (p.has("agentid") ? " (got '" + p.get("agentid") + "')" : "")
                        + "; every update needs the agentid of the agent to change");
            }
            if (p.fields().keySet().stream().allMatch("agentid"::equals)) {
                throw new InvalidInputException((patches.size() > 1 ? "update record " + (i + 1) + " (agent " + p.agentid() + ")"
                        : "update of agent " + p.agentid()) + " has nothing to change; give at least one field to set besides agentid");
            }
        }
        checkRules(patches);
    }

    /**
     * One page of agents as the query selects them. The page is checked before it is returned: more
     * agents than the query's {@code limit}, an agent without an agentid or twice, or a count that
     * does not match the {@code total} the server reports (what it leaves from {@code start}, capped
     * by {@code limit}) end the read in {@link InconsistentReadException}.
     */
    public AgentPage read(AgentQuery query) {
        Envelope e = fetch(query);
        AgentPage page = e.toAgentPage();
        PageVerifier.single(query, e.total(), page.agents());
        gate.seen(page.agents());
        return page;
    }

    /**
     * Every agent the query selects, fetched page by page ({@code start}/{@code limit}) as the
     * stream is consumed, until the agents the server's {@code total} leaves from the query's
     * {@code start} have arrived; the query's {@code limit}, if any, caps the total. Each page is
     * checked as it arrives: a page that repeats agentids already read (a server ignoring
     * {@code start}), a short page (one dropping rows), more agents than the total allows, or a total
     * that changes between pages (agents created or changed meanwhile) end the stream in
     * {@link InconsistentReadException}, naming what the server did. A later page can only be checked
     * once it is fetched, so collect the stream ({@code toList()}) before writing anything on the
     * strength of it, as the DSL, the reports and the bulk planner do.
     */
    public Stream<Agent> readAll(AgentQuery query) {
        PageVerifier verifier = PageVerifier.paging(query);
        Iterator<Agent> pages = new Iterator<>() {
            Iterator<Agent> page = List.<Agent>of().iterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !verifier.complete()) {
                    int start = verifier.nextStart();
                    int size = verifier.nextSize(pageSize);
                    Envelope e = fetch(query.start(start).limit(size));
                    List<Agent> agents = e.list() == null ? List.of() : e.list();
                    verifier.accept(start, size, e.total(), agents);
                    gate.seen(agents);
                    page = agents.iterator();
                }
                return page.hasNext();
            }

            @Override
            public Agent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false);
    }

    private WriteGate.Verdict admit(PendingWrite write) {
        return write.size() == 0 ? WriteGate.Verdict.SEND : gate.admit(write);
    }

    /** Sends the write and tells the gate how it ended. */
    private WriteResult reported(PendingWrite write, java.util.function.Supplier<WriteResult> send) {
        WriteResult result;
        try {
            result = send.get();
        } catch (RuntimeException e) {
            gate.sent(write, null, e);
            throw e;
        }
        gate.sent(write, result, null);
        return result;
    }

    private WriteResult held(PendingWrite write) {
        WriteResult answer = gate.heldResult(write);
        return answer != null ? answer : new WriteResult(true, null, 0, 0, 0, null);
    }

    private Envelope fetch(AgentQuery query) {
        return gate.answersLocally(query)
                ? new Envelope(true, null, null, 0L, null, null, null, null, null, List.of())
                : api.readAgents(query.arguments());
    }

    private static void checkRules(List<Agent> records) {
        for (int i = 0; i < records.size(); i++) {
            List<String> problems = records.get(i).problems();
            if (!problems.isEmpty()) {
                throw new InvalidInputException("record " + (i + 1) + ": " + problems.get(0));
            }
        }
    }

    private WriteResult write(Operation write, List<Agent> records, BatchListener listener) {
        String operation = write.label();
        List<List<Agent>> batches = new ArrayList<>();
        for (int i = 0; i < records.size(); i += batchSize) {
            batches.add(records.subList(i, Math.min(records.size(), i + batchSize)));
        }
        BatchResult[] results = new BatchResult[batches.size()];
        String[] unknown = new String[batches.size()];
        AtomicBoolean halt = new AtomicBoolean();

        if (concurrency <= 1 || batches.size() <= 1) {
            for (int i = 0; i < batches.size() && !halt.get(); i++) {
                sendBatch(write, i, batches.get(i), results, unknown, halt, listener);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, batches.size()), r -> {
                Thread t = new Thread(r, "cnsh-batch");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < batches.size(); i++) {
                    int index = i;
                    futures.add(pool.submit(() -> {
                        if (!halt.get()) {
                            sendBatch(write, index, batches.get(index), results, unknown, halt, listener);
                        }
                    }));
                }
                RuntimeException first = null;
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        halt.set(true);
                        if (first == null && e.getCause() instanceof RuntimeException re) {
                            first = re;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        halt.set(true);
                        throw new TransportException(operation, 0, operation + " interrupted", e);
                    }
                }
                if (first != null && Arrays.stream(unknown).noneMatch(u -> u != null)) {
                    throw first;
                }
                if (first != null) {
                    // A batch in flight at the same time may have been created: that must not be hidden.
                    OutcomeUnknownException e = outcomeUnknown(batches, results, unknown, first);
                    e.addSuppressed(first);
                    throw e;
                }
            } finally {
                pool.shutdownNow();
            }
        }
        if (Arrays.stream(unknown).anyMatch(u -> u != null)) {
            throw outcomeUnknown(batches, results, unknown, null);
        }
        return summarize(write, results);
    }

    private void sendBatch(Operation write, int index, List<Agent> batch, BatchResult[] results, String[] unknown,
                           AtomicBoolean halt, BatchListener listener) {
        Payload.Shape shape = codec.format() == Format.XML && write == Operation.AGENTS_UPDATE && batch.size() == 1
                ? Payload.Shape.SINGLE : Payload.Shape.LIST;
        byte[] body = codec.writePayload(batch, shape);
        try {
            Envelope e = api.writeAgents(write, body);
            BatchResult r = new BatchResult(index, batch, e.toWriteResult());
            results[index] = r;
            listener.onBatch(r);
        } catch (CallRetryer.CreateOutcomeUnknown e) {
            unknown[index] = e.getMessage();
            halt.set(true);
        } catch (RuntimeException e) {
            halt.set(true);
            throw e;
        }
    }

    private static OutcomeUnknownException outcomeUnknown(List<List<Agent>> batches, BatchResult[] results,
                                                          String[] unknown, RuntimeException refused) {
        List<Agent> created = new ArrayList<>();
        List<Agent> uncertain = new ArrayList<>();
        List<Agent> notSent = new ArrayList<>();
        String why = null;
        for (int i = 0; i < batches.size(); i++) {
            if (results[i] != null) {
                created.addAll(batches.get(i));
            } else if (unknown[i] != null) {
                uncertain.addAll(batches.get(i));
                why = why == null ? unknown[i] : why;
            } else {
                notSent.addAll(batches.get(i));
            }
        }
        return new OutcomeUnknownException(why + "; the outcome of creating " + uncertain.size() + " agent(s) is"
                + " unknown and they were not sent again (" + created.size() + " created, " + notSent.size()
                + (refused == null ? " not sent" : " not sent or refused") + "); look them up by username before"
                + " retrying" + (refused == null ? "" : "; a batch sent at the same time failed: " + refused.getMessage()),
                uncertain, created, notSent);
    }

    private static WriteResult summarize(Operation write, BatchResult[] results) {
        boolean success = true;
        String account = null;
        long total = 0;
        long bad = 0;
        long key = 0;
        Set<String> errors = new LinkedHashSet<>();
        List<BatchResult> failed = new ArrayList<>();
        long records = 0;
        for (BatchResult b : results) {
            WriteResult r = b.result();
            success &= r.success();
            account = account == null ? r.accountId() : account;
            total += r.total();
            bad += r.bad();
            records += b.records().size();
            if (write == Operation.AGENTS_CREATE && r.key() != 0) {
                key = r.key();
            }
            if (r.error() != null && !r.error().isEmpty()) {
                errors.add(r.error());
            }
            if (r.bad() > 0) {
                failed.add(b);
            }
        }
        WriteResult sum = new WriteResult(success, account, total, bad, key,
                errors.isEmpty() ? null : String.join("; ", errors));
        if (bad > 0) {
            throw new PartialFailureException(write.label() + ": " + bad + " of " + records + " records failed"
                    + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)), sum, failed);
        }
        return sum;
    }
}
