package io.cnsh.cli

import com.fasterxml.jackson.databind.ObjectMapper
import io.cnsh.RunNotice
import io.cnsh.SpecResources
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.ResourceLock
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * Journals of writes from code in cnsh processes of their own on a loopback sandbox: a shell session is one
 * run over all its inputs; a journal that cannot be written (the file-size limit of {@code ulimit -f}, as
 * {@code bulk/FullDiskSpec} simulates a full disk) refuses the write, so nothing is sent unjournaled.
 */
@ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'starts cnsh processes')
class CodeJournalChildSpec extends Specification {

    static final ObjectMapper JSON = new ObjectMapper()

    @Shared @AutoCleanup
    SandboxFixture sandbox = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path dir

    def setup() {
        sandbox.reset()
        if (Files.isDirectory(sandbox.runs)) {
            Files.list(sandbox.runs).withCloseable { s -> s.toList() }.each { Files.delete(it) }
        }
    }

    def "a shell session journals the writes of several inputs as one run"() {
        given:
        String input = "def a = agents < read agentid: 550004 >\n" +
                "agents < update agentid: 550004, moh: 'first' >\n" +
                "agents < update agentid: 550005, moh: 'second' >\n" +
                "agents < create name: 'Shell Made' >\n"

        when:
        def child = ChildCnsh.start(sandbox, dir, [])
        child.process.outputStream.withStream { it.write(input.getBytes('UTF-8')) }
        int code = child.waitFor()

        then:
        code == 0
        journals().size() == 1
        def events = events(journals()[0])
        events[0].kind == 'code'

        and: 'the piped session says its run id once, on stderr; stdout holds the values only'
        RunNotice.only(child.err) == journals()[0].fileName.toString() - '.jsonl'
        !RunNotice.normalised(child.out).contains(RunNotice.TOKEN)
        !child.out.contains('journaled')

        and:
        events[0].source == 'shell'
        def writes = events.findAll { it.event == 'write' }
        writes*.action == ['update', 'update', 'create']
        writes[0].records[0].before == [moh: 'default']
        writes[1].records[0].before_known == false
        events.findAll { it.event == 'outcome' }*.status == ['success', 'success', 'success']
        events.find { it.event == 'outcome' && it.write == 3 }.agentid == sandbox.agent(name: 'Shell Made').agentid().toString()
        events.last().event == 'end'
        sandbox.agent(agentid: '550005').moh() == 'second'
    }

    def "a journal that cannot take a code write refuses it: nothing is sent, one line says why"() {
        given: 'a file-size limit smaller than the journal event of an update of every agent'
        int limitKb = 2

        when:
        def child = ChildCnsh.start(sandbox, dir, ['-e', "(agents < read >).update(userfield: 'Journaled')"], limitKb)
        int code = child.waitFor()

        then:
        code != 0
        child.err.readLines().size() == 2
        RunNotice.isNotice(child.err.readLines()[0]) // the run was opened (its start event written) before the write failed
        child.err.readLines()[1].contains('cannot write the journal')
        child.err.contains('cannot write the journal')
        child.err.contains('file too large')
        !child.err.contains('\tat ')
        sandbox.written('agents/update') == 0
        sandbox.agentsWhere(userfield: 'Journaled').isEmpty()

        and: 'the journal holds whole lines only, and no write'
        journals().size() == 1
        events(journals()[0])*.event == ['start']
    }

    List<Path> journals() {
        Files.isDirectory(sandbox.runs) ? Files.list(sandbox.runs).withCloseable { s -> s.filter { it.toString().endsWith('.jsonl') }.toList() } : []
    }

    static List<Map> events(Path journal) {
        String text = Files.readString(journal)
        assert text.isEmpty() || text.endsWith('\n')
        text.readLines().collect { JSON.readValue(it, Map) }
    }
}
