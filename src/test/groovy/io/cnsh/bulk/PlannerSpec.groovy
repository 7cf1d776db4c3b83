package io.cnsh.bulk

import io.cnsh.model.Agent
import spock.lang.Specification

class PlannerSpec extends Specification {

    static final List<Agent> LIVE = [
            agent(550000, 'praman', 'Priya Raman', auth_level: 'admin', pin: '482913', phone: '+44 1', selfserve_id: '3101'),
            agent(550003, 'gokafor', 'Grace Okafor', auth_level: 'supervisor', pin: '739204', phone: null, selfserve_id: '3101'),
            agent(550007, 'jsmith', 'John Smith', auth_level: 'agent', pin: '123456', selfserve_id: '3101'),
            agent(550008, 'jsmith', 'Jane Smith', auth_level: 'agent', pin: '916402', selfserve_id: '3103'),
            agent(550039, 'mleaver', 'Mark Leaver', auth_level: 'agent', filter: '999'),
            agent(550002, 'pbx_default', 'Default PBX Agent', auth_level: 'agent', filter: '505050'),
    ]

    static Agent agent(Map fields = [:], long id, String username, String name) {
        Agent.of([agentid: id, username: username, name: name, filter: '0', password: 'Secret-' + id] + fields)
    }

    static Plan plan(Plan.Kind kind, String csv, Map options = [:]) {
        def table = CsvTable.parse('changes.csv', csv.getBytes('UTF-8'))
        Planner.plan(kind, table, null, 'sha', LIVE,
                new Plan.Options(options.skipInvalid as boolean, options.updateExisting as boolean),
                options.unmanaged as boolean)
    }

    def "an update keyed by agentid changes only the fields that differ and sends agentid with them"() {
        when:
        def p = plan(Plan.Kind.UPDATE, 'agentid,auth_level,selfserve_id\n550003,admin,3101\n')

        then:
        p.rows()*.action() == [RowAction.UPDATE]
        p.rows()[0].changes()*.describe() == ["auth_level 'supervisor' -> 'admin'"]
        p.rows()[0].record().fields() == [agentid: '550003', auth_level: 'admin']
        p.exitCode() == 4
    }

    def "the plan shows a per-agent diff with secrets masked and a summary"() {
        when:
        def p = plan(Plan.Kind.UPDATE, 'username,pin,password,phone\npraman,111222,New-Pass-1,+44 2\ngokafor,,,\n')

        then:
        p.lines() == [
                'Plan for changes.csv: 2 rows against 6 live agents',
                '',
                '~ row 2: agent 550000 praman (Priya Raman)',
                '      pin       **** -> ****',
                '      password  **** -> ****',
                "      phone     '+44 1' -> '+44 2'",
                '= row 3: no change',
                '',
                'Plan: 1 agent to change (3 fields), 1 unchanged.',
        ]
        !p.lines().any { it.contains('111222') || it.contains('New-Pass-1') || it.contains('482913') }
        !p.toString().contains('111222')
        !p.rows()[0].toString().contains('111222')
    }

    def "empty cells leave fields alone, #empty sets '', and **** in a secret column means unchanged"() {
        when:
        def p = plan(Plan.Kind.UPDATE, 'agentid,phone,name,pin,password\n550000,#empty,,****,****\n550003,#empty,,,\n')

        then: 'the old phone is replaced by the empty string; a null phone is not empty either'
        p.rows()[0].changes()*.describe() == ["phone '+44 1' -> ''"]
        p.rows()[1].changes()*.describe() == ["phone (none) -> ''"]
        p.rows()[0].record().fields() == [agentid: '550000', phone: '']
    }

    def "a plan that changes nothing exits 0"() {
        expect:
        plan(Plan.Kind.UPDATE, 'agentid,auth_level\n550000,admin\n').exitCode() == 0
    }

    def "#problem is flagged on its row and the plan exits 1"() {
        when:
        def p = plan(Plan.Kind.UPDATE, csv)

        then:
        p.problems()*.note() == [note]
        p.problems()*.row() == [2]
        p.exitCode() == 1
        p.lines()[-1] == 'Nothing is applied while rows have problems: fix the rows marked !, or leave them out with --skip-invalid.'

        where:
        problem                 | csv                                    || note
        'an unknown agentid'    | 'agentid,name\n999999,X\n'             || 'no agent has agentid 999999'
        'an agentid not digits' | 'agentid,name\n55x,X\n'                || "agentid must be digits, got '55x'"
        'an unknown username'   | 'username,name\nnobody,X\n'            || "no agent has username 'nobody'"
        'an ambiguous username' | 'username,name\njsmith,X\n'            || "username 'jsmith' is held by 2 agents (550007, 550008); key this row by agentid instead"
        'a deleted username'    | 'username,name\nmleaver,X\n'           || "username 'mleaver' belongs only to deleted agent 550039; key the row by agentid to change it"
        'a missing key'         | 'agentid,name\n,X\n'                   || 'no agentid: every row needs one to say which agent it changes'
        'a bad value'           | 'agentid,aod\n550000,maybe\n'          || "agent 550000 praman: field 'aod' must be yes or no, got 'maybe'"
        'a bad secret value'    | 'agentid,pin\n550000,12ab\n'           || "agent 550000 praman: field 'pin' must be digits only, got ****"
        'several problems'      | 'username,aod,pin\nnobody,maybe,x\n'   || "no agent has username 'nobody'; field 'aod' must be yes or no, got 'maybe'; field 'pin' must be digits only, got ****"
    }

