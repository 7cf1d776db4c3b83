package io.cnsh.cli

import com.fasterxml.jackson.databind.ObjectMapper
import io.cnsh.RunNotice
import io.cnsh.bulk.CsvTable
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * {@code cnsh -e CODE -o FORM} in-process through {@link Main#run}, with {@code CNSH_HOME} in a
 * temporary directory so that the embedded sandbox (the demo agents) is the target.
 */
class OutputFormatSpec extends Specification {

    static final String ADMINS = "agents < read auth_level: 'admin' >"
    static final String TRICKY = 'Zoë "Z", \t1\n2 ✓'

    @TempDir
    Path home

    @Shared
    @TempDir
    Path sharedHome

    /** The demo agents' pins and passwords, read once with reveal on. */
    @Shared
    List<Map> revealed

    def setupSpec() {
        def r = run(sharedHome, [:], '-o', 'json', '-e', 'agents.reveal = true\nagents < read >')
        assert r.code == 0
        revealed = new ObjectMapper().readValue(r.out, List)
    }

    def "-o json prints a read as one JSON array of the API's records, and nothing else"() {
        when:
        def r = cnsh('-o', 'json', '-e', ADMINS)
        List<Map> records = new ObjectMapper().readValue(r.out, List)

        then:
        r.code == 0
        r.err == ''
        r.out.readLines().size() == 1
        records*.username == ['praman', 'thargreaves']
        records*.agentid == ['550000', '550001']
        records.every { it.auth_level == 'admin' && it.pin in [null, '****'] && it.password in [null, '****'] }
    }

    def "the option is accepted after -e too and in any case; given twice it is refused, as every option is"() {
        when:
        def twice = cnsh('-e', "'a'", '-o', 'csv', '-o', 'values')

        then:
        cnsh('-e', '6*7', '-o', 'json').out == '42\n'
        cnsh('-e', '6*7', '--output', 'JSON').out == '42\n'
        twice.code == 2
        twice.out == ''
        twice.err.readLines()[0] == "cnsh: option '--output' (FORM) should be specified only once"
    }

    def "#form of #what"() {
        when:
        def r = cnsh('-o', form, '-e', code)

        then: 'a read says nothing on stderr; a write says its run id there, and only that'
        r.code == 0
        r.out == out
        what in ['a write', 'a create'] ? RunNotice.onlyIn(r.err, home) : r.err == ''

        where:
        form     | what               | code                                      || out
        'json'   | 'a number'         | '6*7'                                     || '42\n'
        'csv'    | 'a number'         | '6*7'                                     || 'value\n42\n'
        'tsv'    | 'a number'         | '6*7'                                     || 'value\n42\n'
        'values' | 'a number'         | '6*7'                                     || '42\n'
        'table'  | 'a number'         | '6*7'                                     || '42\n'
        'json'   | 'a tricky string'  | "'Zoë \"Z\", \\t1\\n2 ✓'"                 || '"Zoë \\"Z\\", \\t1\\n2 ✓"\n'
        'csv'    | 'a tricky string'  | "'Zoë \"Z\", \\t1\\n2 ✓'"                 || 'value\n"Zoë ""Z"", \t1\n2 ✓"\n'
        'tsv'    | 'a tricky string'  | "'Zoë \"Z\", \\t1\\n2 ✓'"                 || 'value\nZoë "Z", \\t1\\n2 ✓\n'
        'values' | 'a tricky string'  | "'Zoë \"Z\", \\t1\\n2 ✓'"                 || TRICKY + '\n'
        'json'   | 'a list'           | "['a', 1, null]"                          || '["a",1,null]\n'
        'values' | 'a list'           | "(agents < read auth_level: 'admin' >).pluck('username')" || 'praman\nthargreaves\n'
        'json'   | 'a map'            | "(agents < read >).countBy('auth_level')" || '{"agent":34,"supervisor":4,"admin":2}\n'
        'csv'    | 'a map'            | "(agents < read >).countBy('auth_level')" || 'key,value\nagent,34\nsupervisor,4\nadmin,2\n'
        'values' | 'a map'            | "(agents < read >).countBy('auth_level')" || 'agent\t34\nsupervisor\t4\nadmin\t2\n'
        'json'   | 'null'             | 'null'                                    || 'null\n'
        'csv'    | 'null'             | 'null'                                    || ''
        'values' | 'null'             | 'null'                                    || ''
        'json'   | 'an empty read'    | "agents < read username: 'nobody' >"      || '[]\n'
        'values' | 'an empty read'    | "agents < read username: 'nobody' >"      || ''
        'json'   | 'a write'          | "agents < update agentid: 550004, moh: 'none' >" ||
                '{"success":true,"accountId":"20001","total":1,"bad":0,"key":0,"error":null}\n'
        'csv'    | 'a write'          | "agents < update agentid: 550004, moh: 'none' >" ||
                'success,accountId,total,bad,key,error\ntrue,20001,1,0,0,\n'
        'values' | 'a write'          | "agents < update agentid: 550004, moh: 'none' >" || 'true\t20001\t1\t0\t0\t\n'
        'json'   | 'a create'         | "agents < create name: 'Joe', pin: '123456' >"   || '550040\n'
    }

    def "-o json of one agent is one record, its pin masked; of a create of two, the write's result"() {
        when:
        def one = cnsh('-o', 'json', '-e', "(agents < read username: 'praman' >)[0]")
        def created = cnsh('-o', 'json', '-e', "agents.create([[name: 'Joe', pin: '123456'], [name: 'Ann', pin: '654321']])")
        Map record = new ObjectMapper().readValue(one.out, Map)

        then:
        one.code == 0
        record.username == 'praman'
        record.pin == '****'
        created.code == 0
        new ObjectMapper().readValue(created.out, Map).subMap('success', 'total', 'bad') == [success: true, total: 2, bad: 0]
        !created.out.contains('123456')
    }

    def "-o csv of every demo agent and a tricky one reads back through the bulk reader with the API's values"() {
        given:
        assert cnsh('-e', "agents < create name: 'Zoë \"Z\", \\t1\\n2 ✓', username: 'zoe' >").code == 0

        when:
        def csv = cnsh('-o', 'csv', '-e', 'agents < read >')
        def json = new ObjectMapper().readValue(cnsh('-o', 'json', '-e', 'agents < read >').out, List)
        def table = CsvTable.parse('out.csv', csv.out)

        then:
        csv.code == 0
        csv.err == ''
        table.rows().size() == 41
        table.header().take(2) == ['agentid', 'name']
        table.rows().collect { row -> row.cells().findAll { it.value != '' } } ==
                json.collect { Map a -> a.findAll { it.value != null && it.value != '' } }
        table.rows().find { it.get('username') == 'zoe' }.get('name') == TRICKY
    }

    def "every form masks the demo agents' pins and passwords; code that reveals them shows them"() {
        given:
        List<String> passwords = revealed*.password.findAll { it }
        List<String> pins = revealed*.pin.findAll { it }
        assert passwords.size() > 5 && pins.size() > 5

        expect:
        ['table', 'json', 'csv', 'tsv', 'values'].each { form ->
            def masked = run(sharedHome, [:], '-o', form, '-e', 'agents < read >')
            assert masked.code == 0
            assert passwords.every { !masked.out.contains(it) && !masked.err.contains(it) }
            if (form != 'table') { // the table's columns hold no pin
                assert masked.out.count('****') == pins.size() + passwords.size()
                def shown = run(sharedHome, [:], '-o', form, '-e', 'agents.reveal = true\nagents < read >')
                assert passwords.every { shown.out.contains(it) }
                assert !shown.out.contains('****')
            }
        }
    }

    def "--reveal shows them in every form, before or after -e, and only for that command"() {
        given:
        List<String> passwords = revealed*.password.findAll { it }
        List<String> pins = revealed*.pin.findAll { it }

        expect:
        ['table', 'json', 'csv', 'tsv', 'values'].each { form ->
            def shown = run(sharedHome, [:], '--reveal', '-o', form, '-e', 'agents < read >')
            assert shown.code == 0
            if (form != 'table') {
                assert passwords.every { shown.out.contains(it) } && pins.every { shown.out.contains(it) }
                assert !shown.out.contains('****')
            }
            assert run(sharedHome, [:], '-o', form, '-e', 'agents < read >').out.readLines().size() ==
                    shown.out.readLines().size()
        }
        def withPassword = revealed.find { it.password }
        def after = run(sharedHome, [:], '-e', "agents < read agentid: ${withPassword.agentid} >", '--reveal', '-o', 'json')
        after.code == 0
        after.out.contains(withPassword.password as String)
        !after.out.contains('****')
        run(sharedHome, [:], '-o', 'json', '-e', "agents < read agentid: ${withPassword.agentid} >").out.contains('****')
    }

    def "--reveal with #how is a usage error: it prints no value of its own"() {
        given:
        Path script = Files.writeString(home.resolve('s.groovy'), "println 'ran'\n")
        List<String> args = how == 'run' ? ['run', '--reveal', script.toString()] : ['--reveal']

        when:
        def r = cnsh(args as String[])

        then:
        r.code == 2
        r.out == ''
        r.err.readLines() == ["cnsh: --reveal is for -e: ${what} prints no value of its own (in code, agents.reveal = true shows secrets)".toString()]

        where:
        how     | what
        'run'   | 'cnsh run'
        'shell' | 'the shell'
    }

    def "no -o and -o table print what -e printed before, fitted to COLUMNS; the other forms are never cut"() {
        given:
        def env = [COLUMNS: '30']

        when:
        def plain = run(home, env, '-e', ADMINS)
        def table = run(home, env, '-o', 'table', '-e', ADMINS)
        def forms = ['json', 'csv', 'tsv', 'values'].collect { run(home, env, '-o', it, '-e', ADMINS).out }

        then:
        table.out == plain.out
        plain.out.readLines().every { it.length() <= 30 }
        plain.out.readLines().last() == '2 agents'
        forms.every { it.contains('Tom Hargreaves') && it.contains('thargreaves') }
    }

    def "a form that is not one of the five is a usage error naming them: #value"() {
        when:
        def r = cnsh('-o', value, '-e', '6*7')

        then:
        r.code == 2
        r.out == ''
        r.err.readLines()[0].contains("--output")
        r.err.readLines()[0].contains('table, json, csv, tsv, values')
        r.err.readLines().size() == 2 // and picocli's 'Try cnsh --help'
        !r.err.contains('Exception')

        where:
        value << ['xml', '', ' ', 'json,csv']
    }

    def "--help names the option and its forms"() {
        when:
        def r = cnsh('--help')

        then:
        r.code == 0
        r.out.contains('-o, --output=FORM')
        r.out.replaceAll(/\s+/, ' ').contains('How -e prints its value: table, json, csv, tsv, values')
    }

    def "-o with #how is a usage error: it prints no value of its own"() {
        given:
        Path script = Files.writeString(home.resolve('s.groovy'), "println 'ran'\n")
        List<String> args = how == 'run' ? ['run', '-o', 'json', script.toString()]
                : how == 'a script' ? ['-o', 'csv', script.toString()] : ['-o', 'values']

        when:
        def r = cnsh(args as String[])

        then:
        r.code == 2
        r.out == ''
        r.err.readLines() == ["cnsh: --output is for -e: ${what} prints no value of its own (a script prints what it chooses)".toString()]

        where:
        how        | what
        'run'      | 'cnsh run'
        'a script' | 'cnsh run'
        'shell'    | 'the shell'
    }

    private ScriptCliSpec.Result cnsh(String... args) {
        run(home, [:], args)
    }

    private static ScriptCliSpec.Result run(Path home, Map env, String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: home.toString()] + env, new PrintWriter(out), new PrintWriter(err), args)
        new ScriptCliSpec.Result(code, out.toString(), err.toString())
    }
}
