package io.cnsh.proof

import io.cnsh.bulk.Bulk
import io.cnsh.bulk.RunStore
import io.cnsh.cli.Main
import io.cnsh.client.AgentQuery
import io.cnsh.client.ContactNow
import io.cnsh.client.InconsistentReadException
import io.cnsh.model.Agent
import io.cnsh.sandbox.Faults
import io.cnsh.sandbox.RequestLog
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CopyOnWriteArrayList

/**
 * Paging cannot silently duplicate or drop agents, from any way in. A sandbox of 1,200 agents
 * (more than two pages of 500) is run with the fault of a server that ignores {@code start}, one
 * that drops rows, and one that ignores {@code limit}; {@code read all: true} and {@code read limit:}
 * through {@code cnsh -e}, {@code readAll} from Java, {@code cnsh run scripts/report.groovy summary}
 * and {@code cnsh run scripts/bulk-update.groovy} (plan and {@code --apply}) each end in one line
 * naming what the server did, exit 1, and not one agent changes: the whole account is compared
 * before and after, and the sandbox saw no write.
 */
class PagingGuardSpec extends Specification {

    static final int AGENTS = 1200

    @Shared
    List<RequestLog.Entry> requests = new CopyOnWriteArrayList<>()

    @Shared
    @AutoCleanup
    SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.DEMO)
            .requestLog({ RequestLog.Entry e -> requests << e } as RequestLog).build().start()

    @Shared
    ContactNow client = ContactNow.builder().baseUrl(server.baseUri()).credentials('demo', 'demo').batchSize(500).build()

    /** Every agent with every field, read while no fault is on. */
    @Shared
    List<Map<String, String>> before

    @TempDir
    Path home

    def setupSpec() {
        int demo = client.agents().read(AgentQuery.all()).total()
        client.agents().create((demo + 1..AGENTS).collect { Agent.builder().name("Paged Agent $it").username("paged$it").build() })
        before = account()
        assert before.size() == AGENTS
    }

    def setup() {
        requests.clear()
    }

    def cleanup() {
        server.faults().clear()
    }

    List<Map<String, String>> account() {
        client.agents().readAll(AgentQuery.all()).toList()*.fields()
    }

    /** cnsh in this JVM against the sandbox, as {@code cnsh --base-url URL --username demo ARGS}. */
    Map cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo'], new PrintWriter(out), new PrintWriter(err),
                (['--base-url', server.baseUri().toString(), '--username', 'demo'] + (args as List)) as String[])
        [code: code, out: out.toString(), err: err.toString()]
    }

    static String script(String name) {
        Path.of('scripts', name).toAbsolutePath().toString()
    }

    Path changes() {
        Path csv = home.resolve('changes.csv')
        Files.writeString(csv, 'username,moh\npraman,paged\npaged1100,paged\n')
        csv
    }

    /** What the server did, as the one line of the error says it. */
    static String ignoredStart(long firstId) {
        "the server repeated 500 agentid(s) already read ($firstId first) at start=500: it may be ignoring 'start';" +
                ' nothing was done with this read'
    }

    static final String DROPPED = 'the server sent 497 agents at start=0 where 500 were due (it reported 1200 matches):' +
            ' it may be dropping rows; nothing was done with this read'

    static final Map<String, Closure> FAULTS = [
            'ignores start'   : { Faults f -> f.ignoreStart(true) },
            'drops rows'      : { Faults f -> f.nextDroppedRows(3) },
    ]

    static final Map<String, Closure> WAYS_IN = [
            "cnsh -e with read all: true and an update": { PagingGuardSpec s ->
                s.cnsh('-e', "(agents < read all: true >).update(moh: 'paged')") },
            'cnsh run scripts/report.groovy summary'     : { PagingGuardSpec s ->
                s.cnsh('run', script('report.groovy'), 'summary') },
            'a bulk-update plan'                         : { PagingGuardSpec s ->
                s.cnsh('run', script('bulk-update.groovy'), s.changes().toString()) },
            'bulk-update --apply'                        : { PagingGuardSpec s ->
                s.cnsh('run', script('bulk-update.groovy'), s.changes().toString(), '--apply') },
    ]

    def "through #wayIn, a server that #fault ends the read in one line naming it, exit 1, and no agent changes"() {
        given:
        long firstId = before[0].agentid as long
        FAULTS[fault].call(server.faults())

        when:
        def r = WAYS_IN[wayIn].call(this)

        then: 'one line on err names what the server did; nothing was printed as a result'
        r.code == 1
        r.err.readLines().size() == 1
        r.err.startsWith('cnsh: ')
        r.err.trim().endsWith('agents#read: ' + (fault == 'ignores start' ? ignoredStart(firstId) : DROPPED))
        !r.err.contains('\tat ')
        !r.out.contains('Summary of')
        !r.out.contains('paged')

        and: 'the sandbox saw no write, no bulk run was journalled, and the account is as it was'
        requests.findAll { it.operation() in ['agents/update', 'agents/create'] }.isEmpty()
        !Files.exists(home.resolve('runs')) || Files.list(home.resolve('runs')).withCloseable { it.count() } == 0
        server.faults().clear()
        account() == before

        where:
        [fault, wayIn] << [FAULTS.keySet(), WAYS_IN.keySet()].combinations()
    }

    def "from Java, readAll against a server that #fault throws before toList returns, and nothing is written"() {
        given:
        FAULTS[fault].call(server.faults())

        when:
        def read = client.agents().readAll(AgentQuery.all().liveOnly()).toList()
        client.agents().update(read.collect { Agent.of(agentid: it.get('agentid'), moh: 'paged') })

        then:
        def e = thrown(InconsistentReadException)
        e.message.startsWith('agents#read: ')
        e.message.contains(message)
        requests.findAll { it.operation() == 'agents/update' }.isEmpty()
        server.faults().clear()
        account() == before

        where:
        fault           || message
        'ignores start' || "already read"
        'drops rows'    || 'where 500 were due (it reported 1198 matches): it may be dropping rows'
    }

    def "read limit: 5 against a server that ignores limit never hands 1,200 agents to an update"() {
        given:
        server.faults().ignoreLimit(true)

        when:
        def r = cnsh('-e', "(agents < read limit: 5 >).update(moh: 'paged')")

        then:
        r.code == 1
        r.err == "cnsh: -e:1: agents#read: the server sent $AGENTS agents at start=0 where limit=5 was asked: it may be" +
                " ignoring 'limit'; nothing was done with this read\n"
        requests.findAll { it.operation() == 'agents/update' }.isEmpty()
        server.faults().clear()
        account() == before
    }

    def "a bulk create whose answer is lost does not create again when the server drops the row its look-up needs"() {
        given: 'a plan of four new agents, made while the server behaves'
        def fresh = SandboxFixture.start(seed: 'none')
        def csv = fresh.file('new.csv', 'username,name\n' + (1..4).collect { "new$it,New Agent $it" }.join('\n') + '\n')
        def bulk = Bulk.builder(fresh.client).runs(RunStore.at(fresh.runs)).batchSize(2).build()
        def plan = bulk.planCreate(csv)

        when: 'the first batch is created but its answer is lost, and the look-up by username comes back without its row'
        fresh.faults.nextLostResponses(1).nextDroppedRows(1)
        def result = bulk.apply(plan)

        then: 'the run stops at the look-up instead of taking "not found" for the truth'
        result.exitCode() != 0
        fresh.requests('agents/create').size() == 1

        and: 'the two agents of the lost batch exist once each, and nothing else was created'
        fresh.faults.clear()
        fresh.readAll()*.username() == ['new1', 'new2']

        cleanup:
        fresh?.close()
    }

    def "once the server pages correctly again, the same report runs and counts every live agent once"() {
        given:
        server.faults().ignoreStart(true)
        def broken = cnsh('run', script('report.groovy'), 'summary')
        server.faults().clear()

        when:
        def r = cnsh('run', script('report.groovy'), 'summary')

        then:
        broken.code == 1
        r.code == 0
        r.out.readLines()[0] == "Summary of ${AGENTS - 2} agents"
    }
}