    def "two rows naming one agent are both flagged"() {
        when:
        def p = plan(Plan.Kind.UPDATE, 'agentid,name\n550000,A\n550003,B\n550000,C\n')

        then:
        p.problems()*.row() == [2, 4]
        p.problems()*.note().unique() == ['agent 550000 appears in rows 2, 4; give each agent one row']
        p.toSend()*.row() == [3]
    }

    def "with skip-invalid a plan with problems still shows its changes and exits 4"() {
        when:
        def p = plan(Plan.Kind.UPDATE, 'agentid,name\n999999,X\n550000,New\n', [skipInvalid: true])

        then:
        p.exitCode() == 4
        p.lines()[-1] == 'Rows marked ! are left out (--skip-invalid).'
    }

    def "#header is refused as a whole before any row is looked at"() {
        when:
        plan(Plan.Kind.UPDATE, header + '\n1,2\n')

        then:
        def e = thrown(CsvFormatException)
        e.message.startsWith(message)

        where:
        header                 || message
        'agentid,auth_levle'   || "changes.csv: row 1: unknown column 'auth_levle' (did you mean 'auth_level'?); columns are the API's field names: agentid, name,"
        'agentid,Name'         || "changes.csv: row 1: unknown column 'Name' (did you mean 'name'?)"
        'name,phone'           || 'changes.csv: row 1: no key column: add an agentid or a username column'
    }

    def "a key column alone is refused"() {
        when:
        plan(Plan.Kind.UPDATE, 'agentid\n1\n')

        then:
        def e = thrown(CsvFormatException)
        e.message == "changes.csv: row 1: only the key column 'agentid': add columns for the fields to change"
    }

    def "with an agentid key the username is a field that can be changed"() {
        when:
        def p = plan(Plan.Kind.UPDATE, 'agentid,username\n550000,priya.raman\n')

        then:
        p.rows()[0].changes()*.describe() == ["username 'praman' -> 'priya.raman'"]
    }

    def "a create plans new usernames, skips existing ones and sends every given field"() {
        when:
        def p = plan(Plan.Kind.CREATE, 'username,name,pin,auth_level\nbnew,Bob New,583920,agent\npraman,Priya,,\njsmith,J,,\nmleaver,Mark Again,,\n')

        then:
        p.rows()*.action() == [RowAction.CREATE, RowAction.SKIP, RowAction.SKIP, RowAction.CREATE]
        p.rows()[0].record().fields() == [username: 'bnew', name: 'Bob New', pin: '583920', auth_level: 'agent']
        p.rows()[1].note() == 'username exists (agent 550000); --update-existing updates it'
        p.rows()[2].note() == 'username is held by 2 agents (550007, 550008)'
        p.lines().contains('+ row 2: create new agent bnew (Bob New)')
        p.lines().contains('      pin         ****')
        p.summary() == 'Plan: 0 agents to change, 2 to create, 2 skipped, 0 unchanged.'
        p.exitCode() == 4
    }

    def "a create with update-existing diffs existing usernames and refuses an ambiguous one"() {
        when:
        def p = plan(Plan.Kind.CREATE, 'username,name\npraman,Priya R\ngokafor,Grace Okafor\njsmith,J\n', [updateExisting: true])

        then:
        p.rows()*.action() == [RowAction.UPDATE, RowAction.UNCHANGED, RowAction.INVALID]
        p.rows()[0].record().fields() == [agentid: '550000', name: 'Priya R']
        p.rows()[2].note() == "username 'jsmith' is held by 2 agents (550007, 550008), so it cannot say which to update"
    }

    def "a create file repeating a username, lacking one, or carrying agentids is flagged or refused"() {
        when:
        def p = plan(Plan.Kind.CREATE, 'username,name\nbnew,A\n,B\nbnew,C\n')

        then:
        p.problems()*.row() == [2, 3, 4]
        p.problems()*.note() == ["username 'bnew' appears in rows 2, 4; give each agent one row",
                                 'no username: a new agent needs one',
                                 "username 'bnew' appears in rows 2, 4; give each agent one row"]

        when:
        plan(Plan.Kind.CREATE, 'agentid,username\n1,x\n')

        then:
        def e = thrown(CsvFormatException)
        e.message.startsWith('changes.csv: row 1: a file of new agents has no agentid column')
    }

    def "drift reports differences, missing agents and unmanaged ones"() {
        when:
        def p = plan(Plan.Kind.DRIFT, 'username,auth_level\npraman,admin\ngokafor,admin\nbnew,agent\n', [unmanaged: true])

        then:
        p.rows()*.action() == [RowAction.UNCHANGED, RowAction.UPDATE, RowAction.MISSING]
        p.unmanaged()*.username() == ['jsmith', 'jsmith']
        p.lines() == [
                'Drift of changes.csv: 3 rows against 6 live agents',
                '',
                '~ row 3: agent 550003 gokafor (Grace Okafor) differs (live -> desired)',
                "      auth_level  'supervisor' -> 'admin'",
                "+ row 4: missing: no agent has username 'bnew'",
                '? agent 550007 jsmith (John Smith): live but not in changes.csv',
                '? agent 550008 jsmith (Jane Smith): live but not in changes.csv',
                '= row 2: match the live agents',
                '',
                'Drift: 1 agent differs (1 field), 1 missing, 2 not in the file, 1 match.',
        ]
        p.exitCode() == 4
    }

    def "no drift exits 0"() {
        when:
        def p = plan(Plan.Kind.DRIFT, 'username,auth_level\npraman,admin\n')

        then:
        p.summary() == 'No drift: the row matches the live agents.'
        p.exitCode() == 0
    }
}
