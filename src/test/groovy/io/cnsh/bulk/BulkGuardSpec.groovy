package io.cnsh.bulk

import io.cnsh.client.ChangeGuard
import io.cnsh.client.Confirmer
import io.cnsh.client.WriteRefusedException
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/**
 * The bulk engine behind a {@link ChangeGuard}: a run the guard stops half-way ends with a journal
 * that says so and sends nothing more, and its resume asks (or is refused) once, up front, for the
 * rows still to send. The sandbox holds the 40 demo agents; the CSV sets moh 'x' on each, 10 a batch.
 */
class BulkGuardSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    List<String> questions = []

    def setup() {
        cnsh.reset()
    }

    private ChangeGuard guard(boolean production, Confirmer.Answer answer) {
        ChangeGuard g = ChangeGuard.builder().production(production).target('prod')
                .confirmer({ String q -> questions << q; answer } as Confirmer).build()
        g.startCommand()
        g
    }

    private Bulk bulk(ChangeGuard guard, Progress progress = Progress.none()) {
        Bulk.builder(cnsh.client.withWriteGate(guard)).runs(RunStore.at(cnsh.runs)).batchSize(10).progress(progress).build()
    }

    private int changed() {
        cnsh.readAll().count { it.moh() == 'x' } as int
    }

    def "a run stopped by the guard half-way keeps a journal that says so, and its resume asks once for the 30 rows left"() {
        given: 'a run whose guard is stopped once its first batch is done'
        ChangeGuard first = guard(false, Confirmer.Answer.NO_TERMINAL)
        Progress stopAfterTen = [start : { String task, long total -> },
                                 update: { long done, long bad -> if (done == 10) first.stop('stopped for this spec') },
                                 finish: { -> }] as Progress
        String csv = 'agentid,moh\n' + cnsh.readAll().collect { "${it.agentid()},x" }.join('\n') + '\n'
        Bulk stopping = bulk(first, stopAfterTen)
        Plan plan = stopping.planUpdate(cnsh.file('all.csv', csv))

        when:
        stopping.apply(plan)

        then:
        def e = thrown(WriteRefusedException)
        e.message == 'nothing sent: stopped for this spec'
        changed() == 10
        String runId = RunStore.at(cnsh.runs).ids()[0]
        def end = Journal.read(RunStore.at(cnsh.runs).open(runId).journal()).find { it.path('event').asText() == 'end' }
        end.path('status').asText() == 'stopped'

        when: 'it is resumed on production with nobody to ask'
        bulk(guard(true, Confirmer.Answer.NO_TERMINAL)).resume(runId)

        then: 'the 30 rows left are refused before any is sent'
        thrown(WriteRefusedException)
        questions == ['update 30 agents on the production account prod? [y/N] ']
        changed() == 10

        when: 'it is resumed with a yes'
        questions.clear()
        RunResult done = bulk(guard(true, Confirmer.Answer.YES)).resume(runId)

        then: 'asked once, before the first batch'
        questions == ['update 30 agents on the production account prod? [y/N] ']
        done.exitCode() == 0
        changed() == 40
    }
}
