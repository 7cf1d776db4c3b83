package io.cnsh.client

import io.cnsh.model.Agent
import io.cnsh.sandbox.Faults
import java.time.Duration

/**
 * {@code readAll} and {@code read} check what the server returns: a server that ignores
 * {@code start} or {@code limit}, drops rows or changes its count while paging ends the read in one
 * {@link InconsistentReadException}. {@code read} checks its page before returning it; the stream of
 * {@code readAll} checks each page as it is fetched, so a caller that collects it first (as the DSL,
 * reports and bulk planner do) never acts on a broken read.
 */
class PagingSpec extends ClientSandboxSpec {

    /** Twelve agents: with pages of five, a full read takes pages at start 0, 5 and 10. */
    List<Long> ids

    def setup() {
        client(quiet: true).agents().create(agents(12))
        ids = stored()*.agentid()
    }

    def "readAll pages through every agent exactly once and asks for no more than the total leaves"() {
        when:
        def read = client(pageSize: 5).agents().readAll(query).toList()

        then:
        read*.agentid() == expected.call(ids)
        sent('readAgents').collect { (it =~ /start=(\d+)&limit=(\d+)/)[0][1..2].join('+') } == pages

        where:
        query                            || expected            | pages
        AgentQuery.all()                 || { it }              | ['0+5', '5+5', '10+5']
        AgentQuery.all().start(3)        || { it.drop(3) }      | ['3+5', '8+5']
        AgentQuery.all().start(3).limit(7) || { it[3..9] }      | ['3+5', '8+2']
        AgentQuery.all().start(12)       || { [] }              | ['12+5']
    }

    def "a server that ignores start makes readAll fail at the second page, naming the repeated agentids"() {
        given:
        server.faults().ignoreStart(true)

        when:
        client(pageSize: 5).agents().readAll(AgentQuery.all()).toList()

        then:
        def e = thrown(InconsistentReadException)
        e.message == "agents#read: the server repeated 5 agentid(s) already read (${ids[0]} first) at start=5: it may" +
                " be ignoring 'start'; nothing was done with this read"
        e.start() == 5
    }

    def "a server that ignores start is caught even when the query starts past the first page"() {
        given:
        server.faults().ignoreStart(true)

        when:
        client(pageSize: 20).agents().readAll(AgentQuery.all().start(10)).toList()

        then:
        def e = thrown(InconsistentReadException)
        e.message == 'agents#read: the server sent 12 agents from start=10 but its total of 12 leaves 2; nothing was' +
                ' done with this read'
    }

    def "a server that drops #dropped row(s) makes readAll fail at the short page"() {
        given:
        server.faults().nextDroppedRows(dropped)

        when:
        client(pageSize: 5).agents().readAll(query).toList()

        then:
        def e = thrown(InconsistentReadException)
        e.message == message

        where:
        dropped | query                     || message
        1       | AgentQuery.all()          || 'agents#read: the server sent 4 agents at start=0 where 5 were due (it reported 12 matches): it may be dropping rows; nothing was done with this read'
        2       | AgentQuery.all().start(10) || 'agents#read: the server sent 0 agents at start=10 where 2 were due (it reported 12 matches): it may be dropping rows; nothing was done with this read'
        1       | AgentQuery.all().limit(3) || 'agents#read: the server sent 2 agents at start=0 where 3 were due (it reported 12 matches): it may be dropping rows; nothing was done with this read'
    }

    def "a seeded drop rate is caught in whichever page it hits"() {
        given:
        server.faults().seed(3).dropRowRate(0.1)

        when:
        client(pageSize: 5).agents().readAll(AgentQuery.all()).toList()

        then:
        def e = thrown(InconsistentReadException)
        e.message =~ /^agents#read: the server sent [0-4] agents at start=(0|5|10) where [25] were due \(it reported 12 matches\): it may be dropping rows; nothing was done with this read$/
    }

    def "a caller that collects the stream before updating updates none when the read breaks at the last page"() {
        given:
        def cn = pausingClient { int pagesSent -> if (pagesSent == 2) server.faults().nextDroppedRows(2) }

        when:
        def read = cn.agents().readAll(AgentQuery.all()).toList()
        cn.agents().update(read.collect { Agent.of(agentid: it.get('agentid'), moh: 'paged') })

        then:
        def e = thrown(InconsistentReadException)
        e.start() == 10
        requests.findAll { it.operation() == 'agents/update' }.isEmpty()
        stored().every { it.get('moh') == 'none' }
    }

