package io.cnsh.dsl

import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.Phases
import spock.lang.Specification
import spock.lang.Subject

class DslSourceRewriterSpec extends Specification {

    @Subject
    def rewriter = new DslSourceRewriter()

    /** Valid Groovy that must come out unchanged, with what each row shows; a shebang is only valid first. */
    static final List<List<String>> VALID_GROOVY = [
        ['#!/usr/bin/env cnsh\nprintln agents < 3',                 'a shebang line'],
        ['a < b',                                                   'a comparison of two names'],
        ['agents < 3',                                              'the resource name compared with a number'],
        ['agents<3',                                                'the same without spaces'],
        ['agents < -1',                                             'a negative number after <'],
        ['agents < (limit)',                                        'a parenthesised operand after <'],
        ["agents < 'm'",                                            'a string after <'],
        ['agents < $/m/$',                                          'a dollar-slashy string after <'],
        ['agents < this.limit',                                     'a keyword is never a verb (this)'],
        ['agents < new Date()',                                     'a keyword is never a verb (new)'],
        ['agents < null',                                           'a keyword is never a verb (null)'],
        ['if (agents < 10) { println "few" }',                      'a comparison in a condition'],
        ['agentsCount < limit',                                     'a longer name starting with the resource name'],
        ['myagents < limit',                                        'a longer name ending with the resource name'],
        ['$agents < limit',                                         'a name with a dollar before the resource name'],
        ['agents_1 < limit',                                        'a name with a suffix'],
        ['x.agents < limit',                                        'a property called agents'],
        ['x?.agents < limit',                                       'a safe-navigation property'],
        ['x*.agents < limit',                                       'a spread property'],
        ['x.@agents < limit',                                       'a direct field access'],
        ['this.agents < limit',                                     'a property of this'],
        ['agents <= limit',                                         'less than or equal'],
        ['agents << item',                                          'left shift'],
        ['agents <<= 2',                                            'left shift assignment'],
        ['agents <=> other',                                        'the spaceship operator'],
        ['agents >> 2',                                             'right shift'],
        ['agents >>> 2',                                            'unsigned right shift'],
        ['agents >= limit',                                         'greater than or equal'],
        ['agents > limit',                                          'greater than'],
        ['def r = agents<..<limit',                                 'an exclusive range starting at the name'],
        ['def r = 1..<agents',                                      'a right-exclusive range'],
        ['def ok = a<b && c>d',                                     'two comparisons that look like brackets'],
        ['def t = a < b ? c : d',                                   'a comparison in a conditional'],
        ['def i = a ==> b',                                         'the implication operator'],
        ['List<String> names = []',                                 'a generic declaration'],
        ['Map<String, List<Integer>> index = [:]',                  'nested generics closing with >>'],
        ['def xs = new ArrayList<Map<String, ? extends Number>>()', 'wildcards in generics'],
        ['def e = Collections.<String>emptyList()',                 'explicit method type arguments'],
        ['class agents<T> { T value }',                             'a class called agents with a type parameter'],
        ['def a = new agents<String>()',                            'a constructor call of a class called agents'],
        ["'agents < read >'",                                       'a single-quoted string'],
        ['"agents < read >"',                                       'a double-quoted string'],
        ['"${agents} < read >"',                                    'a GString with the name interpolated'],
        ['"$agents < read >"',                                      'a GString with a bare interpolation'],
        ["'''agents < create name: 'x' >'''",                       'a triple-single-quoted string'],
        ['"""agents < read >\n agents <\n"""',                      'a triple-double-quoted string over lines'],
        ['"""a ${ "b ${c < d} e" } f"""',                           'GStrings nested in an interpolation'],
        ['"${ [1, 2].collect { it < 2 } }"',                        'a closure inside an interpolation'],
        ["def s = 'it\\'s < fine > agents < read >'",               'an escaped quote inside a string'],
        ['"quote \\" agents < read > \\""',                         'escaped double quotes inside a GString'],
        ['def s = /agents < read >/',                               'a slashy string'],
        ['def p = ~/agents < read > \\/ more/',                     'a slashy string with an escaped slash'],
        ['def m = x ==~ /agents < read >/',                         'a slashy string after an operator'],
        ['println(/agents < read >/)',                              'a slashy string as an argument'],
        ['x = y\n/agents < read >/',                                'a slashy string starting a line'],
        ['def d = $/agents < read > $$ $/ /$',                      'a dollar-slashy string with escapes'],
        ['def d = $/${agents} < read >/$',                          'a dollar-slashy string with an interpolation'],
        ['def q = total / 2 / count',                               'divisions are not slashy strings'],
        ['def q = (total) / agents / 2',                            'a division after a closing parenthesis'],
        ['// agents < read >',                                      'a line comment'],
        ['/* agents < read > */',                                   'a block comment'],
        ['/** agents <\n read > */\ndef x = 1',                     'a doc comment over lines'],
        ['def big = 1_000L < 2e3 && 0x1F > 0b101 && 1.5e-3 < 2G',   'number literals of every shape'],
        ['def m = [agents: 1]',                                     'a map key called agents'],
        ['foo(agents: 3)',                                          'a named argument called agents'],
        ['agents: for (i in 1..3) { break agents }',                'a label called agents'],
        ['def f = { a, b -> a < b }',                               'a comparison inside a closure'],
        ['def c = { -> agents < 3 }',                               'a comparison of the name inside a closure'],
        ['agents.create(name: "Joe")',                              'a plain method call on the resource'],
        ['agents { update agentid: 550423, moh: "none" }',          'a plain closure call on the resource'],
        ['agents.read().findAll { it.age < 3 }',                    'a chained call'],
        ['def agents = 5\nagents++\nagents = agents + 1',           'a local variable called agents'],
        ['def agents() { 1 }\nassert agents() < 2',                 'a method called agents'],
        ['def t = [1, 2] as List<Integer>',                         'a cast to a generic type'],
        ['def n = a !instanceof B',                                 'a negated instanceof'],
    ]

