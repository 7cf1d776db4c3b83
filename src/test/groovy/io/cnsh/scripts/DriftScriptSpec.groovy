package io.cnsh.scripts

import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

class DriftScriptSpec extends Specification {

    static final String SCRIPT = 'scripts/drift.groovy'

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    def "an account that matches the desired state exits 0"() {
        given:
        def csv = cnsh.file('desired.csv', 'username,auth_level,selfserve_id\npraman,admin,3101\ngokafor,supervisor,\n')

        when:
        def run = cnsh.run(SCRIPT, csv)

        then:
        run.exitCode == 0
        run.outLines.last() == 'No drift: all 2 rows match the live agents.'
    }

    def "drift is shown field by field and exits 4, changing nothing"() {
        given:
        def csv = cnsh.file('desired.csv', 'username,auth_level,pin\npraman,admin,482913\ngokafor,admin,111111\nznew,agent,\n')

        when:
        def run = cnsh.run(SCRIPT, csv)

        then:
        run.exitCode == 4
        run.outLines == [
                'Drift of desired.csv: 3 rows against 40 live agents',
                '',
                '~ row 3: agent 550003 gokafor (Grace Okafor) differs (live -> desired)',
                "      auth_level  'supervisor' -> 'admin'",
                '      pin         **** -> ****',
                "+ row 4: missing: no agent has username 'znew'",
                '= row 2: match the live agents',
                '',
                'Drift: 1 agent differs (2 fields), 1 missing, 1 match.',
        ]
        cnsh.requests('agents/update').isEmpty()
        !run.out.contains('111111') && !run.out.contains('739204')
    }

    def "--unmanaged also lists live agents the file leaves out"() {
        given:
        def ids = cnsh.readAll().findAll { !it.isDeleted() && !it.isSystem() && it.username() != 'akarimi' }*.get('agentid')
        def csv = cnsh.file('desired.csv', 'agentid,auth_level\n' + ids.collect { "${it}," }.join('\n') + '\n')

        when:
        def run = cnsh.run(SCRIPT, csv, '--unmanaged')

        then:
        run.exitCode == 4
        run.out.contains('? agent 550005 akarimi (Aisha Karimi): live but not in desired.csv')
        run.out.count('? agent') == 1
    }

    def "rows with problems exit 1"() {
        given:
        def csv = cnsh.file('desired.csv', 'username,auth_level\njsmith,agent\n')

        when:
        def run = cnsh.run(SCRIPT, csv)

        then:
        run.exitCode == 1
        run.out.contains("! row 2: username 'jsmith' is held by 2 agents (550007, 550008); key this row by agentid instead")
    }

    def "--help exits 0 and a missing file argument exits 2"() {
        expect:
        cnsh.run(SCRIPT, '--help').exitCode == 0
        cnsh.run(SCRIPT).exitCode == 2
        cnsh.run(SCRIPT).errLines[0] == "drift.groovy: Missing required parameter: 'DESIRED.csv'"
    }
}
