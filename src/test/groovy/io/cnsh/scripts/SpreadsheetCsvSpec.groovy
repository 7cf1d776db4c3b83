package io.cnsh.scripts

import io.cnsh.bulk.CsvTable
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files

class SpreadsheetCsvSpec extends Specification {

    /** Names a spreadsheet would run as formulas, or that look like the escape itself. */
    static final Map<String, String> NAMES = [
            '550000': '=HYPERLINK("http://x","y")',
            '550001': '@SUM(1+1)',
            '550002': '+44 20 7946 0958',
            '550003': '-5',
            '550004': "'quoted",
            '550005': "'=already",
    ]

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    def rename() {
        NAMES.each { id, name -> cnsh.eval("agents < update agentid: ${id}, name: ${name.inspect()} >") }
        assert NAMES.every { id, name -> cnsh.agent(agentid: id).name() == name }
    }

    def "an export of agents with formula-like names escapes them, and bulk-update plans it back with no change"() {
        given:
        rename()
        def file = cnsh.home.resolve('agents.csv')

        when:
        def export = cnsh.run('scripts/report.groovy', 'export', '--out', file)
        def lines = Files.readAllLines(file)
        def plan = cnsh.run('scripts/bulk-update.groovy', file)

        then: 'each name is written with one quote mark in front where a spreadsheet would run it'
        export.exitCode == 0
        lines.find { it.startsWith('550000,') }.startsWith('550000,"\'=HYPERLINK(""http://x"",""y"")",')
        lines.find { it.startsWith('550001,') }.startsWith("550001,'@SUM(1+1),")
        lines.find { it.startsWith('550002,') }.startsWith("550002,'+44 20 7946 0958,")
        lines.find { it.startsWith('550003,') }.startsWith("550003,'-5,")
        lines.find { it.startsWith('550004,') }.startsWith("550004,'quoted,")
        lines.find { it.startsWith('550005,') }.startsWith("550005,''=already,")

        and: 'phone numbers too, and no line of the file starts a formula in any cell'
        lines.find { it.startsWith('550003,') }.contains(",****,gokafor,****,'+44 20 7946 0110,")
        !lines.any { it =~ /(^|,)"?[=+\-@\t]/ }

        and: 'cnsh reads the file back as the agents are, so the plan has nothing to do'
        plan.exitCode == 0
        plan.outLines.last() == 'Plan: 0 agents to change, 40 unchanged.'
        !plan.out.contains('~ row')
        CsvTable.read(file).rows().findAll { it.get('agentid') in NAMES.keySet() }
                .collectEntries { [it.get('agentid'), it.get('name')] } == NAMES
    }

    def "the results CSV of a run escapes formula cells and reads back as applied"() {
        given:
        def changes = cnsh.file('names.csv', 'agentid,name\r\n' +
                '550000,"=HYPERLINK(""http://x"",""y"")"\r\n' +
                '550001,+44 20 7946 0958\r\n' +
                "550002,'=already\r\n")

        when:
        def run = cnsh.run('scripts/bulk-update.groovy', changes, '--apply')
        def id = (run.out =~ /Applied run (update-\S+): /)[0][1]
        def results = cnsh.runs.resolve(id + '.results.csv')

        then: 'a cell cnsh did not write is taken as typed; only its own escape is taken off'
        run.exitCode == 0
        cnsh.agent(agentid: '550000').name() == '=HYPERLINK("http://x","y")'
        cnsh.agent(agentid: '550001').name() == '+44 20 7946 0958'
        cnsh.agent(agentid: '550002').name() == '=already'

        and:
        Files.readAllLines(results) == [
                'agentid,name,status,error',
                '550000,"\'=HYPERLINK(""http://x"",""y"")",updated,',
                "550001,'+44 20 7946 0958,updated,",
                "550002,'=already,updated,",
        ]
        CsvTable.read(results).rows()*.get('name') == ['=HYPERLINK("http://x","y")', '+44 20 7946 0958', '=already']
    }
}
