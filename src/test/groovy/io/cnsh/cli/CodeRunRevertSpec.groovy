package io.cnsh.cli

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
 * {@code cnsh runs revert ID} of a run of writes from code ({@code -e}, {@code run FILE}, the shell):
 * each agent goes back to what it had before the run's first write to it, fields whose value before
 * was not known are named and left, a create that succeeded is marked deleted, a change made since is
 * a conflict. Against a loopback sandbox whose request log shows what was sent.
 */
class CodeRunRevertSpec extends Specification {

    static final String THREE = "(agents < read selfserve_id: 3104 >).where(username: { it in ['mbell', 'lgoldberg', 'jwashington'] })"

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path dir

    def setup() {
        cnsh.reset()
    }

    def "an -e update of a list read before: the plan shows the three rows back and sends nothing, --apply restores them"() {
        given:
        def before = everyone()
        def run = cnsh_("-e", "${THREE}.update(userfield: 'Moved', moh: 'jazz')")
        def id = onlyCodeRun()
        def updates = cnsh.requests('agents/update').size()

        expect:
        run.code == Main.OK
        before['550006'].userfield == 'Renewals'

        when:
        def plan = cnsh_('runs', 'revert', id)

        then:
        plan.code == Main.CHANGES
        plan.out.readLines()[0] == "Revert of run ${id}: 3 applied rows".toString()
        plan.out.readLines().count { it.startsWith('~ row ') } == 3
        plan.out.contains('~ row 2: agent 550006 mbell (Marcus Bell)')
        plan.out.contains("userfield  'Moved' -> 'Renewals'")
        plan.out.contains("moh        'jazz' -> ")
        !plan.out.contains('cannot be taken back')
        cnsh.requests('agents/update').size() == updates

        when:
        def apply = cnsh_('runs', 'revert', id, '--apply')

        then:
        apply.code == Main.OK
        everyone() == before
    }

    def "an update of an agent not read before cannot be taken back; the rest of the run is"() {
        given:
        def before = everyone()
        cnsh_('-e', "agents < update agentid: 550004, moh: 'blind' >\n" +
                "def g = agents < read username: 'gokafor' >\ng.update(userfield: 'Read first')")
        def id = onlyCodeRun()

        when:
        def plan = cnsh_('runs', 'revert', id)

        then:
        plan.code == Main.CHANGES
        plan.out.contains("  note: agent 550004 dwhitfield: moh cannot be taken back (its value before run ${id} is not known: the agent had not been read before it was changed)")
        plan.out.contains("userfield  'Read first' -> 'Team North'")
        !plan.out.contains("'blind' ->")

        when:
        def apply = cnsh_('runs', 'revert', id, '--apply')

        then:
        apply.code == Main.OK
        cnsh.agent(agentid: '550003').get('userfield') == 'Team North'
        cnsh.agent(agentid: '550004').get('moh') == 'blind'
        everyone().findAll { k, v -> k != '550004' } == before.findAll { k, v -> k != '550004' }
    }

    def "a create from -e is taken back by marking exactly that agent deleted"() {
        given:
        def run = cnsh_('-e', "agents < create name: 'Joe Revert', username: 'jrevert', pin: '918273' >")
        def created = run.out.trim()
        def id = onlyCodeRun()
        def others = everyone().findAll { k, v -> k != created }

        when:
        def apply = cnsh_('runs', 'revert', id, '--apply')

        then:
        apply.code == Main.OK
        apply.out.contains("filter")
        cnsh.agent(agentid: created).get('filter') == '999'
        everyone().findAll { k, v -> k != created } == others
        !apply.out.contains('918273') && !apply.err.contains('918273')
    }

