package io.cnsh.dsl

import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.Phases
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

class DslCompileSpec extends Specification {

    def agents = new RecordingResource()

    @TempDir
    Path dir

    def "#form reaches the resource with its arguments"() {
        when:
        run(script)

        then:
        agents.calls == calls

        where:
        form              | script                                                                  || calls
        'create'          | "agents < create name: 'Joe Bloggs', username: 'joe', pin: '482913' >" || [['create', [name: 'Joe Bloggs', username: 'joe', pin: '482913']]]
        'bare read'       | 'agents < read >'                                                       || [['read']]
        'read with args'  | "agents < read auth_level: 'admin', limit: 10, sort: 'name' >"          || [['read', [auth_level: 'admin', limit: 10, sort: 'name']]]
        'update'          | "agents < update agentid: 550423, name: 'John Dow' >"                   || [['update', [agentid: 550423, name: 'John Dow']]]
        'a block'         | BLOCK                                                                   || [['create', [name: 'A. Smith', username: 'asmith']], ['create', [name: 'B. Jones', username: 'bjones']]]
        'a bare verb'     | 'agents <\n    read\n>'                                                 || [['read']]
        'a nested block'  | 'agents < read since: agents < read > >'                                || [['read'], ['read', [since: ['everyone']]]]
        'a method call'   | "agents.create(name: 'Joe')"                                            || [['create', [name: 'Joe']]]
        'a closure call'  | "agents { update agentid: 550423, moh: 'none' }"                        || [['update', [agentid: 550423, moh: 'none']]]
    }

    def "a block gives its last command's value in #position position"() {
        expect:
        run(script) == value

        where:
        position      | script                                                                                   || value
        'assignment'  | "def admins = agents < read auth_level: 'admin' >\nadmins"                               || ['matching', [auth_level: 'admin']]
        'return'      | "def admins(level) {\n    return agents < read auth_level: level >\n}\nadmins('admin')" || ['matching', [auth_level: 'admin']]
        'last'        | 'agents < read >'                                                                        || ['everyone']
        'argument'    | 'String.valueOf(agents < create name: "Ann" >)'                                          || 'created Ann'
        'block'       | BLOCK                                                                                    || 'created B. Jones'
        'expression'  | '(agents < read >).size() + 1'                                                           || 2
        'GString'     | '"${agents < read >}"'                                                                   || '[everyone]'
    }

    def "the outer it and local variables are visible inside a block"() {
        when:
        run('''\
            def ids = [550423, 550424]
            def pin = '0000'
            ids.each { agents < update agentid: it, pin: pin > }
            ids.each { id ->
                def doubled = id * 2
                agents <
                    update agentid: id, twice: doubled
                >
            }
            '''.stripIndent())

        then:
        agents.calls == [
            ['update', [agentid: 550423, pin: '0000']],
            ['update', [agentid: 550424, pin: '0000']],
            ['update', [agentid: 550423, twice: 1100846]],
            ['update', [agentid: 550424, twice: 1100848]],
        ]
    }

    def "a runtime error on line #line is reported on line #line (#where)"() {
        when:
        run(script)

        then:
        def e = thrown(Throwable)
        e.stackTrace.find { it.fileName == 'probe.groovy' }.lineNumber == line

        where:
        where                         | script                                                                  || line
        'an inline block'             | 'def a = 1\n\nagents < create name: 1 / 0 >\n'                          || 3
        'inside a block'              | 'agents <\n    create name: "a"\n    frobnicate x: 1\n>\n'              || 3
        'after a block'               | 'agents <\n    create name: "a"\n    create name: "b"\n>\nnull.size()' || 5
        'after several inline blocks' | 'agents < read >\nagents < read >\nagents < read >\nthrow new Error()'  || 4
    }

    def "a syntax error after a block is reported on the user's line"() {
        when:
        run('agents < read >\nagents <\n    create name: "x"\n>\ndef x = = 1\n')

        then:
        def e = thrown(MultipleCompilationErrorsException)
        e.message.contains('probe.groovy: 5: Unexpected input')
    }

    def "an unclosed block fails compilation at the line where it opened"() {
        when:
        run('def a = 1\nagents <\n    create name: "x"\n')

        then:
        def e = thrown(MultipleCompilationErrorsException)
        e.message.contains('probe.groovy: 2: `agents <` block is never closed with `>` @ line 2, column 1.')

        and: 'the DSL error is there for callers that want it, such as a REPL waiting for more lines'
        def dsl = DslSyntaxException.from(e).orElseThrow()
        dsl.line() == 2
        dsl.atEndOfInput()
    }

    def "a script file compiles with the same language and reports its own lines"() {
        given:
        def file = dir.resolve('bulk.groovy').toFile()
        file.text = '#!/usr/bin/env cnsh\nagents < read limit: 3 >\nagents <\n    frobnicate x: 1\n>\n'

        when:
        new GroovyShell(new Binding(agents: agents), DslCompiler.configuration()).evaluate(file)

        then:
        def e = thrown(MissingMethodException)
        e.stackTrace.find { it.fileName == 'bulk.groovy' }.lineNumber == 4
        agents.calls == [['read', [limit: 3]]]
    }

    def "a source read from a stream is rewritten before Groovy parses it"() {
        given:
        def unit = new CompilationUnit(DslCompiler.configuration())
        unit.addSource('stream.groovy', new ByteArrayInputStream('agents <\n    read\n>\n'.getBytes('UTF-8')))

        when:
        unit.compile(Phases.CONVERSION)

        then:
        def call = unit.getAST().modules[0].statementBlock.statements[0].expression as MethodCallExpression
        call.methodAsString == 'call'
        call.lineNumber == 1
        call.lastLineNumber == 3
    }

    def "valid Groovy keeps its meaning under the DSL configuration"() {
        expect:
        run('''\
            def agents = 5
            List<String> names = ['a', 'b']
            def small = agents < 10 && names.size() <= 2
            def text = 'agents < read >' + " ${agents < 3}" + /agents < read >/
            [small, text, 1 << 2, 8 >> 1, 3 <=> 4]
            '''.stripIndent()) == [true, 'agents < read > false' + 'agents < read >', 4, 4, -1]
    }

    def "the builder registers further resources and the script base class"() {
        given:
        def groups = new RecordingResource()
        def configuration = DslCompiler.builder()
                .resources(['agents', 'groups'])
                .scriptBaseClass(ProbeScript)
                .build()
        def shell = new GroovyShell(new Binding(agents: agents, groups: groups), configuration)

        when:
        def result = shell.evaluate('groups < read >\nagents < read limit: 1 >\nprobe()', 'probe.groovy')

        then:
        result == 'from the base class'
        groups.calls == [['read']]
        agents.calls == [['read', [limit: 1]]]
        configuration.scriptBaseClass == ProbeScript.name
    }

    def "each configuration is new and carries the DSL parser plugin"() {
        when:
        def first = DslCompiler.configuration()
        def second = DslCompiler.configuration()

        then:
        !first.is(second)
        first.pluginFactory instanceof DslParserPluginFactory
        (first.pluginFactory as DslParserPluginFactory).rewriter().resources() == ['agents'] as Set
        first.sourceEncoding == 'UTF-8'
    }

    static final String BLOCK = '''\
        agents <
            create name: 'A. Smith', username: 'asmith'
            create name: 'B. Jones', username: 'bjones'
        >
        '''.stripIndent()

    private Object run(String script) {
        new GroovyShell(new Binding(agents: agents), DslCompiler.configuration()).evaluate(script, 'probe.groovy')
    }
}
