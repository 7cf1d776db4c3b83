package io.cnsh.client

import io.cnsh.model.Agent
import io.cnsh.sandbox.RequestLog
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import java.util.concurrent.CopyOnWriteArrayList
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/**
 * The write gate of the Java client, where every create and update passes: a {@link ChangeGuard}
 * on a client used directly (as a script's {@code cn.agents()} or Java code would), against a
 * loopback sandbox with the 40 demo agents, in batches of 10.
 */
class WriteGateSpec extends Specification {

    @Shared List<RequestLog.Entry> log = new CopyOnWriteArrayList<>()
    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.DEMO)
            .requestLog({ RequestLog.Entry e -> log << e } as RequestLog).build().start()
    @Shared ContactNow plain = ContactNow.builder().baseUrl(server.baseUri()).credentials('demo', 'demo').batchSize(10).build()

    List<String> questions = []

    @spock.lang.TempDir
    java.nio.file.Path runsDir

    def setup() {
        server.reset(Seed.DEMO)
        log.clear()
    }

    private ChangeGuard guard(Map options = [:], Confirmer.Answer answer = Confirmer.Answer.NO_TERMINAL) {
        ChangeGuard.builder().production(options.production as boolean).target('prod')
                .options(new ChangeGuard.Options(options.yes as boolean, options.max as Integer))
                .confirmer({ String q -> questions << q; answer } as Confirmer)
                .build()
    }

    private static List<Agent> patches(int n, String moh = 'x') {
        (0..<n).collect { Agent.of(agentid: (550000 + it).toString(), moh: moh) }
    }

    private int changed() {
        plain.agents().readAll(AgentQuery.all()).toList().count { it.moh() == 'x' } as int
    }

    def "a gate holds writes when it is a dry run or passes them to one: a code journal answers as its inner gate"() {
        given:
        def dry = new DryRun(guard(), plain.agents(), { })
        def store = io.cnsh.bulk.RunStore.at(runsDir)

        expect:
        !WriteGate.OPEN.holdsWrites()
        !guard().holdsWrites()
        dry.holdsWrites()
        plain.withWriteGate(dry).agents().gate().holdsWrites()
        new io.cnsh.bulk.CodeJournal(dry, store, plain, '-e', { }).holdsWrites()
        !new io.cnsh.bulk.CodeJournal(guard(), store, plain, '-e', { }).holdsWrites()
    }

    def "the gate sees a write of 40 agents whole, once, before its first batch"() {
        given:
        List<PendingWrite> seen = []
        List<Integer> updatesBefore = []
        ContactNow cn = plain.withWriteGate({ PendingWrite w ->
            seen << w
            updatesBefore << log.count { it.operation() == 'agents/update' }
            WriteGate.Verdict.SEND
        } as WriteGate)

        when:
        cn.agents().update(patches(40))

        then:
        seen.size() == 1
        seen[0].updates().size() == 40
        seen[0].verb() == 'update'
        updatesBefore == [0]
        log.count { it.operation() == 'agents/update' } == 4
        changed() == 40
    }

    def "a gate that holds a write back sends nothing and answers that no record was written"() {
        given:
        ContactNow cn = plain.withWriteGate({ PendingWrite w -> WriteGate.Verdict.HOLD } as WriteGate)

        when:
        def result = cn.agents().update(patches(3))

        then:
        result.total() == 0
        result.bad() == 0
        log.every { it.operation() != 'agents/update' }
        changed() == 0
    }

    def "a gate set on the builder guards every client it builds, and the plain client stays open"() {
        given:
        ContactNow capped = ContactNow.builder().baseUrl(server.baseUri()).credentials('demo', 'demo')
                .writeGate(guard(max: 0)).build()

        when:
        capped.agents().update(patches(1))

        then:
        def e = thrown(WriteRefusedException)
        e.message == 'nothing sent: the update of 1 agent would take this command to 1 agents written, past --max-changes 0'
        changed() == 0

        when:
        plain.agents().update(patches(1))

        then:
        changed() == 1
    }

    def "on production a list write over 25 agents with nobody to ask is refused whole"() {
        given:
        ContactNow cn = plain.withWriteGate(guard(production: true))

        when:
        cn.agents().update(patches(26))

        then:
        thrown(WriteRefusedException)
        changed() == 0
        questions == ['update 26 agents on the production account prod? [y/N] ']
    }

    def "a write of 25 agents on production asks nothing"() {
        given:
        ContactNow cn = plain.withWriteGate(guard(production: true))

        when:
        cn.agents().update(patches(25))

        then:
        questions.isEmpty()
        changed() == 25
    }

    def "creates count one each, updates one per distinct agentid: #what"() {
        given:
        ChangeGuard g = guard(max: 100)
        ContactNow cn = plain.withWriteGate(g)

        when:
        writes.call(cn)

        then:
        g.count() == count

        where:
        what                                   | writes                                                                                   || count
        'the same agent updated three times'   | { ContactNow c -> 3.times { c.agents().update(patches(1)) } }                            || 1
        'one list naming an agent twice'       | { ContactNow c -> c.agents().update(patches(2) + patches(2, 'y')) }                      || 2
        'two creates of the same name'         | { ContactNow c -> 2.times { c.agents().create(Agent.of(name: 'Twin')) } }               || 2
        'a create and two updates'             | { ContactNow c -> c.agents().create(Agent.of(name: 'New')); c.agents().update(patches(2)) } || 3
    }

    def "announced writes ask once up front, and their batches ask nothing more"() {
        given:
        ChangeGuard g = guard(production: true, Confirmer.Answer.YES)
        ContactNow cn = plain.withWriteGate(g)
        List<Agent> creates = (1..30).collect { Agent.of(name: "Bulk $it", username: "bulk$it") }

        when:
        cn.agents().announce(creates, patches(40))
        cn.agents().update(patches(40))
        creates.collate(10).each { cn.agents().create(it) }

        then:
        questions == ['create and update 70 agents on the production account prod? [y/N] ']
        g.count() == 70
    }

    def "an announcement past --max-changes is refused before anything is sent"() {
        given:
        ContactNow cn = plain.withWriteGate(guard(max: 39, yes: true))

        when:
        cn.agents().announce([], patches(40))

        then:
        def e = thrown(WriteRefusedException)
        e.message.endsWith('past --max-changes 39')
        log.every { it.operation() != 'agents/update' }
    }

    def "a refusal latches until the next command starts"() {
        given:
        ChangeGuard g = guard(max: 1)
        ContactNow cn = plain.withWriteGate(g)

        when:
        try {
            cn.agents().update(patches(2))
        } catch (WriteRefusedException ignored) {
        }
        cn.agents().update(patches(1))

        then:
        def e = thrown(WriteRefusedException)
        e.message == 'nothing sent: this command had a write refused already (the update of 2 agents would take' +
                ' this command to 2 agents written, past --max-changes 1)'
        g.refusal() == 'the update of 2 agents would take this command to 2 agents written, past --max-changes 1'
        changed() == 0

        when:
        g.startCommand()
        cn.agents().update(patches(1))

        then:
        g.refusal() == null
        changed() == 1
    }

    def "a stopped command refuses every write, and that is not a refusal of the guard's own"() {
        given:
        ChangeGuard g = guard()
        ContactNow cn = plain.withWriteGate(g)
        g.stop('the script called exit 4; nothing is written after exit')

        when:
        cn.agents().create(Agent.of(name: 'After Exit'))

        then:
        def e = thrown(WriteRefusedException)
        e.message == 'nothing sent: the script called exit 4; nothing is written after exit'
        g.refusal() == null
        log.every { it.operation() != 'agents/create' }
    }

    def "--max-changes below 0 cannot be configured"() {
        when:
        new ChangeGuard.Options(false, -1)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == '--max-changes must be a whole number of 0 or more, got -1'
    }
}
