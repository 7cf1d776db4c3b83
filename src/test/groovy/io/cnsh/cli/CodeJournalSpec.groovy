package io.cnsh.cli

import com.fasterxml.jackson.databind.ObjectMapper
import io.cnsh.RunNotice
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * Writes from code ({@code -e}, {@code run FILE}, the shell) are journaled in {@code $CNSH_HOME/runs} as
 * runs of kind {@code code}: before-values where the agent was read earlier, {@code before_known: false}
 * where not, the agentid of a create, no journal without a write, never a secret. In-process, against the
 * embedded sandbox of a temporary {@code CNSH_HOME}.
 */
class CodeJournalSpec extends Specification {

    static final ObjectMapper JSON = new ObjectMapper()

    @TempDir
    Path home

    @TempDir
    Path dir

    def "an -e update after a read in the same code journals the before-values of the changed fields"() {
        when:
        def r = cnsh('-e', "def a = agents < read username: 'gokafor' >\nagents < update agentid: a[0].agentid, userfield: 'Moved', moh: 'none' >")

        then:
        r.code == 0
        def events = onlyJournal()
        events*.event == ['start', 'write', 'outcome', 'end']
        events[0].kind == 'code'
        events[0].source == '-e'
        events[0].username == 'demo'
        events[0].target.startsWith('http')
        def rec = events[1].records[0]
        events[1].action == 'update'
        rec.fields == [userfield: 'Moved', moh: 'none']
        rec.before_known == true
        rec.before.keySet() == ['userfield', 'moh'] as Set
        rec.before.userfield != 'Moved'
        events[2].status == 'success'
        events[3].status == 'complete'
    }

    def "an -e update of an agent not read before journals before_known false"() {
        when:
        def r = cnsh('-e', "agents < update agentid: 550004, moh: 'none' >")

        then:
        r.code == 0
        r.out == 'updated 1 agent\n'
        def rec = onlyJournal()[1].records[0]
        rec.agentid == '550004'
        rec.before_known == false
        !rec.containsKey('before')
    }

    def "a create journals the new agentid, and its pin only masked"() {
        when:
        def r = cnsh('-e', "agents < create name: 'Joe Journal', pin: '918273' >")

        then:
        r.code == 0
        def events = onlyJournal()
        events[1].action == 'create'
        events[1].records[0].fields.pin == '****'
        events[2].agentid == r.out.trim()
        !journalText().contains('918273')
    }

    def "a pin set by an update is never in the journal, nor its old value"() {
        when:
        def r = cnsh('-e', "def a = agents < read agentid: 550004 >\nagents < update agentid: 550004, pin: '564738' >\na[0].pin")

        then:
        r.code == 0
        def rec = onlyJournal()[1].records[0]
        rec.fields == [pin: '****']
        rec.before == [:]
        !journalText().contains('564738')
    }

    def "code that only reads leaves no journal and no runs directory entry"() {
        when:
        def r = cnsh('-e', '(agents < read >).size()')

        then:
        r.code == 0
        journals().isEmpty()
    }

    def "a run FILE journals every write of the script as one run, owner-only"() {
        given:
        Path script = dir.resolve('two.groovy')
        Files.writeString(script, "agents < update agentid: 550004, moh: 'none' >\nagents < update agentid: 550005, moh: 'none' >\n")

        when:
        def r = cnsh('run', script.toString())

        then:
        r.code == 0
        journals().size() == 1
        def events = onlyJournal()
        events[0].source == "run ${script}".toString()
        events.findAll { it.event == 'write' }*.records*.agentid.flatten() == ['550004', '550005']
        PosixFilePermissions.toString(Files.getPosixFilePermissions(journals()[0])) == 'rw-------'
    }

    def "the run id is said on stderr when the first write is sent, never on stdout"() {
        when:
        def r = cnsh('--debug', '-e', "agents < update agentid: 550004, moh: 'none' >")
        String id = journals()[0].fileName.toString() - '.jsonl'

        then:
        r.code == 0
        r.err.readLines().count { it == "cnsh: writes journaled as run ${id}".toString() } == 1
        !r.out.contains(id)
    }

    def "without --debug or a terminal, a command with two writes says its run id once, on stderr only; reads say nothing"() {
        given:
        Path reads = dir.resolve('reads.groovy')
        Files.writeString(reads, "println((agents < read auth_level: 'admin' >).size())\n")

        when:
        def read = cnsh('-o', 'json', '-e', "agents < read auth_level: 'admin' >")
        def script = cnsh('run', reads.toString())
        def two = cnsh('-o', 'json', '-e', "agents < update agentid: 550004, moh: 'none' >\nagents < update agentid: 550005, moh: 'none' >")
        String id = journals()[0].fileName.toString() - '.jsonl'

        then: 'reads leave stderr empty'
        read.code == 0
        read.err == ''
        JSON.readValue(read.out, List).size() == 2
        script.code == 0
        script.out == '2\n'
        script.err == ''

        and: 'two writes say the one run id once, and only on stderr'
        two.code == 0
        journals().size() == 1
        RunNotice.onlyIn(two.err, home) == id
        !two.out.contains(id)
        !two.out.contains('journaled')

        and: 'stdout is still the JSON of the last write'
        JSON.readValue(two.out, Map).subMap('success', 'total') == [success: true, total: 1]
    }

    List<Path> journals() {
        Path runs = home.resolve('runs')
        Files.isDirectory(runs) ? Files.list(runs).withCloseable { s -> s.filter { it.toString().endsWith('.jsonl') }.toList() } : []
    }

    String journalText() {
        Files.readString(journals()[0])
    }

    List<Map> onlyJournal() {
        assert journals().size() == 1
        journalText().readLines().collect { JSON.readValue(it, Map) }
    }

    ScriptCliSpec.Result cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: home.toString()], new PrintWriter(out), new PrintWriter(err), args)
        new ScriptCliSpec.Result(code, out.toString(), err.toString())
    }
}
