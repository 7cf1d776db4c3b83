package io.cnsh.report

import io.cnsh.model.Agent
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

class AgentReportsSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    @Shared
    List<Agent> demo

    def setupSpec() {
        demo = cnsh.readAll()
    }

    static Map<String, List<List<Object>>> rows(Report r) {
        r.sections().collectEntries { [it.name(), it.rows()] }
    }

    def "the summary counts live agents by level, campaign, status and version"() {
        when:
        def r = AgentReports.summary(demo, false)

        then:
        r.title() == 'Summary of 38 agents'
        r.notes() == ['38 agents; 2 deleted (999) or system (505050) agents left out (--all includes them)']
        rows(r).auth_level == [['agent', 32L, '84.2%'], ['supervisor', 4L, '10.5%'], ['admin', 2L, '5.3%']]
        rows(r).selfserve_id*.getAt(0) == ['3101', '3102', '3103', '3104']
        rows(r).selfserve_id*.getAt(1).sum() == 38
        rows(r).default_status == [['wrap', 38L, '100.0%']]
        r.sections().find { it.name() == 'auth_level' }.chart() == [new Bar('agent', 32), new Bar('supervisor', 4), new Bar('admin', 2)]
    }

    def "asked to, the summary includes deleted and system agents"() {
        when:
        def r = AgentReports.summary(demo, true)

        then:
        r.title() == 'Summary of 40 agents'
        rows(r).selfserve_id.find { it[0] == '0' } == ['0', 1L, '2.5%']
    }

    def "the audit finds weak and shared PINs, passwords equal to usernames and rights, and never shows a secret"() {
        given:
        def agents = demo + [Agent.of(agentid: '560000', name: 'Pat Lazy', username: 'plazy', password: 'PLazy', pin: '905172',
                filter: '0', auth_level: 'agent', auth_admin: 'Y', auth_supervisor: 'N')]

        when:
        def r = AgentReports.audit(agents, false)
        def shown = ReportFormat.values().findAll { it != ReportFormat.XML }.collect { r.render(it) }

        then:
        rows(r).weak_pins*.getAt(2) == ['thargreaves', 'dwhitfield', 'jsmith', 'obrennan', 'loconnor', 'nfischer', 'flindqvist', 'jwashington', 'mlevi']
        rows(r).weak_pins.find { it[2] == 'flindqvist' }[3] == 'one digit repeated, one of the most common PINs'
        rows(r).shared_pins.groupBy { it[3] }.collectEntries { k, v -> [k, v*.getAt(2)] } == [
                'group 1: 2 agents share one PIN': ['praman', 'ecarter'],
                'group 2: 3 agents share one PIN': ['thargreaves', 'obrennan', 'jwashington'],
                'group 3: 3 agents share one PIN': ['dwhitfield', 'loconnor', 'mlevi'],
                'group 4: 2 agents share one PIN': ['jsmith', 'nfischer']]
        rows(r).password_is_username == [['560000', 'Pat Lazy', 'plazy', 'password is the username in other letter case']]
        rows(r).rights*.getAt(2) == ['praman', 'thargreaves', 'plazy', 'gokafor', 'dwhitfield', 'akarimi', 'mbell']
        rows(r).rights.find { it[2] == 'plazy' }[3] == 'auth_level agent, auth_admin Y, auth_supervisor N, auth_reports (none), admin rights without the admin level'
        r.overview() == [new Bar('weak PINs', 9), new Bar('agents sharing a PIN', 10), new Bar('password = username', 1),
                         new Bar('admin or supervisor rights', 7)]

        and: 'no rendering holds any PIN or password of any agent (short PINs such as 0000 also occur inside agentids)'
        def secrets = agents.collectMany { [it.pin(), it.password()] }.findAll { it && it.length() >= 6 }
        secrets.size() == 72
        secrets.every { s -> shown.every { text -> !text.contains(s) } }
    }

    def "duplicates list usernames and names held by several agents with what differs"() {
        given:
        def agents = demo + [Agent.of(agentid: '560001', name: ' priya raman ', username: 'praman2', filter: '0')]

        when:
        def r = AgentReports.duplicates(agents, false)

        then:
        rows(r).usernames*.getAt(0..1) == [['jsmith', '550007'], ['jsmith', '550008']]
        rows(r).usernames[0][4] == "name 'John Smith', userfield 'Team North', pin (differs), password (differs), phone '+44 20 7946 0120', agent_version '1', selfserve_id '3101'"
        rows(r).names*.getAt(1) == ['550000', '560001']
        rows(r).names[0][0] == 'Priya Raman'
        r.notes()[1] == '1 username and 1 name held by more than one agent.'
        !r.render(ReportFormat.CSV).contains('123456')
    }

    def "an export masks pins and passwords unless asked, and its CSV is the API's record shape"() {
        when:
        def masked = new String(AgentReports.export(demo, ReportFormat.CSV, false), 'UTF-8')
        def revealed = new String(AgentReports.export(demo, ReportFormat.CSV, true), 'UTF-8')

        then:
        masked.readLines()[0].startsWith('agentid,name,moh,userfield,filter,pin,username,password,')
        masked.readLines().size() == 41
        !masked.contains('482913') && !masked.contains('Harbour-Lights-72')
        masked.readLines()[1].contains(',****,praman,****,')
        revealed.contains(',482913,praman,Harbour-Lights-72,')
    }

    def "exports come as #format"() {
        when:
        def text = new String(AgentReports.export(demo.take(2), format, false), 'UTF-8')

        then:
        text.contains(expected)
        !text.contains('482913')

        where:
        format              || expected
        ReportFormat.JSON   || '"username":"praman"'
        ReportFormat.XML    || '<username>praman</username>'
        ReportFormat.TABLE  || 'Export of 2 agents'
        ReportFormat.MD     || '| agentid | name | moh |'
        ReportFormat.HTML   || '<td>praman</td>'
    }
}