    def "a create whose answer was lost is never touched, only noted"() {
        given:
        cnsh.faults.nextLostResponses(1)
        def run = cnsh_('-e', "agents < create name: 'Jo Lost', username: 'jlost' >")
        def id = onlyCodeRun()
        def created = cnsh.agent(username: 'jlost')
        def updates = cnsh.requests('agents/update').size()

        expect:
        run.code != Main.OK
        Files.readString(cnsh.runs.resolve("${id}.jsonl")).contains('"status":"unknown"')

        when:
        def apply = cnsh_('runs', 'revert', id, '--apply')

        then:
        apply.code == Main.OK
        apply.out.readLines().contains("  note: agent 'jlost' (write 1, outcome unknown) may or may not have been created;" +
                " check with agents < read username: 'jlost' >")
        apply.out.contains('Nothing to apply.')
        cnsh.requests('agents/update').size() == updates
        cnsh.agent(username: 'jlost').get('filter') == created.get('filter')
    }

    def "a change made since the run is a conflict: apply restores the others and exits 3, --force overwrites it"() {
        given:
        def before = everyone()
        cnsh_('-e', "${THREE}.update(userfield: 'Moved')")
        def id = onlyCodeRun()
        cnsh.eval("agents < update agentid: 550006, userfield: 'Someone else' >")

        when:
        def plan = cnsh_('runs', 'revert', id)

        then:
        plan.code == Main.CHANGES
        plan.out.contains("? agent 550006 mbell: changed since run ${id}: userfield live 'Someone else', expected 'Moved'; skipped (--force overwrites it)")

        when:
        def apply = cnsh_('runs', 'revert', id, '--apply')

        then:
        apply.code == Main.PARTIAL
        cnsh.agent(agentid: '550006').get('userfield') == 'Someone else'
        everyone().findAll { k, v -> k != '550006' } == before.findAll { k, v -> k != '550006' }

        when:
        def forced = cnsh_('runs', 'revert', id, '--apply', '--force')

        then:
        forced.code == Main.OK
        everyone() == before
    }

    def "an agent updated twice goes back to its original values; the revert of the revert restores the run's"() {
        given:
        def before = everyone()
        cnsh_('-e', "def g = agents < read username: 'gokafor' >\ng.update(userfield: 'First', moh: 'one')\n" +
                "g = agents < read username: 'gokafor' >\ng.update(userfield: 'Second', auth_level: 'agent')")
        def id = onlyCodeRun()
        def changed = everyone()

        when:
        def plan = cnsh_('runs', 'revert', id)

        then:
        plan.out.contains("userfield   'Second' -> 'Team North'")
        plan.out.contains("auth_level  'agent' -> 'supervisor'")
        plan.out.readLines().count { it.startsWith('~ row ') } == 1

        when:
        def apply = cnsh_('runs', 'revert', id, '--apply')
        def revertId = (apply.err =~ /Started run (update-[0-9]{8}-[0-9]{6}-[0-9a-f]{4})/)[0][1]

        then:
        apply.code == Main.OK
        everyone() == before

        when:
        def again = cnsh_('runs', 'revert', revertId, '--apply')

        then:
        again.code == Main.OK
        everyone() == changed
    }

    def "a run FILE run is reverted, and the bulk script's --revert does the same as runs revert"() {
        given:
        def before = everyone()
        def script = dir.resolve('change.groovy')
        Files.writeString(script, "${THREE}.update(userfield: 'From a file')\n")
        def run = cnsh_('run', script.toString())
        def id = onlyCodeRun()

        expect:
        run.code == Main.OK
        Files.readString(cnsh.runs.resolve("${id}.jsonl")).contains('"source":"run ')

        when:
        def viaRuns = cnsh_('runs', 'revert', id)
        def viaScript = cnsh_('run', 'scripts/bulk-update.groovy', '--revert', id)

        then:
        viaScript.code == viaRuns.code
        viaScript.out.replaceAll(/revert-code-[0-9a-f-]+\.csv/, 'CSV') == viaRuns.out.replaceAll(/revert-code-[0-9a-f-]+\.csv/, 'CSV')

        when:
        def apply = cnsh_('run', 'scripts/bulk-update.groovy', '--revert', id, '--apply')

        then:
        apply.code == Main.OK
        everyone() == before
    }

