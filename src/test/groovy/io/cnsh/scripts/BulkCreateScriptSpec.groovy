package io.cnsh.scripts

import io.cnsh.bulk.CsvTable
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

class BulkCreateScriptSpec extends Specification {

    static final String SCRIPT = 'scripts/bulk-create.groovy'

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    def newAgents() {
        cnsh.file('new.csv', 'username,name,pin,password,auth_level,selfserve_id\n' +
                'bnew,Bob New,583920,Kite-Runner-44,agent,3101\n' +
                'cnew,Cara New,604417,Moss-Garden-19,supervisor,3102\n' +
                'praman,Priya Raman,,,admin,3101\n')
    }

    def "--help describes the script and exits 0"() {
        when:
        def run = cnsh.run(SCRIPT, '-h')

        then:
        run.exitCode == 0
        run.out.startsWith('Usage: bulk-create.groovy')
        run.out.contains('--update-existing')
    }

    def "the plan lists new agents and skips existing usernames, then exits 4 without sending"() {
        when:
        def run = cnsh.run(SCRIPT, newAgents())

        then:
        run.exitCode == 4
        run.out.contains('+ row 2: create new agent bnew (Bob New)')
        run.out.contains('      pin           ****')
        run.out.contains('- row 4: skip agent 550000 praman (Priya Raman): username exists (agent 550000); --update-existing updates it')
        run.outLines.last() == 'Plan: 0 agents to change, 2 to create, 1 skipped, 0 unchanged.'
        cnsh.requests('agents/create').isEmpty()
        !run.out.contains('583920')
    }

    def "--apply creates the agents once, lists their agentids, and a second run creates nothing"() {
        when:
        def run = cnsh.run(SCRIPT, newAgents(), '--apply')
        def id = (run.out =~ /Applied run (create-\S+): /)[0][1]
        def results = CsvTable.read(cnsh.runs.resolve(id + '.results.csv'))

        then:
        run.exitCode == 0
        run.out.contains(': 2 created, 1 skipped.')
        results.rows().collect { [it.get('username'), it.get('status'), it.get('agentid')] } == [
                ['bnew', 'created', cnsh.agent(username: 'bnew').get('agentid')],
                ['cnew', 'created', cnsh.agent(username: 'cnew').get('agentid')],
                ['praman', 'skipped', '550000']]
        results.rows()*.get('password') == ['****', '****', '']
        cnsh.agent(username: 'cnew').password == 'Moss-Garden-19'

        when:
        def again = cnsh.run(SCRIPT, newAgents(), '--apply')

        then:
        again.exitCode == 0
        again.outLines.last() == 'Nothing to apply.'
        cnsh.written('agents/create') == 2
    }

    def "with lost answers to creates every agent is still created exactly once"() {
        given:
        def csv = cnsh.file('many.csv', 'username,name\n' + (1..8).collect { "bulk${it},Bulk ${it}" }.join('\n') + '\n')
        cnsh.faults.lostResponseRate(0.35)

        when:
        def run = cnsh.run(SCRIPT, csv, '--apply', '--batch-size', '2')

        then:
        run.exitCode == 0
        run.out.contains(': 8 created.')
        (1..8).every { cnsh.agentsWhere(username: "bulk${it}".toString()).size() == 1 }
        cnsh.written('agents/create') == 8
    }

    def "--update-existing updates the existing username instead of skipping it"() {
        given:
        def csv = cnsh.file('upsert.csv', 'username,name,auth_level\npraman,Priya Raman,supervisor\ndnew,Dan New,agent\n')

        when:
        def run = cnsh.run(SCRIPT, csv, '--apply', '--update-existing')

        then:
        run.exitCode == 0
        run.out.contains(': 1 updated, 1 created.')
        cnsh.agent(username: 'praman').auth_level == 'supervisor'
        cnsh.agent(username: 'dnew').name == 'Dan New'
    }

    def "a file with an agentid column is refused before anything is sent"() {
        given:
        def csv = cnsh.file('ids.csv', 'agentid,username\n550000,x\n')

        when:
        def run = cnsh.run(SCRIPT, csv, '--apply')

        then:
        run.exitCode == 1
        run.errLines == ['bulk-create.groovy: ids.csv: row 1: a file of new agents has no agentid column: the API assigns agentids (to change existing agents, use bulk-update)']
        cnsh.requests.isEmpty()
    }
}
