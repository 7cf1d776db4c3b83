package io.cnsh.scripts

import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files

/** bulk-update.groovy and bulk-create.groovy --revert RUN_ID [--apply] [--force], on the sandbox. */
class RevertScriptSpec extends Specification {

    static final String UPDATE = 'scripts/bulk-update.groovy'
    static final String CREATE = 'scripts/bulk-create.groovy'

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    static String runId(def run) {
        (run.err =~ /Started run ((update|create)-[0-9]{8}-[0-9]{6}-[0-9a-f]{4})/)[0][1]
    }

    /** A bulk update of three agents (one with a pin), applied; returns its run id. */
    String applied() {
        def csv = cnsh.file('changes.csv', 'username,auth_level,pin,userfield\n' +
                'gokafor,admin,771199,Moved\nmbell,,,Moved\npraman,agent,,\n')
        def run = cnsh.run(UPDATE, csv, '--apply')
        assert run.exitCode == 0
        runId(run)
    }

    Map<String, Map<String, String>> everyone() {
        cnsh.readAll().collectEntries { [(it.get('agentid')): it.fields().findAll { k, v -> k != 'pin' && k != 'password' }] }
    }

    def "a revert plans the run's rows back, shows a row changed since as a conflict, and its apply restores the others and exits 3"() {
        given:
        def before = everyone()
        def id = applied()
        cnsh.eval("agents < update agentid: 550006, userfield: 'Someone else' >")
        def updatesBefore = cnsh.requests('agents/update').size()

        when:
        def plan = cnsh.run(UPDATE, '--revert', id)

        then:
        plan.exitCode == 4
        plan.outLines == [
                "Revert of run ${id}: 3 applied rows".toString(),
                "? agent 550006 mbell: changed since run ${id}: userfield live 'Someone else', expected 'Moved'; skipped (--force overwrites it)".toString(),
                '  note: agent 550003 gokafor: pin cannot be restored (a journal never holds secrets)',
                "Plan for revert-${id}.csv: 2 rows against 40 live agents".toString(),
                '',
                '~ row 2: agent 550003 gokafor (Grace Okafor)',
                "      auth_level  'admin' -> 'supervisor'",
                "      userfield   'Moved' -> 'Team North'",
                '~ row 3: agent 550000 praman (Priya Raman)',
                "      auth_level  'agent' -> 'admin'",
                '',
                'Plan: 2 agents to change (3 fields), 0 unchanged.',
                'Conflicts: 1 row marked ? left as it is; --force overwrites changes made since the run.',
        ]
        cnsh.requests('agents/update').size() == updatesBefore

        when:
        def apply = cnsh.run(UPDATE, '--revert', id, '--apply')
        def after = everyone()

        then: 'every agent but the conflicting one is exactly as before the run; that one keeps the later change'
        apply.exitCode == 3
        after.findAll { k, v -> k != '550006' } == before.findAll { k, v -> k != '550006' }
        after['550006'] == before['550006'] + [userfield: 'Someone else']
        !apply.out.contains('771199') && !apply.err.contains('771199')
    }

    def "--force takes back a row changed since the run as well"() {
        given:
        def before = everyone()
        def id = applied()
        cnsh.eval("agents < update agentid: 550006, userfield: 'Someone else' >")

        when:
        def run = cnsh.run(UPDATE, '--revert', id, '--force', '--apply')

        then:
        run.exitCode == 0
        run.out.contains("? agent 550006 mbell: changed since run ${id}: userfield live 'Someone else', expected 'Moved'; overwritten (--force)")
        everyone() == before
    }

    def "a revert of a revert restores the run's values, and a second revert finds nothing left to do"() {
        given:
        def id = applied()
        def afterRun = everyone()
        def revert = cnsh.run(UPDATE, '--revert', id, '--apply')
        assert revert.exitCode == 0

        when:
        def again = cnsh.run(UPDATE, '--revert', runId(revert), '--apply')

        then:
        again.exitCode == 0
        everyone() == afterRun

        when: 'the first revert taken back once more: its agents already hold what they held before it'
        def updates = cnsh.requests('agents/update').size()
        def third = cnsh.run(UPDATE, '--revert', runId(revert), '--apply')

        then:
        third.exitCode == 0
        third.outLines[-1] == 'Nothing to apply.'
        cnsh.requests('agents/update').size() == updates
    }

    def "a bulk create reverted marks exactly its agents deleted (filter 999) and no others"() {
        given:
        def before = everyone()
        def csv = cnsh.file('new.csv', 'username,name,pin,auth_level\nbnew,Bob New,583920,agent\ncnew,Cat New,,agent\n')
        def create = cnsh.run(CREATE, csv, '--apply')
        assert create.exitCode == 0
        def created = everyone().keySet() - before.keySet()
        assert created.size() == 2

        when:
        def run = cnsh.run(CREATE, '--revert', runId(create), '--apply')
        def after = everyone()

        then:
        run.exitCode == 0
        run.out.contains('  note: agent ' + created.min() + ' bnew: pin cannot be restored (a journal never holds secrets)')
        after.findAll { k, v -> k in before } == before
        created.every { after[it].filter == '999' }
        !run.out.contains('583920')
    }

    def "a revert of a run made against another account is refused in one line, before anything is read"() {
        given:
        def id = applied()
        def journal = cnsh.runs.resolve(id + '.jsonl')
        def lines = Files.readAllLines(journal)
        lines[0] = lines[0].replaceFirst(/"target":"[^"]*"/, '"target":"https://api.example.com/"')
        Files.write(journal, lines)
        def requests = cnsh.requests.size()

        when:
        def run = cnsh.run(UPDATE, '--revert', id)

        then:
        run.exitCode == 2
        run.errLines == ["bulk-update.groovy: run ${id} was made against https://api.example.com/ as demo, not ${cnsh.client.baseUri()} as demo; revert it with the target it was made for".toString()]
        run.out == ''
        cnsh.requests.size() == requests
    }

    def "#args is a usage error (exit 2)"() {
        when:
        def run = cnsh.run(UPDATE, args)

        then:
        run.exitCode == 2
        run.errLines[0] == message
        cnsh.requests.isEmpty()

        where:
        args                                            || message
        ['a.csv', '--revert', 'update-x']               || 'bulk-update.groovy: --revert RUN_ID goes without CHANGES.csv and without --resume'
        ['a.csv', '--force']                            || 'bulk-update.groovy: --force goes with --revert RUN_ID'
        ['--apply-plan', 'p.json', 'a.csv']             || 'bulk-update.groovy: --apply-plan FILE goes alone (the plan names its input)'
        ['a.csv', '--save-plan', 'p.json', '--apply']   || 'bulk-update.groovy: --save-plan FILE only plans (apply the saved plan with --apply-plan FILE)'
    }

    def "an unknown run id is named with the runs there (exit 1)"() {
        when:
        def run = cnsh.run(UPDATE, '--revert', 'update-20260101-000000-abcd')

        then:
        run.exitCode == 1
        run.errLines.size() == 1
        run.errLines[0].startsWith('bulk-update.groovy: no run update-20260101-000000-abcd in ')
    }
}
