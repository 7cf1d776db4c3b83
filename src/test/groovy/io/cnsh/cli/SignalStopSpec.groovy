package io.cnsh.cli

import com.fasterxml.jackson.databind.ObjectMapper
import io.cnsh.SpecResources
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.ResourceLock
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/** SIGINT and SIGTERM stop {@code cnsh run} and {@code cnsh -e} the way Ctrl-C stops the shell's {@code /load}. */
@ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'signals cnsh processes while they work')
class SignalStopSpec extends Specification {

    static final String SCRIPT = 'scripts/bulk-update.groovy'
    static final ObjectMapper JSON = new ObjectMapper()

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path dir

    ChildCnsh child

    def setup() {
        cnsh.reset()
    }

    def cleanup() {
        child?.destroy()
    }

    /** A change to every live agent, keyed by agentid. */
    Path changes() {
        def ids = cnsh.readAll().findAll { !it.isDeleted() }*.agentid()
        cnsh.file('stop.csv', 'agentid,userfield\n' + ids.collect { "${it},Stopped" }.join('\n') + '\n')
    }

    List<Map> events(String id) {
        Files.readAllLines(cnsh.runs.resolve(id + '.jsonl')).collect { JSON.readValue(it, Map) }
    }

    def "SIG#signal during cnsh run of a bulk apply journals the end, writes the results, prints the resume command and exits #code; the resume sends each other row once"() {
        given: 'a sandbox that takes a second per request: on a machine at load 20 the JVM may handle the signal seconds after kill, and the run must still be going then'
        def csv = changes()
        int rows = Files.readAllLines(csv).size() - 1
        cnsh.faults.latency(Duration.ofSeconds(1), Duration.ZERO)
        child = ChildCnsh.start(cnsh, dir, ['run', SCRIPT, csv.toString(), '--apply', '--batch-size', '1'])

        when: 'the signal comes once three batches have been answered and the next one is at the sandbox'
        new PollingConditions(timeout: 60, delay: 0.01).eventually {
            assert cnsh.requests('agents/update').size() >= 3
            assert cnsh.faults.held() == 1
        }
        child.signal(signal)
        int exit = child.waitFor()
        List<String> err = child.err.readLines()
        String id = (child.err =~ /Started run (update-\S+);/)[0][1]
        def results = Files.readAllLines(cnsh.runs.resolve(id + '.results.csv'))*.split(',')*.getAt(2)

        then: 'the run id and its files were on err before the first batch'
        err.findIndexOf { it.startsWith("Started run ${id}; if it stops, resume it with --resume ${id}") } <
                err.findIndexOf { it == "update: ${rows} rows to send".toString() }
        err.contains("  journal ${cnsh.runs.resolve(id + '.jsonl')}, results ${cnsh.runs.resolve(id + '.results.csv')}".toString())

        and: 'a clean stop: exit code, end event, results CSV, resume hint, no stack trace'
        exit == code
        err.contains("cnsh: SIG${signal}: stopping after the request in flight (again to quit at once)".toString())
        child.out.readLines().contains("The run stopped early (interrupted); resume it with --resume ${id}".toString())
        events(id).last().event == 'end'
        events(id).last().status == 'stopped'
        int updated = cnsh.written('agents/update')
        updated >= 3 && updated < rows
        results[0] == 'status'
        results.drop(1).every { it in ['updated', 'pending'] }

        and: 'the batch in flight was finished or abandoned: at most that one row is pending though the server has it'
        results.count('updated') in [updated - 1, updated]
        !child.err.contains('\tat ') && !child.err.contains('Exception')

        when: 'resumed at full speed, once the sandbox has finished the write the stopped run gave up on'
        cnsh.faults.clear()
        new PollingConditions(timeout: 30, delay: 0.05).eventually {
            assert cnsh.inFlight == 0
        }
        def resumed = cnsh.run(SCRIPT, '--resume', id)

        then: 'every row is done, and no row was sent twice'
        resumed.exitCode == 0
        resumed.out.contains("Applied run ${id}: ${rows} updated.")
        cnsh.written('agents/update') == rows
        def sent = events(id).findAll { it.event == 'batch' }.collectMany { it.rows }
        sent.size() == rows
        sent.toSet().size() == rows
        cnsh.agentsWhere(userfield: 'Stopped').size() == rows

        where:
        signal | code
        'INT'  | 130
        'TERM' | 143
    }

    def "SIGINT during cnsh -e stops the code with one line and exit 130"() {
        given:
        child = ChildCnsh.start(cnsh, dir, ['-e', "err.println 'ready'; err.flush(); Thread.sleep(60_000); 'not reached'"])
        new PollingConditions(timeout: 60, delay: 0.1).eventually {
            assert child.err.contains('ready')
        }

        when:
        child.signal('INT')
        int exit = child.waitFor()

        then:
        exit == 130
        child.err.readLines()[1] == 'cnsh: SIGINT: stopping after the request in flight (again to quit at once)'
        child.err.readLines().size() == 3
        child.err.readLines()[2].startsWith('cnsh: stopped')
        !child.out.contains('not reached')
    }
}