    def "valid Groovy comes out byte-for-byte unchanged: #note"() {
        expect: 'the plain Groovy parser accepts the row, so it is valid Groovy'
        parsesAsPlainGroovy(source)

        and:
        rewriter.rewrite(source) == source

        where:
        [source, note] << VALID_GROOVY
    }

    def "all the valid rows in one script come out unchanged, and a form after them is still found"() {
        given:
        def script = VALID_GROOVY.collect { it[0] }.join('\n')

        expect:
        VALID_GROOVY.size() >= 45
        rewriter.rewrite(script) == script
        rewriter.rewrite(script + '\nagents < read >') == script + '\nagents.call { -> read() }'
    }

    def "a DSL form is rewritten to a closure call on the resource: #shown"() {
        when:
        def rewritten = rewriter.rewrite(source)

        then:
        rewritten == expected

        and: 'the result is plain Groovy with the same line breaks'
        parsesAsPlainGroovy(rewritten)
        rewritten.count('\n') == source.count('\n')

        where:
        source                                                                | expected
        "agents < create name: 'Joe Bloggs', username: 'joe', pin: '482913' >" | "agents.call { -> create name: 'Joe Bloggs', username: 'joe', pin: '482913' }"
        'agents < read >'                                                     | 'agents.call { -> read() }'
        "agents < read auth_level: 'admin', limit: 10, sort: 'name' >"        | "agents.call { -> read auth_level: 'admin', limit: 10, sort: 'name' }"
        "agents < update agentid: 550423, name: 'John Dow' >"                 | "agents.call { -> update agentid: 550423, name: 'John Dow' }"
        "def admins = agents < read auth_level: 'admin' >"                    | "def admins = agents.call { -> read auth_level: 'admin' }"
        'return agents < read >'                                              | 'return agents.call { -> read() }'
        'agents<read>'                                                        | 'agents.call { ->read()}'
        'agents  <  read  >'                                                  | 'agents.call { ->  read()  }'
        'agents < read() >'                                                   | 'agents.call { -> read() }'
        "ids.each { agents < update agentid: it, pin: '0000' > }"             | "ids.each { agents.call { -> update agentid: it, pin: '0000' } }"
        'println(agents < read >)'                                            | 'println(agents.call { -> read() })'
        'println agents < read limit: 1 >'                                    | 'println agents.call { -> read limit: 1 }'
        '[agents < read >, agents < read limit: 1 >]'                         | '[agents.call { -> read() }, agents.call { -> read limit: 1 }]'
        'agents < read >.size()'                                              | 'agents.call { -> read() }.size()'
        '"found ${agents < read >}"'                                          | '"found ${agents.call { -> read() }}"'
        'agents < read >  // all of them >'                                   | 'agents.call { -> read() }  // all of them >'
        'agents < read /* > */ >'                                             | 'agents.call { -> read() /* > */ }'
        "agents < read name: 'a > b' >"                                       | "agents.call { -> read name: 'a > b' }"
        'agents < read name: "x ${y > 1 ? "a>" : "b"} >" >'                   | 'agents.call { -> read name: "x ${y > 1 ? "a>" : "b"} >" }'
        'agents < read pattern: /a>b/ >'                                      | 'agents.call { -> read pattern: /a>b/ }'
        'agents < read filter: { it.age > 3 } >'                              | 'agents.call { -> read filter: { it.age > 3 } }'
        'agents < read where: [ok: 1 > 0] >'                                  | 'agents.call { -> read where: [ok: 1 > 0] }'
        'agents < read limit: (a > b ? 1 : 2) >'                              | 'agents.call { -> read limit: (a > b ? 1 : 2) }'
        'agents < read limit: a < b ? 1 : 2 >'                                | 'agents.call { -> read limit: a < b ? 1 : 2 }'
        'agents < read limit: a >= b ? 1 : 2 >'                               | 'agents.call { -> read limit: a >= b ? 1 : 2 }'
        'agents < update agentid: id >> 1 >'                                  | 'agents.call { -> update agentid: id >> 1 }'
        'agents < read sort: { a, b -> a <=> b } >'                           | 'agents.call { -> read sort: { a, b -> a <=> b } }'
        'agents < create names: new ArrayList<String>() >'                    | 'agents.call { -> create names: new ArrayList<String>() }'
        'agents < create index: new HashMap<String, List<Integer>>() >'       | 'agents.call { -> create index: new HashMap<String, List<Integer>>() }'
        'agents < create x: agents < read > >'                                | 'agents.call { -> create x: agents.call { -> read() } }'
        'agents <\n    read\n>'                                               | 'agents.call { ->\n    read()\n}'
        'agents\n< read >'                                                    | 'agents.call { ->\n read() }'
        'agents <  // two of them\n    create a: 1\n    create a: 2\n>'       | 'agents.call { ->  // two of them\n    create a: 1\n    create a: 2\n}'
        'def made = agents <\n  create a: 1\n>\nmade'                         | 'def made = agents.call { ->\n  create a: 1\n}\nmade'
        'agents < read small: (MAX < LIMIT) >'                                | 'agents.call { -> read small: (MAX < LIMIT) }'
        shown = source.replace('\n', '\\n')
    }