    def "the stream is lazy: it hands over the pages that add up, then ends in the error at the page that does not"() {
        given:
        def cn = pausingClient { int pagesSent -> if (pagesSent == 2) server.faults().nextDroppedRows(2) }
        def handed = []

        when:
        cn.agents().readAll(AgentQuery.all()).forEach { handed << it.agentid() }

        then:
        def e = thrown(InconsistentReadException)
        e.message == 'agents#read: the server sent 0 agents at start=10 where 2 were due (it reported 12 matches):' +
                ' it may be dropping rows; nothing was done with this read'
        handed == ids[0..9]
    }

    def "a single read whose page holds more agents than its limit is refused"() {
        given:
        server.faults().ignoreLimit(true)

        when:
        client().agents().read(AgentQuery.all().limit(5))

        then:
        def e = thrown(InconsistentReadException)
        e.message == "agents#read: the server sent 12 agents at start=0 where limit=5 was asked: it may be ignoring" +
                " 'limit'; nothing was done with this read"
    }

    def "a single read is checked against its total: #what"() {
        given:
        inject.call(server.faults())

        when:
        client().agents().read(query)

        then:
        def e = thrown(InconsistentReadException)
        e.message == message

        where:
        what                     | inject                              | query                               || message
        'a dropped row'          | { Faults f -> f.nextDroppedRows(1) } | AgentQuery.all()                    || 'agents#read: the server sent 11 agents at start=0 where 12 were due (it reported 12 matches): it may be dropping rows; nothing was done with this read'
        'start ignored past it'  | { Faults f -> f.ignoreStart(true) }  | AgentQuery.all().start(10)          || 'agents#read: the server sent 12 agents from start=10 but its total of 12 leaves 2; nothing was done with this read'
        'limit and start capped' | { Faults f -> f.nextDroppedRows(1) } | AgentQuery.all().start(9).limit(5)  || 'agents#read: the server sent 2 agents at start=9 where 3 were due (it reported 12 matches): it may be dropping rows; nothing was done with this read'
    }

    def "a single read that the server answers in full is returned as before, with start and limit"() {
        expect:
        client().agents().read(AgentQuery.all().start(9).limit(5)).agents()*.agentid() == ids[9..11]
        client().agents().read(AgentQuery.all().start(20)).agents().isEmpty()
    }

    def "a match count that changes between pages ends readAll: an agent deleted meanwhile would be skipped"() {
        given:
        def other = client(quiet: true)
        def cn = pausingClient { int pagesSent ->
            if (pagesSent == 1) {
                // another admin soft-deletes an agent that the first page already held
                other.agents().update(Agent.of(agentid: ids[2] as String, filter: '999'))
            }
        }

        when:
        cn.agents().readAll(AgentQuery.all().liveOnly()).toList()

        then:
        def e = thrown(InconsistentReadException)
        e.message == 'agents#read: the match count changed from 12 to 11 at start=5 (agents were created or changed' +
                ' meanwhile, or the server miscounts); read again; nothing was done with this read'
    }

    def "the verifier refuses pages it cannot check: #what"() {
        when:
        def v = PageVerifier.paging(AgentQuery.all())
        pages.each { v.accept(it.start, 5, it.total, it.agents) }

        then:
        def e = thrown(InconsistentReadException)
        e.message == message

        where:
        what                          | pages                                                                       || message
        'an agent without an agentid' | [[start: 0, total: 3L, agents: [agent(1), Agent.of(name: 'x'), agent(3)]]] || 'agents#read: the server sent an agent without an agentid (row 2 of the page at start=0), so repeated or missing agents cannot be told; nothing was done with this read'
        'a full page without a total' | [[start: 0, total: null, agents: (1..5).collect { agent(it) }]]           || "agents#read: the server's page at start=0 has no total, so whether agents are missing cannot be told; nothing was done with this read"
        'an agentid twice in one page'| [[start: 0, total: 3L, agents: [agent(1), agent(2), agent(1)]]]           || 'agents#read: the server sent 1 agentid(s) twice in the page at start=0 (1 first); nothing was done with this read'
    }

    def "a short first page without a total is the whole answer"() {
        when:
        def v = PageVerifier.paging(AgentQuery.all())
        v.accept(0, 5, null, [agent(1), agent(2)])

        then:
        v.complete()
    }

    static Agent agent(long id) {
        Agent.of(agentid: id as String, name: "Agent $id" as String)
    }

    /**
     * A client with pages of five that calls {@code beforeRequest} with the number of read pages sent
     * so far before each request: its rate limit waits through the sleeper, on the client's thread,
     * so the hook runs between two pages without any race.
     */
    ContactNow pausingClient(Closure beforeRequest) {
        def pagesSent = { sent('readAgents').size() }
        sleeper = new RecordingSleeper() {
            @Override
            void sleep(Duration d) {
                beforeRequest.call(pagesSent())
                super.sleep(d)
            }
        }
        sleeper.clock = clock
        client(pageSize: 5, rateLimit: 1)
    }
}
