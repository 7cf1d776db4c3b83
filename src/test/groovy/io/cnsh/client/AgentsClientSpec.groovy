package io.cnsh.client

import io.cnsh.model.Agent
import io.cnsh.model.AgentPage
import io.cnsh.model.WriteResult
import io.cnsh.wire.Format
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList

/** Create, read, update and readAll over the wire in JSON and XML: results, paging, batching, pacing. */
class AgentsClientSpec extends ClientSandboxSpec {

    static final Agent JOE = Agent.builder().name('Joe Bloggs').username('joe').pin('482913').password('Joe-Pa55!')
            .authLevel('admin').authAdmin('Y').authSupervisor('N').phone('01234 567890').build()

    def "in #format, create answers the new agentid as key and the agent reads back with the fields sent and the defaults"() {
        given:
        ContactNow cn = client(format: format)

        when:
        WriteResult r = cn.agents().create(JOE)
        AgentPage page = cn.agents().read(AgentQuery.where('agentid', r.key()))

        then:
        r == new WriteResult(true, '20001', 1, 0, 550_000, null)
        page.total() == 1
        with(page.agents()[0]) {
            agentid() == 550_000L
            name() == 'Joe Bloggs'
            username() == 'joe'
            pin() == '482913'
            password() == 'Joe-Pa55!'
            authLevel() == 'admin'
            phone() == '01234 567890'
            moh() == 'none'
            defaultStatus() == 'wrap'
            filter() == '0'
        }
        sent('writeAgents').size() == 1
        sent('writeAgents')[0].contains("action=create&format=${format.wireName()}&raw=1")

        where:
        format << [Format.JSON, Format.XML]
    }

    def "JSON and XML read the same records, except that XML cannot tell empty text from null"() {
        given:
        client().agents().create(agents(5) + JOE)

        when:
        List<Agent> viaJson = client(format: Format.JSON).agents().read(AgentQuery.all()).agents()
        List<Agent> viaXml = client(format: Format.XML).agents().read(AgentQuery.all()).agents()

        then:
        viaJson.size() == 6
        viaJson*.userfield().every { it == '' }
        viaJson*.phone() == [null] * 5 + ['01234 567890']
        viaXml == viaJson.collect { a -> Agent.of(a.fields().collectEntries { k, v -> [k, v == '' ? null : v] }) }
    }

    def "in #format, a read applies field filters, the statement filter, sort, start and limit, and total counts every match"() {
        given:
        ContactNow cn = client(format: format)
        cn.agents().create([
                Agent.builder().name('Dana').username('dana').authLevel('admin').build(),
                Agent.builder().name('Bea').username('bea').authLevel('admin').build(),
                Agent.builder().name('Cyd').username('cyd').authLevel('agent').build(),
                Agent.builder().name('Abe').username('abe').authLevel('admin').build(),
                Agent.builder().name('Eve').username('eve').authLevel('admin').filter('999').build()])

        expect:
        with(cn.agents().read(AgentQuery.where('auth_level', 'admin').sort('name').start(1).limit(2))) {
            total() == 4
            agents()*.name() == ['Bea', 'Dana']
        }
        cn.agents().read(AgentQuery.where('auth_level', 'admin').liveOnly().sort('name')).agents()*.name() == ['Abe', 'Bea', 'Dana']
        cn.agents().read(AgentQuery.all().sort('name').limit(1)).agents()*.name() == ['Abe']
        cn.agents().read(AgentQuery.where('username', 'nobody')) == new AgentPage(0, [])

        where:
        format << [Format.JSON, Format.XML]
    }

    def "in #format, an update changes only the fields sent"() {
        given:
        ContactNow cn = client(format: format)
        long id = cn.agents().create(JOE).key()

        when:
        WriteResult r = cn.agents().update(Agent.builder().agentid(id).name('Joe Blogs').pin('771105').build())

        then:
        r == new WriteResult(true, '20001', 1, 0, 0, null)
        with(cn.agents().read(AgentQuery.where('agentid', id)).agents()[0]) {
            name() == 'Joe Blogs'
            pin() == '771105'
            username() == 'joe'
            password() == 'Joe-Pa55!'
            phone() == '01234 567890'
        }

        where:
        format << [Format.JSON, Format.XML]
    }

    def "in #format, readAll pages through 1,000 agents in 10 requests of 100 with start and limit"() {
        given:
        client(batchSize: 500, quiet: true).agents().create(agents(1000))
        ContactNow cn = client(format: format, pageSize: 100)

        when:
        List<Agent> all = cn.agents().readAll(AgentQuery.all()).toList()

        then:
        all.size() == 1000
        all*.agentid() == (550_000L..<551_000L).toList()
        all*.username() == (1..1000).collect { "agent$it" }
        sent('readAgents').size() == 10
        sent('readAgents').collect { (it =~ /start=(\d+)&limit=(\d+)/)[0][1..2] } == (0..9).collect { ["${it * 100}", '100'] }
        served('agents/read', 10).size() == 10

        where:
        format << [Format.JSON, Format.XML]
    }

    def "readAll fetches pages only as the stream is consumed"() {
        given:
        client(quiet: true).agents().create(agents(30))
        ContactNow cn = client(pageSize: 10)

        when:
        List<String> first = cn.agents().readAll(AgentQuery.all()).limit(5).map { it.username() }.toList()

        then:
        first == (1..5).collect { "agent$it" }
        sent('readAgents').size() == 1
    }

