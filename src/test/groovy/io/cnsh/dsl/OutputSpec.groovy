package io.cnsh.dsl

import com.fasterxml.jackson.databind.ObjectMapper
import io.cnsh.bulk.CsvTable
import io.cnsh.model.Agent
import io.cnsh.model.WriteResult
import spock.lang.Specification

/** {@link Output}: every form of every kind of value, without a sandbox. */
class OutputSpec extends Specification {

    static final String TRICKY = 'Zoë "Z", \t1\n2\\ ✓'

    static final Agent ZOE = Agent.builder().agentid(550100).name(TRICKY).username('zoe')
            .pin('482913').password('s3cret!').build()
    static final Agent TOM = Agent.of([username: 'tom', agentid: '550101', nickname: 'T'])

    static List<String> show(Object value, OutputForm form, boolean reveal = false) {
        Output.lines(value, form, 10, reveal)
    }

    def "json: agents in the wire record shape, secrets masked, parsed back"() {
        when:
        def list = new ObjectMapper().readValue(show(new AgentList([ZOE, TOM], 2, null), OutputForm.JSON).join('\n'), List)
        def one = new ObjectMapper().readValue(show(ZOE, OutputForm.JSON, true).join('\n'), Map)

        then:
        list == [[agentid: '550100', name: TRICKY, username: 'zoe', pin: '****', password: '****'],
                 [username: 'tom', agentid: '550101', nickname: 'T']]
        one.pin == '482913'
        one.password == 's3cret!'
        show(ZOE, OutputForm.JSON).size() == 1
    }

    def "json of #what"() {
        expect:
        show(value, OutputForm.JSON) == [json]

        where:
        what              | value                                               || json
        'a number'        | 6 * 7                                               || '42'
        'a decimal'       | 1.5G                                                || '1.5'
        'not a number'    | Double.NaN                                          || '"NaN"'
        'a boolean'       | true                                                || 'true'
        'a string'        | TRICKY                                              || '"Zoë \\"Z\\", \\t1\\n2\\\\ ✓"'
        'a GString'       | "n=${1}"                                            || '"n=1"'
        'a list'          | [1, 'a', null]                                      || '[1,"a",null]'
        'an array'        | ['x', 'y'] as String[]                              || '["x","y"]'
        'a map'           | [agent: 34, admin: 2]                               || '{"agent":34,"admin":2}'
        'agents in a map' | [admins: [TOM]]                                     || '{"admins":[{"username":"tom","agentid":"550101","nickname":"T"}]}'
        'null'            | null                                                || 'null'
        'an empty read'   | new AgentList([], 0, null)                          || '[]'
        'an empty list'   | []                                                  || '[]'
        'a write'         | new WriteSummary('create', new WriteResult(true, '42', 1, 0, 550040, null)) ||
                '{"success":true,"accountId":"42","total":1,"bad":0,"key":550040,"error":null}'
    }

    def "csv: the documented fields first, then others; read back by the bulk reader with the same values"() {
        when:
        def lines = show([ZOE, TOM], OutputForm.CSV)
        def table = CsvTable.parse('out.csv', lines.join('\n') + '\n')

        then:
        lines[0] == 'agentid,name,pin,username,password,nickname'
        table.header() == ['agentid', 'name', 'pin', 'username', 'password', 'nickname']
        table.rows()*.cells() == [
                [agentid: '550100', name: TRICKY, pin: '****', username: 'zoe', password: '****', nickname: ''],
                [agentid: '550101', name: '', pin: '', username: 'tom', password: '', nickname: 'T']]
    }