    @ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'starts a cnsh process')
    def "a piped shell session's writes are one run, reverted"() {
        given:
        def before = everyone()
        def child = ChildCnsh.start(cnsh, dir, [])
        child.process.outputStream.withStream {
            it.write("def l = ${THREE}\nl.update(moh: 'piped')\nagents < update agentid: 550003, userfield: 'Piped' >\n".getBytes('UTF-8'))
        }

        expect:
        child.waitFor() == 0
        cnsh.agent(agentid: '550006').get('moh') == 'piped'

        when:
        def id = onlyCodeRun()
        def apply = cnsh_('runs', 'revert', id, '--apply')

        then:
        Files.readString(cnsh.runs.resolve("${id}.jsonl")).contains('"source":"shell"')
        apply.out.contains('  note: agent 550003 gokafor: userfield cannot be taken back')
        apply.code == Main.OK
        everyone().findAll { k, v -> k != '550003' } == before.findAll { k, v -> k != '550003' }
    }

    def "values a CSV must quote (#value) are restored exactly; a value that reads as the set-empty marker is named and left"() {
        given: 'values set before the run, outside it'
        cnsh.client.agents().update([io.cnsh.model.Agent.of([agentid: '550003', userfield: value]),
                                     io.cnsh.model.Agent.of([agentid: '550006', userfield: '#empty'])])
        cnsh_('-e', "(agents < read username: 'gokafor' >).update(userfield: 'X'); (agents < read username: 'mbell' >).update(userfield: 'Y')")
        def id = onlyCodeRun()

        when:
        def apply = cnsh_('runs', 'revert', id, '--apply')

        then:
        apply.code == Main.OK
        apply.out.contains("  note: agent 550006 mbell: userfield cannot be restored to '#empty' (in the revert's CSV that text sets a field empty); left as it is")
        cnsh.agent(username: 'gokafor').userfield == value
        cnsh.agent(username: 'mbell').userfield == 'Y'

        where:
        value << ['a, "b"', '  padded ', 'line one\nline two', "it's", '=1+1']
    }

    def "a code run made against another target is refused in one line, exit 2, nothing read or sent"() {
        given:
        cnsh_('-e', "${THREE}.update(userfield: 'Moved')")
        def id = onlyCodeRun()
        def journal = cnsh.runs.resolve(id + '.jsonl')
        def lines = Files.readAllLines(journal)
        lines[0] = lines[0].replaceFirst(/"target":"[^"]*"/, '"target":"https://api.example.com/"')
        Files.write(journal, lines)
        def requests = cnsh.requests.findAll { it.operation().startsWith('agents/') }.size()

        when:
        def r = cnsh_('runs', 'revert', id, '--apply')

        then:
        r.code == Main.USAGE
        r.err.readLines() == ["cnsh: run ${id} was made against https://api.example.com/ as demo, not ${cnsh.client.baseUri()} as demo; revert it with the target it was made for".toString()]
        cnsh.requests.findAll { it.operation().startsWith('agents/') }.size() == requests
    }

    /** Every agent's non-secret fields, by agentid. */
    Map<String, Map<String, String>> everyone() {
        cnsh.readAll().collectEntries { [(it.get('agentid')): it.fields().findAll { k, v -> k != 'pin' && k != 'password' }] }
    }

    /** The id of the one code run in the runs directory. */
    String onlyCodeRun() {
        def ids = Files.list(cnsh.runs).withCloseable { s ->
            s.map { it.fileName.toString() }.filter { it ==~ /code-.*\.jsonl/ }.toList()
        }
        assert ids.size() == 1
        ids[0] - '.jsonl'
    }

    Map cnsh_(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        Map<String, String> env = cnsh.environment + [CNSH_BASE_URL: cnsh.client.baseUri().toString(),
                                                      CNSH_USERNAME: 'demo', CNSH_PASSWORD: 'demo']
        int code = Main.run(env, new PrintWriter(out), new PrintWriter(err), args)
        [code: code, out: out.toString(), err: err.toString()]
    }
}
