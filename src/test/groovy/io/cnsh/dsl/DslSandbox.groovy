package io.cnsh.dsl

import io.cnsh.client.AgentQuery
import io.cnsh.client.ContactNow
import io.cnsh.model.Agent
import io.cnsh.sandbox.RequestLog
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import io.cnsh.testing.SandboxFixture
import io.cnsh.wire.Format

/**
 * The DSL specs' view of the project's {@link SandboxFixture}: the 40 demo agents, a client in each
 * wire format, and DSL code run through the production {@link ScriptRunner} with its output kept. The
 * clients write in batches of {@value #BATCH} and page reads by {@value #PAGE}, so that batching and
 * paging show in the request log with the 40 demo agents.
 */
class DslSandbox implements Closeable {

    static final int BATCH = 4
    static final int PAGE = 15
    /** The agentid the first agent created after a reset gets: the 40 demo agents hold 550000 to 550039. */
    static final long NEXT_ID = 550040

    final SandboxFixture fixture = SandboxFixture.start(seed: Seed.DEMO, batchSize: BATCH, pageSize: PAGE)

    final StringWriter out = new StringWriter()
    final StringWriter err = new StringWriter()

    SandboxServer getServer() {
        fixture.server
    }

    /** Back to the 40 demo agents, with empty request log and output. */
    void reset() {
        fixture.reset()
        out.buffer.setLength(0)
        err.buffer.setLength(0)
    }

    ContactNow client(Format format) {
        fixture.client(format)
    }

    /** Runs DSL code as {@code spec.groovy} on the client of this format and returns its value. */
    Object run(Format format, String code) {
        ScriptRunner runner = new ScriptRunner(new AgentsContext(client(format)), new PrintWriter(out), new PrintWriter(err))
        runner.evaluate(code, 'spec.groovy', runner.binding([]))
    }

    /** The operations the sandbox answered, such as {@code agents/create}, leaving out tokens. */
    List<String> operations() {
        entries()*.operation()
    }

    /** The sandbox's log entries of the agents requests so far, in order (once every request sent is logged). */
    List<RequestLog.Entry> entries() {
        fixture.requests.findAll { !it.operation().startsWith('token/') }
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
        fixture.close()
    }
}
