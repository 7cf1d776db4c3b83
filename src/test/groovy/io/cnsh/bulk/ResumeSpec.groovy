package io.cnsh.bulk

import com.fasterxml.jackson.databind.JsonNode
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

class ResumeSpec extends Specification {

    static final List<String> USERS = ['gokafor', 'dwhitfield', 'akarimi', 'mbell', 'obrennan', 'cnakamura',
                                       'sadeyemi', 'ecarter', 'rmenon', 'hkowalski', 'loconnor', 'srossi']

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    def csv() {
        cnsh.file('moves.csv', 'username,userfield\n' + USERS.collect { "${it},Relocated" }.join('\n') + '\n')
    }

    Bulk bulk(Progress progress = Progress.none()) {
        Bulk.builder(cnsh.client).runs(RunStore.at(cnsh.runs)).batchSize(2).progress(progress).build()
    }

    /** A progress display that holds the applying thread once {@code rows} are done, until it is interrupted. */
    static Progress holdAfter(int rows, CountDownLatch reached) {
        CountDownLatch never = new CountDownLatch(1)
        [start : { String task, long total -> },
         update: { long done, long bad ->
             if (done == rows) {
                 reached.countDown()
                 try {
                     never.await()
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt()
                 }
             }
         },
         finish: { -> }] as Progress
    }

    /** Runs the apply on its own thread and interrupts that thread once {@code rows} rows are done. */
    RunResult interruptedApply(int rows) {
        def reached = new CountDownLatch(1)
        def b = bulk(holdAfter(rows, reached))
        def plan = b.planUpdate(csv())
        RunResult result = null
        Thread worker = Thread.start('bulk-apply') { result = b.apply(plan) }
        assert reached.await(60, TimeUnit.SECONDS)
        worker.interrupt()
        worker.join(60_000)
        assert !worker.alive
        result
    }

    static List<JsonNode> events(RunResult r) {
        Journal.read(r.run().journal())
    }

    static List<Integer> sentRows(RunResult r) {
        events(r).findAll { it.path('event').asText() == 'batch' }.collectMany { e -> e.path('rows')*.asInt() }
    }

    def "an apply interrupted after two batches stops with a partial journal, and a resume applies every other row exactly once"() {
        given:
        cnsh.faults.latency(Duration.ofMillis(15), Duration.ZERO)

        when:
        def first = interruptedApply(4)

        then: 'the run stopped: two batches done, the rest pending, and the journal says so'
        first.stopped()
        first.stopReason() == 'interrupted'
        first.exitCode() == 1
        first.count(RowStatus.UPDATED) == 4
        first.count(RowStatus.PENDING) == 8
        sentRows(first) == [2, 3, 4, 5]
        events(first).last().path('event').asText() == 'end'
        events(first).last().path('status').asText() == 'stopped'
        cnsh.agentsWhere(userfield: 'Relocated').size() == 4
        CsvTable.read(first.run().results()).rows()*.get('status').countBy { it } == [updated: 4, pending: 8]
        first.lines().last() == "The run stopped early (interrupted); resume it with --resume ${first.runId()}".toString()

        when:
        def second = bulk().resume(first.runId())

        then: 'every row is applied, each one sent once over both runs'
        second.exitCode() == 0
        second.count(RowStatus.UPDATED) == 12
        cnsh.agentsWhere(userfield: 'Relocated')*.username().sort() == USERS.sort()
        cnsh.written('agents/update') == 12
        sentRows(second).sort() == (2..13).toList()
        sentRows(second).size() == 12
        events(second)*.path('event')*.asText().count('resume') == 1
        CsvTable.read(second.run().results()).rows()*.get('status').every { it == 'updated' }
    }

    def "a crash after the server applied a batch but before the journal recorded it resends nothing"() {
        given: 'a run stopped after three batches, whose journal then loses everything after the third was sent'
        def first = interruptedApply(6)
        def lines = Files.readAllLines(first.run().journal())
        int third = lines.findIndexOf { it.contains('"event":"batch"') && it.contains('"batch":3,') }
        Files.write(first.run().journal(), lines.subList(0, third + 1).collect { it + '\n' }.join().getBytes('UTF-8'))
        assert cnsh.written('agents/update') == 6

        when:
        def second = bulk().resume(first.runId())

        then: 'rows 6 and 7 were found applied on the live agents; only the last six rows were sent'
        second.count(RowStatus.UPDATED) == 12
        cnsh.written('agents/update') == 12
        events(second).findAll { it.path('event').asText() == 'batch' }.last().path('rows')*.asInt() == [12, 13]
        events(second).findAll { it.path('event').asText() == 'batch' }*.path('rows').collectMany { it*.asInt() }.count(6) == 1
    }

    def "a journal whose last line was cut short by a crash can still be resumed"() {
        given:
        def first = interruptedApply(2)
        Files.writeString(first.run().journal(), '{"event":"row","at":"2025', java.nio.file.StandardOpenOption.APPEND)

        when:
        def second = bulk().resume(first.runId())

        then:
        second.count(RowStatus.UPDATED) == 12
        cnsh.written('agents/update') == 12
    }

    def "resuming a finished run sends nothing"() {
        given:
        def b = bulk()
        def first = b.apply(b.planUpdate(csv()))
        def writes = cnsh.written('agents/update')

        when:
        def again = b.resume(first.runId())

        then:
        again.count(RowStatus.UPDATED) == 12
        again.sent() == 0
        cnsh.written('agents/update') == writes
    }

    def "a resume refuses #what"() {
        given:
        def first = interruptedApply(2)
        change(first)

        when:
        bulk().resume(id ?: first.runId())

        then:
        def e = thrown(BulkException)
        e.message.contains(message)
        cnsh.written('agents/update') == 2

        where:
        what                           | change                                                       | id                             || message
        'a CSV changed since the run'  | { RunResult r -> cnsh.file('moves.csv', 'username,userfield\ngokafor,Elsewhere\n') } | null || 'moves.csv changed since run'
        'an unknown run id'            | { RunResult r -> }                                           | 'update-20200101-000000-abcd'  || 'no run update-20200101-000000-abcd in'
        'a malformed run id'           | { RunResult r -> }                                           | '../../etc/passwd'             || "'../../etc/passwd' is not a run id"
    }

    def "a run being applied by another process cannot be resumed at the same time"() {
        given:
        def first = interruptedApply(2)
        def held = Journal.open(first.run().journal(), java.time.Clock.systemUTC())

        when:
        bulk().resume(first.runId())

        then:
        def e = thrown(BulkException)
        e.message == "run ${first.runId()}.jsonl is being applied by another cnsh process".toString()

        cleanup:
        held?.close()
    }
}