    def "#form of #what"() {
        expect:
        show(value, form) == lines

        where:
        form               | what            | value                                || lines
        OutputForm.CSV     | 'a number'      | 6 * 7                                || ['value', '42']
        OutputForm.TSV     | 'a number'      | 6 * 7                                || ['value', '42']
        OutputForm.VALUES  | 'a number'      | 6 * 7                                || ['42']
        OutputForm.CSV     | 'a string'      | TRICKY                               || ['value', '"Zoë ""Z"", \t1', '2\\ ✓"']
        OutputForm.TSV     | 'a string'      | TRICKY                               || ['value', 'Zoë "Z", \\t1\\n2\\\\ ✓']
        OutputForm.VALUES  | 'a string'      | TRICKY                               || [TRICKY]
        OutputForm.CSV     | 'a list'        | ['a', 1, null]                       || ['value', 'a', '1', '']
        OutputForm.TSV     | 'a list'        | ['a', 1, null]                       || ['value', 'a', '1', '']
        OutputForm.VALUES  | 'a list'        | ['a', 1, null]                       || ['a', '1', '']
        OutputForm.CSV     | 'a map'         | [agent: 34, admin: 2]                || ['key,value', 'agent,34', 'admin,2']
        OutputForm.TSV     | 'a map'         | [agent: 34, admin: 2]                || ['key\tvalue', 'agent\t34', 'admin\t2']
        OutputForm.VALUES  | 'a map'         | [agent: 34, admin: 2]                || ['agent\t34', 'admin\t2']
        OutputForm.CSV     | 'a nested list' | [[1, 2], [a: 'b']]                   || ['value', '"[1,2]"', '"{""a"":""b""}"']
        OutputForm.CSV     | 'null'          | null                                 || []
        OutputForm.TSV     | 'null'          | null                                 || []
        OutputForm.VALUES  | 'null'          | null                                 || []
        OutputForm.CSV     | 'an empty list' | []                                   || ['value']
        OutputForm.VALUES  | 'an empty list' | []                                   || []
        OutputForm.VALUES  | 'an empty read' | new AgentList([], 0, null)           || []
        OutputForm.TSV     | 'agents'        | [ZOE, TOM]                           ||
                ['agentid\tname\tpin\tusername\tpassword\tnickname',
                 '550100\tZoë "Z", \\t1\\n2\\\\ ✓\t****\tzoe\t****\t',
                 '550101\t\t\ttom\t\tT']
        OutputForm.VALUES  | 'agents'        | [ZOE, TOM]                           ||
                ['550100\tZoë "Z", \\t1\\n2\\\\ ✓\t****\tzoe\t****\t', '550101\t\t\ttom\t\tT']
        OutputForm.VALUES  | 'one agent'     | TOM                                  || ['550101\ttom\tT']
        OutputForm.CSV     | 'a write'       | new WriteSummary('update', new WriteResult(true, null, 3, 1, 0, 'bad pin')) ||
                ['success,accountId,total,bad,key,error', 'true,,3,1,0,bad pin']
        OutputForm.VALUES  | 'a write'       | new WriteSummary('update', new WriteResult(true, null, 3, 0, 0, null)) ||
                ['true\t\t3\t0\t0\t']
    }

    def "an empty read in csv and tsv is the header of the documented fields"() {
        expect:
        show(new AgentList([], 0, null), OutputForm.CSV)[0].startsWith('agentid,name,')
        show(new AgentList([], 0, null), OutputForm.TSV).size() == 1
    }

    def "every form masks pin, password and token unless revealed"() {
        given:
        def agent = ZOE.with('token', 'tok-77')

        expect:
        OutputForm.values().each { form ->
            String masked = show([agent], form).join('\n')
            String shown = show([agent], form, true).join('\n')
            assert !masked.contains('482913') && !masked.contains('s3cret!') && !masked.contains('tok-77')
            if (form != OutputForm.TABLE) { // the table's default columns show no secret field
                assert masked.contains('****')
                assert shown.contains('482913') && shown.contains('s3cret!') && shown.contains('tok-77')
            }
        }
    }

    def "table and no form are what -e printed before, fitted to the width"() {
        expect:
        show([ZOE, TOM], OutputForm.TABLE) == Show.lines([ZOE, TOM], 10, false)
        show([ZOE, TOM], null) == Show.lines([ZOE, TOM], 10, false)
        show(6 * 7, null) == ['42']
    }

    def "the forms for programs never cut a long cell to the width"() {
        given:
        def long_ = Agent.of([agentid: '1', name: 'x' * 200])

        expect:
        [OutputForm.JSON, OutputForm.CSV, OutputForm.TSV, OutputForm.VALUES].every { form ->
            show([long_], form).join('\n').contains('x' * 200)
        }
    }
}
