package io.cnsh.bulk

import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/**
 * A CSV saved by a spreadsheet set to a European locale: {@code ;} between cells, CRLF line ends,
 * a UTF-8 byte-order mark, decimal commas. Read from its header, or as {@code --delimiter} says.
 */
class CsvDelimiterSpec extends Specification {

    static final String COMMA = 'agentid,auth_level,userfield\n' +
            '550003,admin,"Team North; Floor 2"\n' +
            '550005,,"1,5 FTE"\n' +
            '550006,agent,"a ""quoted"" note, with both , and ;"\n'

    static final String EUROPEAN = '\uFEFFagentid;auth_level;userfield\r\n' +
            '550003;admin;"Team North; Floor 2"\r\n' +
            '550005;;1,5 FTE\r\n' +
            '550006;agent;"a ""quoted"" note, with both , and ;"\r\n'

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    Bulk bulk(Character delimiter = null) {
        Bulk.builder(cnsh.client).runs(RunStore.at(cnsh.runs)).delimiter(delimiter).build()
    }

    static List summary(Plan plan) {
        plan.rows().collect { [it.row(), it.action(), it.agentid(), it.changes()*.describe()] }
    }

    def "a ';' file with a BOM and CRLF is planned exactly as its ',' twin, and applies the same cells"() {
        given:
        def comma = cnsh.file('comma.csv', COMMA)
        def european = cnsh.file('european.csv', EUROPEAN)

        when:
        def commaPlan = bulk().planUpdate(comma)
        def europeanPlan = bulk().planUpdate(european)

        then:
        europeanPlan.input().header() == ['agentid', 'auth_level', 'userfield']
        summary(europeanPlan) == summary(commaPlan)
        summary(europeanPlan).size() == 3
        europeanPlan.rows()*.desired()*.get('userfield') ==
                ['Team North; Floor 2', '1,5 FTE', 'a "quoted" note, with both , and ;']

        when:
        def result = bulk().apply(europeanPlan)

        then: 'the cells are stored as read: the decimal comma stays in the text'
        result.exitCode() == 0
        cnsh.agent(username: 'gokafor').userfield == 'Team North; Floor 2'
        cnsh.agent(username: 'gokafor').auth_level == 'admin'
        cnsh.agent(username: 'akarimi').userfield == '1,5 FTE'
        cnsh.agent(username: 'mbell').userfield == 'a "quoted" note, with both , and ;'
        cnsh.agent(username: 'mbell').auth_level == 'agent'

        and: 'the comma twin now has nothing left to change'
        !bulk().planUpdate(comma).hasChanges()
    }

    def "a header holding ';' that is not field names either way is refused, naming --delimiter"() {
        given:
        def csv = cnsh.file('odd.csv', header + '\n550003;admin\n')

        when:
        bulk().planUpdate(csv)

        then:
        def e = thrown(CsvFormatException)
        e.message == "odd.csv: this file uses ';' as separator; its header is not agent field names split either" +
                " way, so cnsh will not guess: use --delimiter ';' (or --delimiter ',')"
        cnsh.requests('agents/read').isEmpty()

        where:
        header << ['agentid;auth_levl', 'agentid;note', 'agentid;auth_level,userfield']
    }

    def "--delimiter reads the file as told: ';', ',' and tab"() {
        expect:
        CsvTable.parse('x.csv', text, CsvTable.delimiter(option)).rows()*.cells() == cells

        where:
        option | text                                     || cells
        ';'    | 'agentid;note\n1;a,b\n'                  || [[agentid: '1', note: 'a,b']]
        ','    | 'agentid,x;y\n1,2\n'                     || [[agentid: '1', 'x;y': '2']]
        'tab'  | 'agentid\tname\n1\tZo\u00EB; A, B\n'     || [[agentid: '1', name: 'Zo\u00EB; A, B']]
        '\\t'  | 'agentid\tname\n1\t"x\ty"\n'             || [[agentid: '1', name: 'x\ty']]
        'TAB'  | 'agentid\tname\n1\tx\n'                  || [[agentid: '1', name: 'x']]
        '\t'   | 'agentid\tname\n1\ty\n'                  || [[agentid: '1', name: 'y']]
    }

    def "an explicit ';' plans an update whose header alone would be refused"() {
        given:
        def csv = cnsh.file('typo.csv', 'agentid;auth_levl\n550003;admin\n')

        when:
        bulk(';' as char).planUpdate(csv)

        then: 'read with ;, the header now gets the usual column hint'
        def e = thrown(CsvFormatException)
        e.message.contains("unknown column 'auth_levl' (did you mean 'auth_level'?)")
    }

    def "a ',' file with ';' only inside cells is read with commas as before"() {
        expect:
        CsvTable.parse('c.csv', 'agentid,userfield\n1,"a;b"\n2,c;d\n').rows()*.cells() ==
                [[agentid: '1', userfield: 'a;b'], [agentid: '2', userfield: 'c;d']]
    }

    def "a row with too many ';' cells names the separator"() {
        when:
        CsvTable.parse('e.csv', 'agentid;userfield\n1;a;b\n')

        then:
        def e = thrown(CsvFormatException)
        e.message == "e.csv: row 2 has 3 cells but the header has 2 columns (a ';' in a cell needs quotes)"
    }

    def "a --delimiter that is not one of the three is refused by name"() {
        when:
        CsvTable.delimiter(option)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "--delimiter must be ',', ';' or tab, got '$option'"

        where:
        option << ['|', '', ' ', ';;', null]
    }
}
