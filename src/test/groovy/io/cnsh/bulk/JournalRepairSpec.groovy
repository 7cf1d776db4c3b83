package io.cnsh.bulk

import com.fasterxml.jackson.databind.ObjectMapper
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import java.time.Clock
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/** A journal keeps whole lines only: a torn last line is set aside, and a resume never appends onto it. */
class JournalRepairSpec extends Specification {

    static final ObjectMapper JSON = new ObjectMapper()
    static final List<String> USERS = ResumeSpec.USERS

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path dir

    def setup() {
        cnsh.reset()
    }

    Path csv() {
        cnsh.file('moves.csv', 'username,userfield\n' + USERS.collect { "${it},Relocated" }.join('\n') + '\n')
    }

    Bulk bulk(Progress progress = Progress.none()) {
        Bulk.builder(cnsh.client).runs(RunStore.at(cnsh.runs)).batchSize(2).progress(progress).build()
    }

    /** Runs {@code work} on its own thread and interrupts it once {@code rows} rows of it are done. */
    static RunResult interrupted(int rows, Closure<RunResult> work) {
        def reached = new CountDownLatch(1)
        RunResult result = null
        Thread worker = Thread.start('bulk-apply') { result = work(ResumeSpec.holdAfter(rows, reached)) }
        assert reached.await(60, TimeUnit.SECONDS)
        worker.interrupt()
        worker.join(60_000)
        assert !worker.alive
        result
    }

    /** Every line of the file is one whole event and the file ends with a line break. */
    static boolean wholeLines(Path journal) {
        String text = Files.readString(journal)
        text.endsWith('\n') && text.readLines().every { JSON.readTree(it).path('event').isTextual() }
    }

    static List<Integer> sentRows(Path journal) {
        Journal.read(journal).findAll { it.path('event').asText() == 'batch' }.collectMany { e -> e.path('rows')*.asInt() }
    }

    def "a journal with a torn tail resumes to completion twice in a row, and a resume stopped again resumes"() {
        given: 'a run stopped after two rows, whose journal then ends in half a line, as after a crash mid-write'
        def b = bulk()
        def plan = b.planUpdate(csv())
        def first = interrupted(2) { Progress p -> bulk(p).apply(plan) }
        def journal = first.run().journal()
        Files.writeString(journal, '{"event":"row","at":"2026-11-30T12:0', StandardOpenOption.APPEND)

        when: 'a resume is stopped in turn after two more rows, and it too is cut mid-line'
        def second = interrupted(2) { Progress p -> bulk(p).resume(first.runId()) }
        Files.writeString(journal, '{"event":"batch","batch":9,"rows":[1', StandardOpenOption.APPEND)

        then: 'the resume never wrote onto the fragment; it continued on a line of its own'
        second.stopped()
        second.count(RowStatus.UPDATED) == 4

        when: 'resumed again, and once more after it finished'
        def third = bulk().resume(first.runId())
        def fourth = bulk().resume(first.runId())

        then: 'every row was sent exactly once over all runs'
        third.exitCode() == 0
        third.count(RowStatus.UPDATED) == 12
        fourth.exitCode() == 0
        fourth.sent() == 0
        cnsh.written('agents/update') == 12
        sentRows(journal).sort() == (2..13).toList()
        cnsh.agentsWhere(userfield: 'Relocated')*.username().sort() == USERS.sort()

        and: 'the journal holds whole lines only; both fragments were set aside beside it'
        wholeLines(journal)
        Files.readAllLines(journal.resolveSibling(journal.fileName.toString() + '.torn')) ==
                ['{"event":"row","at":"2026-11-30T12:0', '{"event":"batch","batch":9,"rows":[1']
        CsvTable.read(first.run().results()).rows()*.get('status').every { it == 'updated' }
    }

    def "opening a journal #what"() {
        given:
        def file = dir.resolve('update-20261130-120000-abcd.jsonl')
        Files.write(file, bytes as byte[])

        when:
        def journal = Journal.open(file, Clock.systemUTC())
        journal.write('note', [n: 1])
        journal.close()

        then:
        Files.readAllLines(file)*.with { JSON.readTree(it).path('event').asText() } == events
        Files.exists(file.resolveSibling(file.fileName.toString() + '.torn')) == setAside
        (journal.repair()?.startsWith("the journal's last line was cut short") ?: false) == setAside

        where:
        what                                                         | bytes                                                              || events                  | setAside
        'that ends in half a line sets the half aside'               | '{"event":"start"}\n{"event":"row","at":"20'.getBytes('UTF-8')     || ['start', 'note']       | true
        'whose last event lost only its line break keeps the event'  | '{"event":"start"}\n{"event":"row"}'.getBytes('UTF-8')             || ['start', 'row', 'note'] | false
        'that ends inside a two-byte character sets the half aside'  | '{"event":"start"}\n{"event":"row","error":"José'.getBytes('UTF-8')[0..-2] || ['start', 'note'] | true
        'that holds only half a line keeps no line of it'            | '{"event":"sta'.getBytes('UTF-8')                                  || ['note']                | true
        'that is whole is left as it is'                             | '{"event":"start"}\n'.getBytes('UTF-8')                            || ['start', 'note']       | false
    }

    def "a journal that an older cnsh appended onto a torn line is read from where each whole event starts"() {
        given: 'a fragment with a whole event glued to it, then more events'
        def file = dir.resolve('update-20261130-120000-abcd.jsonl')
        Files.writeString(file, '{"event":"start"}\n{"event":"row","at":"2025{"event":"resume","rows_done":2}\n{"event":"end"}\n')

        expect:
        Journal.read(file)*.path('event')*.asText() == ['start', 'resume', 'end']
    }

    def "a damaged line that does not end in a whole event is still refused with its line number"() {
        given:
        def file = dir.resolve('update-20261130-120000-abcd.jsonl')
        Files.writeString(file, '{"event":"start"}\nnot json at all\n{"event":"end"}\n')

        when:
        Journal.read(file)

        then:
        def e = thrown(BulkException)
        e.message == "the journal ${file} is damaged at line 2; it cannot be resumed".toString()
    }

    def "the OS reason for a failed file operation is named in words: #reason"() {
        expect:
        RunFiles.reason(exception) == reason

        where:
        exception                                                                             || reason
        new java.nio.file.AccessDeniedException('/r/a.jsonl')                                 || 'permission denied'
        new FileNotFoundException('/r/a.jsonl (Permission denied)')                           || 'permission denied'
        new IOException('No space left on device')                                            || 'no space left on device'
        new IOException('File too large')                                                     || 'file too large'
        new java.nio.file.FileSystemException('/r/a.jsonl', null, 'Read-only file system')    || 'read-only file system'
        new java.nio.file.NoSuchFileException('/r/a.jsonl')                                   || 'no such file or directory'
    }
}