    def "a multi-line script keeps its line count and every untouched line as it was"() {
        given:
        def script = '''\
            def admins = agents < read auth_level: 'admin' >
            agents <
                create name: 'A. Smith', username: 'asmith'
                create name: 'B. Jones', username: 'bjones'
            >
            ids.each { agents < update agentid: it, pin: '0000' > }
            println admins.size()
            '''.stripIndent()

        when:
        def lines = rewriter.rewrite(script).split('\n', -1) as List

        then:
        lines == [
            "def admins = agents.call { -> read auth_level: 'admin' }",
            'agents.call { ->',
            "    create name: 'A. Smith', username: 'asmith'",
            "    create name: 'B. Jones', username: 'bjones'",
            '}',
            "ids.each { agents.call { -> update agentid: it, pin: '0000' } }",
            'println admins.size()',
            '',
        ]
    }

    def "line breaks of every kind are kept where they were: #kind"() {
        given:
        def source = ['x = 1', 'agents', '< read >', 'agents <', '  create a: 1', '>', 'y = 2'].join(newline)

        when:
        def rewritten = rewriter.rewrite(source)

        then:
        rewritten == ['x = 1', 'agents.call { ->', ' read() }', 'agents.call { ->', '  create a: 1', '}', 'y = 2'].join(newline)

        where:
        kind   | newline
        'LF'   | '\n'
        'CRLF' | '\r\n'
        'CR'   | '\r'
    }

