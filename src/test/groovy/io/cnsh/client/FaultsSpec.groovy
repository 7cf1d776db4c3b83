package io.cnsh.client

import io.cnsh.model.Agent
import io.cnsh.model.WriteResult
import io.cnsh.wire.Format
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import spock.lang.Isolated

/**
 * Faults injected by the sandbox: what is retried (reads, token calls, updates), what never is
 * (creates that may have reached the server), and what the caller is told.
 */
@Isolated("races read timeouts and concurrent batches against the sandbox's latency: other specs' load would reorder them")
class FaultsSpec extends ClientSandboxSpec {

    String base = "http://127.0.0.1:${server.port()}"

    static final List<Duration> BACKOFF = [Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800)]

    def "in #format, a read survives #fault with waits of exponential backoff"() {
        given:
        ContactNow cn = client(format: format)
        cn.agents().create(agents(2))
        inject.call(server.faults())

        when:
        List<Agent> read = cn.agents().read(AgentQuery.all()).agents()

        then:
        read*.username() == ['agent1', 'agent2']
        sent('readAgents').size() == waits.size() + 1
        sleeper.sleeps == waits
        served('agents/read', 1 + handled).findAll { it.outcome().startsWith('ok total=2') }.size() == 1

        where:
        format      | fault                          | inject                        | handled || waits
        Format.JSON | 'two 503 answers'              | { it.nextHttpErrors(2, 503) } | 0       || BACKOFF[0..1]
        Format.XML  | 'three 500 answers'            | { it.nextHttpErrors(3, 500) } | 0       || BACKOFF
        Format.JSON | 'an HTML page instead of JSON' | { it.nextGarbledBodies(1) }   | 1       || BACKOFF[0..0]
        Format.XML  | 'an HTML page instead of XML'  | { it.nextGarbledBodies(1) }   | 1       || BACKOFF[0..0]
    }

    /*
     * The JDK's HTTP client itself sends a GET once more when a kept-alive connection closes before
     * any answer, so how many of the dropped connections reach the retry policy depends on the
     * connection pool. What is certain: every injected fault was met, the read then succeeded, and
     * each attempt the client made after the first followed one backoff wait.
     */
    def "in #format, a read survives #count #fault"() {
        given:
        ContactNow cn = client(format: format)
        cn.agents().create(agents(2))
        inject.call(server.faults(), count)

        when:
        List<Agent> read = cn.agents().read(AgentQuery.all()).agents()

        then:
        read*.username() == ['agent1', 'agent2']
        sent('readAgents').size() >= 1
        sleeper.sleeps == BACKOFF.take(sent('readAgents').size() - 1)
        eventually { requests.count { it.outcome().startsWith(outcome) } == count }
        served('agents/read', 1).findAll { it.outcome().startsWith('ok total=2') }.size() == 1

        where:
        format      | fault                         | count | inject                                     || outcome
        Format.JSON | 'connection resets'           | 3     | { f, n -> f.nextResets(n) }                || 'fault: reset before handling'
        Format.XML  | 'connection resets'           | 2     | { f, n -> f.nextResets(n) }                || 'fault: reset before handling'
        Format.JSON | 'answers lost after handling' | 2     | { f, n -> f.nextLostResponses(n) }         || 'fault: response lost after handling'
        Format.XML  | 'answers lost after handling' | 1     | { f, n -> f.nextLostResponses(n) }         || 'fault: response lost after handling'
    }

    def "a token request survives 502 answers and a reset"() {
        given:
        server.faults().nextHttpErrors(2, 502)

        when:
        ContactNow cn = client()
        cn.agents().read(AgentQuery.all())

        then:
        sent('getToken').size() == 3
        sleeper.sleeps == BACKOFF[0..1]

        when:
        server.faults().nextResets(1)
        cn.tokens().forget()
        cn.tokens().token()

        then:
        cn.tokens().current().present
        eventually { requests.count { it.outcome() == 'fault: reset before handling' } == 1 }
        served('token/get', 2).size() == 2
    }

    def "a read that keeps failing gives up after four attempts with a one-line TransportException"() {
        given:
        ContactNow cn = client()
        cn.tokens().token()
        server.faults().nextHttpErrors(10, 500)

        when:
        cn.agents().read(AgentQuery.all())

        then:
        TransportException e = thrown()
        e.operation() == 'agents#read'
        e.status() == 500
        e.message == "agents#read failed: HTTP 500 from the server ($base) (after 4 attempts)"
        sleeper.sleeps == BACKOFF
    }

    def "in #format, an answer cut short is reported as one that could not be parsed, at once and not as a lost connection"() {
        given:
        ContactNow cn = client(format: format)
        cn.agents().create(agents(2))
        server.faults().nextTruncatedBodies(1)

        when:
        cn.agents().read(AgentQuery.all())

        then:
        TransportException e = thrown()
        e.message ==~ /the answer to agents#read could not be parsed as ${format.wireName().toUpperCase()}: .+ \(\Q$base\E\)/
        !e.message.contains('connection lost')
        !e.message.contains('attempts')
        e.message.readLines().size() == 1
        sent('readAgents').size() == 1
        sleeper.sleeps.empty

        and: 'the next read is whole again'
        cn.agents().read(AgentQuery.all()).agents()*.username() == ['agent1', 'agent2']

        where:
        format << [Format.JSON, Format.XML]
    }

    def "in #format, a create whose answer is cut short ends in OutcomeUnknownException naming the unparseable answer"() {
        given:
        ContactNow cn = client(format: format)
        cn.tokens().token()
        server.faults().nextTruncatedBodies(1)

        when:
        cn.agents().create(agents(1))

        then:
        OutcomeUnknownException e = thrown()
        e.message.startsWith("the answer to agents#create could not be parsed as ${format.wireName().toUpperCase()}: ")
        sent('writeAgents').size() == 1
        stored()*.username() == ['agent1']

        where:
        format << [Format.JSON, Format.XML]
    }

    def "in #format, a create whose answer is lost after the commit ends in OutcomeUnknownException and was sent once"() {
        given:
        ContactNow cn = client(format: format)
        cn.tokens().token()
        Agent joe = Agent.builder().name('Joe Bloggs').username('joe').pin('482913').build()
        server.faults().nextLostResponses(1)

        when:
        cn.agents().create(joe)

        then:
        OutcomeUnknownException e = thrown()
        e.message ==~ /agents#create failed: connection lost before the answer \(\w+\) \(\Q$base\E\); the outcome of creating 1 agent\(s\) is unknown and they were not sent again \(0 created, 0 not sent\); look them up by username before retrying/
        e.records() == [joe]
        e.created().empty
        e.notSent().empty
        sent('writeAgents').size() == 1
        sleeper.sleeps.empty
        served('agents/create', 1).size() == 1
        stored()*.username() == ['joe']

        where:
        format << [Format.JSON, Format.XML]
    }

    def "a create answered 503 is not sent again either: the client cannot know whether it was handled"() {
        given:
        ContactNow cn = client()
        cn.tokens().token()
        server.faults().nextHttpErrors(1, 503)

        when:
        cn.agents().create(agents(1))

        then:
        OutcomeUnknownException e = thrown()
        e.message.startsWith("agents#create failed: HTTP 503 from the server ($base); the outcome of creating 1 agent(s) is unknown")
        sent('writeAgents').size() == 1
        stored().empty
    }

    def "a batched create whose second answer is lost says which records were created, which are unknown and which were not sent"() {
        given:
        ContactNow cn = client(batchSize: 100)
        List<Agent> records = agents(250)
        BatchListener loseNext = { BatchResult b -> if (b.index() == 0) server.faults().nextLostResponses(1) }

        when:
        cn.agents().create(records, loseNext)

        then:
        OutcomeUnknownException e = thrown()
        e.created() == records[0..<100]
        e.records() == records[100..<200]
        e.notSent() == records[200..<250]
        e.message.endsWith('the outcome of creating 100 agent(s) is unknown and they were not sent again'
                + ' (100 created, 50 not sent); look them up by username before retrying')
        sent('writeAgents').size() == 2
        stored().size() == 200
    }

    def "a create with no answer within the read timeout ends in OutcomeUnknownException, and the server still creates the agent"() {
        given:
        ContactNow cn = client(readTimeout: Duration.ofMillis(250))
        cn.tokens().token()
        server.faults().latency(Duration.ofSeconds(1), Duration.ZERO)

        when:
        cn.agents().create(agents(1))

        then:
        OutcomeUnknownException e = thrown()
        e.message.startsWith("agents#create failed: no answer within the read timeout ($base); the outcome of creating 1 agent(s) is unknown")
        sent('writeAgents').size() == 1
        sleeper.sleeps.empty

        when:
        server.faults().clear()

        then: 'the server handles it after the client gave up'
        served('agents/create', 1).size() == 1
        stored()*.username() == ['agent1']
    }

    def "a read with no answer within the read timeout is retried, then fails naming the timeout"() {
        given:
        ContactNow cn = client(readTimeout: Duration.ofMillis(200), retryPolicy: new RetryPolicy(2, Duration.ofMillis(50), Duration.ofSeconds(1), 0))
        cn.tokens().token()
        server.faults().latency(Duration.ofMillis(1500), Duration.ZERO)

        when:
        cn.agents().read(AgentQuery.all())

        then:
        TransportException e = thrown()
        e.message == "agents#read failed: no answer within the read timeout ($base) (after 2 attempts)"
        sleeper.sleeps == [Duration.ofMillis(50)]
    }

    def "with concurrent batches, a batch refused outright does not hide another whose outcome is unknown"() {
        given: 'both batches are on their way before either answer arrives'
        CountDownLatch bothSent = new CountDownLatch(2)
        ContactNow cn = ContactNow.builder().baseUrl(server.baseUri()).credentials(API_USER, API_PASSWORD)
                .batchSize(1).concurrency(2).sleeper(sleeper)
                .logger({ String line ->
                    if (line.startsWith('[ContactNowApi#writeAgents] --->')) {
                        bothSent.countDown()
                        bothSent.await(10, TimeUnit.SECONDS)
                    }
                }, ContactNow.LogLevel.BASIC).build()
        cn.tokens().token()
        server.faults().nextHttpErrors(1, 400).nextLostResponses(1)
        List<Agent> records = agents(2)

        when:
        cn.agents().create(records)

        then:
        OutcomeUnknownException e = thrown()
        e.records().size() == 1
        e.notSent().size() == 1
        (e.records() + e.notSent()).toSet() == records.toSet()
        e.created().empty
        e.message.contains('(0 created, 1 not sent or refused)')
        e.message.endsWith("; a batch sent at the same time failed: agents#create failed: HTTP 400 from the server ($base)")
        e.suppressed*.class == [TransportException]
        stored()*.username() == e.records()*.username()
    }

    def "a create that cannot connect is retried, since it never reached the server"() {
        given: 'a client holding a token of a sandbox that then stops'
        SandboxServer other = SandboxServer.builder().port(0).inMemory().seed(Seed.NONE).apiUser(API_USER, API_PASSWORD).build().start()
        String otherBase = other.baseUri().toString()
        ContactNow cn = ContactNow.builder().baseUrl(otherBase).credentials(API_USER, API_PASSWORD).sleeper(sleeper)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 0)).build()
        cn.tokens().token()
        other.close()

        when:
        cn.agents().create(agents(1))

        then:
        TransportException e = thrown()
        e.message == "agents#create failed: cannot connect to ${otherBase - ~'/$'} (connection refused) (after 3 attempts)"
        sleeper.sleeps == [Duration.ofMillis(100), Duration.ofMillis(200)]
    }

    def "in #format, an update whose answer is lost is sent again and leaves the right final state"() {
        given:
        ContactNow cn = client(format: format)
        long id = cn.agents().create(Agent.builder().name('Joe').username('joe').build()).key()
        server.faults().nextLostResponses(1)

        when:
        WriteResult r = cn.agents().update(Agent.builder().agentid(id).name('Joe Blogs').userfield('moved').build())

        then:
        r == new WriteResult(true, '20001', 1, 0, 0, null)
        sent('writeAgents').size() == 3
        sleeper.sleeps == BACKOFF[0..0]
        served('agents/update', 2).size() == 2
        with(stored()) {
            size() == 1
            it[0].name() == 'Joe Blogs'
            it[0].userfield() == 'moved'
        }

        where:
        format << [Format.JSON, Format.XML]
    }

    def "a refused connection ends in a one-line TransportException that names the URL, after the retries"() {
        given:
        int port = new ServerSocket(0, 1, InetAddress.loopbackAddress).withCloseable { it.localPort }
        ContactNow cn = ContactNow.builder().baseUrl("http://127.0.0.1:$port/").credentials(API_USER, API_PASSWORD)
                .sleeper(sleeper).retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 0)).build()

        when:
        cn.agents().read(AgentQuery.all())

        then:
        TransportException e = thrown()
        e.message == "token#get failed: cannot connect to http://127.0.0.1:$port (connection refused) (after 3 attempts)"
        !e.message.contains('\n')
        e.status() == 0
        sleeper.sleeps == [Duration.ofMillis(100), Duration.ofMillis(200)]
    }
}