    def "readAll from start #start with limit #limit reads #expected agents in #pages requests"() {
        given:
        client(quiet: true).agents().create(agents(250))
        ContactNow cn = client(pageSize: 100)
        AgentQuery q = AgentQuery.all()
        q = start == null ? q : q.start(start)
        q = limit == null ? q : q.limit(limit)

        when:
        List<Agent> read = cn.agents().readAll(q).toList()

        then:
        read.size() == expected
        read[0].username() == "agent${(start ?: 0) + 1}"
        sent('readAgents').size() == pages
        sent('readAgents').collect { (it =~ /limit=(\d+)/)[0][1] as int } == sizes

        where:
        start | limit || expected | pages | sizes
        null  | null  || 250      | 3     | [100, 100, 100]
        null  | 120   || 120      | 2     | [100, 20]
        200   | null  || 50       | 1     | [100]
        150   | 60    || 60       | 1     | [60]
        240   | 50    || 10       | 1     | [50]
    }

    def "in #format, 250 records with batch size 100 go in 3 requests of 100, 100 and 50 and their totals add up"() {
        given:
        ContactNow cn = client(format: format, batchSize: 100)
        List<BatchResult> batches = new CopyOnWriteArrayList<>()

        when:
        WriteResult created = cn.agents().create(agents(250), { batches << it } as BatchListener)

        then:
        created == new WriteResult(true, '20001', 250, 0, 550_249, null)
        batches*.index() == [0, 1, 2]
        batches*.records()*.size() == [100, 100, 50]
        batches*.result()*.total() == [100, 100, 50]
        batches*.result()*.key() == [550_099, 550_199, 550_249]
        sent('writeAgents').size() == 3
        served('agents/create', 3)*.records() == [100, 100, 50]

        when:
        WriteResult updated = cn.agents().update(stored().collect { Agent.builder().agentid(it.agentid()).userfield('moved').build() })

        then:
        updated == new WriteResult(true, '20001', 250, 0, 0, null)
        sent('writeAgents').size() == 6
        stored()*.userfield().unique() == ['moved']

        where:
        format << [Format.JSON, Format.XML]
    }

    def "with concurrency 3, batches go out in parallel and the totals and key still add up"() {
        given:
        ContactNow cn = client(batchSize: 50, concurrency: 3)
        List<String> threads = new CopyOnWriteArrayList<>()

        when:
        WriteResult r = cn.agents().create(agents(250), { threads << Thread.currentThread().name } as BatchListener)

        then:
        r.total() == 250
        r.bad() == 0
        threads.size() == 5
        threads.every { it == 'cnsh-batch' }
        stored()*.username().sort() == (1..250).collect { "agent$it" }.sort()
        r.key() == stored().find { it.username() == 'agent250' }.agentid()
    }

    def "a rate limit of 4 requests a second spaces every request 250 ms after the one before"() {
        given:
        sleeper.clock = clock
        ContactNow cn = client(batchSize: 10, rateLimit: 4)

        when:
        cn.agents().create(agents(30))

        then: 'the token request and three batches: three waits'
        sent('getToken').size() == 1
        sent('writeAgents').size() == 3
        sleeper.sleeps == [Duration.ofMillis(250)] * 3
    }

    def "an update naming an unknown agentid ends in a partial failure that names the record and the API's error"() {
        given:
        ContactNow cn = client(batchSize: 2)
        cn.agents().create(agents(3))
        List<Agent> patches = [
                Agent.builder().agentid(550_000).name('First').build(),
                Agent.builder().agentid(999_999).name('Ghost').build(),
                Agent.builder().agentid(550_002).name('Third').build()]

        when:
        cn.agents().update(patches)

        then:
        PartialFailureException e = thrown()
        e.message == 'agents#update: 1 of 3 records failed: Record id [999999] does not exist.'
        e.result() == new WriteResult(true, '20001', 2, 1, 0, 'Record id [999999] does not exist.')
        e.failedBatches().size() == 1
        e.failedBatches()[0].index() == 0
        e.failedBatches()[0].records() == patches[0..1]
        stored()*.name() == ['First', 'Agent agent 2', 'Third']
    }

    def "a configured campaign goes with every database call but not to token.php, and every call names its format"() {
        given:
        ContactNow cn = client(format: Format.XML, campaign: '12')

        when:
        long id = cn.agents().create(JOE).key()
        cn.agents().update(Agent.builder().agentid(id).name('Joe Blogs').build())
        cn.agents().read(AgentQuery.where('username', 'joe'))

        then:
        sent('getToken').every { it.contains('format=xml') && !it.contains('campaign') }
        sent('writeAgents').every { it.contains('&format=xml&raw=1&campaign=12 ') }
        sent('readAgents').every { it.contains('&format=xml&campaign=12&username=joe ') }
        sent('writeAgents').size() == 2
        sent('readAgents').size() == 1
    }

    def "an update record without an agentid is refused before anything is sent"() {
        given:
        ContactNow cn = client()

        when:
        cn.agents().update(Agent.builder().agentid(550_000).name('A').build(), Agent.builder().name('B').build())

        then:
        InvalidInputException e = thrown()
        e.message == 'update record 2 has no agentid; every update needs the agentid of the agent to change'
        clientLog.empty
    }
}