    def "a malformed block is refused with the line and column where it opened: #shown"() {
        when:
        rewriter.rewrite(source)

        then:
        def e = thrown(DslSyntaxException)
        e.message == message
        e.line() == line
        e.column() == column
        e.atEndOfInput() == atEnd

        where:
        source                                              || message                                                                                 | line | column | atEnd
        'agents < read'                                     || 'line 1: `agents <` block is never closed with `>`'                                       | 1    | 1      | true
        'agents <'                                          || 'line 1: `agents <` block is never closed with `>`'                                       | 1    | 1      | true
        'def a = 1\n\nagents < update agentid: 1\n'         || 'line 3: `agents <` block is never closed with `>`'                                       | 3    | 1      | true
        'x = 1\n  agents <\n    create name: "a"\n'         || 'line 2: `agents <` block is never closed with `>`'                                       | 2    | 3      | true
        "agents < read name: 'a >"                          || 'line 1: `agents <` block is never closed with `>`'                                       | 1    | 1      | true
        'agents < read >> x'                                || 'line 1: `agents <` block is never closed with `>`'                                       | 1    | 1      | true
        'agents < read small: MAX < LIMIT >'                || 'line 1: `agents <` block is never closed with `>`'                                       | 1    | 1      | true
        '[agents < read]'                                   || 'line 1: `agents <` block is never closed with `>` before the `]` on line 1'              | 1    | 2      | false
        'ids.each {\n    agents < update agentid: it\n}'    || 'line 2: `agents <` block is never closed with `>` before the `}` on line 3'              | 2    | 5      | false
        'if (agents < max) { }'                             || 'line 1: `agents <` block is never closed with `>` before the `)` on line 1'              | 1    | 5      | false
        'agents < create x: (agents < read) >'              || 'line 1: `agents <` block is never closed with `>` before the `)` on line 1'              | 1    | 21     | false
        'agents < >'                                        || 'line 1: `agents < >` names no verb; write one, as in `agents < read >`'                  | 1    | 1      | false
        'agents <>'                                         || 'line 1: `agents < >` names no verb; write one, as in `agents < read >`'                  | 1    | 1      | false
        'x = 1\nagents <\n>'                                || 'line 2: `agents < >` names no verb; write one, as in `agents < read >`'                  | 2    | 1      | false
        shown = source.replace('\n', '\\n')
    }

    def "other registered resource names open blocks too, and only registered ones"() {
        given:
        def both = new DslSourceRewriter(['agents', 'groups'])

        expect:
        both.rewrite('groups < read >') == 'groups.call { -> read() }'
        both.rewrite('agents < read >') == 'agents.call { -> read() }'
        rewriter.rewrite('groups < read >') == 'groups < read >'
        both.resources() == ['agents', 'groups'] as Set
    }

    def "a resource name must be a plain identifier: #names"() {
        when:
        new DslSourceRewriter(names)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        names           || message
        []              || 'at least one resource name is needed'
        ['def']         || "resource name 'def' is not a Groovy identifier"
        ['two words']   || "resource name 'two words' is not a Groovy identifier"
        ['agents', '1'] || "resource name '1' is not a Groovy identifier"
    }

    def "the default rewriter registers agents only"() {
        expect:
        rewriter.resources() == ['agents'] as Set
        DslSourceRewriter.DEFAULT_RESOURCES == ['agents'] as Set
    }

    private static boolean parsesAsPlainGroovy(String text) {
        def unit = new CompilationUnit(new CompilerConfiguration())
        unit.addSource('row.groovy', text)
        unit.compile(Phases.CONVERSION)
        true
    }

    def "literals(#source) finds the values #values, as the rewriter reads strings and numbers"() {
        expect:
        rewriter.literals(source).collect { source.substring(it.valueStart(), it.valueEnd()) } == values

        where:
        source                                                  || values
        "def p = '482913'"                                      || ['482913']
        'x = 482913; y = 5504829130'                            || ['482913', '5504829130']
        "label = 'A482913' + \"B\""                             || ['A482913', 'B']
        "s = '''one\ntwo'''"                                    || ['one\ntwo']
        'r = /48\\/29/; d = $/x/$'                              || ['48\\/29', 'x']
        'a = 6 / 2 / 3'                                         || ['6', '2', '3']
        '"id ${482913} of ${n}"'                                || ['id ${482913} of ${n}', '482913']
        "agents < create name: 'Joe', pin: '4829' >"            || ['Joe', '4829']
        "// pin '1111'\n/* '2222' */ '3333'"                    || ['3333']
        'agent482913 = a.b482913'                               || []
    }

    def "literals reads unfinished text as far as it goes instead of refusing it: #what"() {
        expect:
        rewriter.literals(source).collect { source.substring(it.valueStart(), it.valueEnd()) } == values

        where:
        what                               | source                                       || values
        'a block never closed'             | "agents < create pin: '482913'"              || ['482913']
        'a block cut off by a bracket'     | "f(agents < create pin: '4829') + '5555'"    || ['4829', '5555']
        'an empty block'                   | "agents < > ; x = '1234'"                    || ['1234']
        'a string never closed'            | "x = '48291"                                 || ['48291']
        'a triple-quoted string open'      | 'x = """4829'                                || ['4829']
    }
}
