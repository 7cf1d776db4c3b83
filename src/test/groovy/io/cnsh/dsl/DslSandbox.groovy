package io.cnsh.dsl

import io.cnsh.client.AgentQuery
import io.cnsh.client.ContactNow
import io.cnsh.model.Agent
import io.cnsh.sandbox.RequestLog
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import io.cnsh.wire.Format

import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.Consumer
import spock.util.concurrent.PollingConditions

/**
 * An in-process sandbox seeded with the demo agents, a client for it in each wire format, and a
 * way to run DSL code through the production {@link ScriptRunner}. The clients write in batches of
 * {@value #BATCH} and page reads by {@value #PAGE}, so that batching and paging show in the request
 * log with the 40 demo agents.
 */
class DslSandbox implements Closeable {

    static final int BATCH = 4
    static final int PAGE = 15
    /** The agentid the first agent created after a reset gets: the 40 demo agents hold 550000 to 550039. */
    static final long NEXT_ID = 550040

    final SandboxServer server
    private final List<RequestLog.Entry> requests = new CopyOnWriteArrayList<>()
    /** Requests the clients sent, counted from their own log as they go out. */
    private final AtomicInteger sent = new AtomicInteger()
    private final Map<Format, ContactNow> clients = [:]

    final StringWriter out = new StringWriter()
    final StringWriter err = new StringWriter()

    DslSandbox() {
        server = SandboxServer.builder().port(0).inMemory().seed(Seed.DEMO).apiUser('demo', 'demo')
                .requestLog { RequestLog.Entry e -> requests << e }
                .build().start()
        [Format.JSON, Format.XML].each { Format f ->
            clients[f] = ContactNow.builder().baseUrl(server.baseUri()).credentials('demo', 'demo')
                    .format(f).batchSize(BATCH).pageSize(PAGE)
                    .logger({ String line -> if (line =~ /---> (GET|POST) /) { sent.incrementAndGet() } } as Consumer<String>,
                            ContactNow.LogLevel.BASIC)
                    .build()
        }
    }

    /** Back to the 40 demo agents, with empty request log and output. */
    void reset() {
        settle()
        server.reset(Seed.DEMO)
        requests.clear()
        sent.set(0)
        out.buffer.setLength(0)
        err.buffer.setLength(0)
    }

    ContactNow client(Format format) {
        clients[format]
    }

    /** Runs DSL code as {@code spec.groovy} on the client of this format and returns its value. */
    Object run(Format format, String code) {
        ScriptRunner runner = new ScriptRunner(new AgentsContext(client(format)), new PrintWriter(out), new PrintWriter(err))
        runner.evaluate(code, 'spec.groovy', runner.binding([]))
    }

    /** The operations the sandbox answered, such as {@code agents/create}, leaving out tokens. */
    List<String> operations() {
        entries()*.operation().findAll { !it.startsWith('token/') }
    }

    /** The sandbox's log entries of the agents requests so far, in order. */
    List<RequestLog.Entry> entries() {
        settle()
        requests.findAll { !it.operation().startsWith('token/') }
    }

    /**
     * Waits until the sandbox has logged every request the clients sent: it logs a request just after
     * answering it, so the entry can come a moment after the client has its answer.
     */
    private void settle() {
        new PollingConditions(timeout: 5, delay: 0.002).eventually {
            assert requests.size() == sent.get()
        }
    }

    /** One agent as stored, read with the JSON client (not through the DSL). */
    Agent stored(long agentid) {
        def agents = client(Format.JSON).agents().read(AgentQuery.where('agentid', agentid)).agents()
        assert agents.size() == 1
        agents[0]
    }

    /** How many agents the sandbox holds, read with the JSON client. */
    long count() {
        client(Format.JSON).agents().read(AgentQuery.all().limit(1)).total()
    }

    @Override
    void close() {
        server.close()
    }
}
