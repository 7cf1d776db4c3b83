package io.cnsh.repl

import spock.lang.Specification

class SnippetSpec extends Specification {

    def "a top-level def of one name becomes a binding variable: #input"() {
        expect:
        Snippet.of(input).code([]) == code

        where:
        input                                  || code
        'def x = 1'                            || 'x = 1'
        'var x = 1'                            || 'x = 1'
        '  def total=3'                        || '  total =3'
        'def x'                                || 'x = null'
        'def a = 1; def b = 2'                 || 'a = 1; b = 2'
        'def a = 1\ndef b = a + 1'             || 'a = 1\nb = a + 1'
        'def x == 1'                           || 'def x == 1'
        'def f(a) { def y = a; y }'            || 'def f(a) { def y = a; y }'
        '[1].each { def inner = it }'          || '[1].each { def inner = it }'
        'String s = "a"'                       || 'String s = "a"'
        'def (a, b) = [1, 2]'                  || 'def (a, b) = [1, 2]'
        "println 'def x = 1'"                  || "println 'def x = 1'"
        'defx = 1'                             || 'defx = 1'
    }

    def "a def inside an agents < > block stays local to the block"() {
        expect:
        Snippet.of("agents <\n  def n = 'x'\n  read()\n>").code([]) == "agents.call { ->\n  def n = 'x'\n  read()\n}"
    }

    def "DSL forms are rewritten before the declarations are found"() {
        expect:
        Snippet.of("def admins = agents < read auth_level: 'admin' >").code([]) ==
                "admins = agents.call { -> read auth_level: 'admin' }"
    }

    def "input that stops inside #what is incomplete"() {
        expect:
        Snippet.of(input).incomplete

        where:
        what                      | input
        'an agents < block'       | 'agents <'
        'a one-line form'         | "agents < read limit: 5"
        'a block with commands'   | "agents <\n  create name: 'A'"
        'a bracket'               | '[1, 2,'
        'a closure'               | '[1].each {'
        'a call'                  | 'println('
        'a triple-quoted string'  | "'''abc"
        'a block comment'         | '/* note'
    }

    def "complete input is not incomplete: #input"() {
        expect:
        !Snippet.of(input).incomplete

        where:
        input << ['agents < read >', "agents <\n  read()\n>", '1 + 1', "'it''s'", "println 'a (b'",
                  '// a comment with (', "'abc", 'x = [1, 2]', "agents < read name: 'a > b' >", 'agents < >']
    }

    def "imports are collected and put in front of later input, on its first line"() {
        given:
        def first = Snippet.of('import java.time.Duration; import static java.lang.Math.max\nDuration.ZERO')

        expect:
        first.imports() == ['import java.time.Duration', 'import static java.lang.Math.max']
        Snippet.of('max(1, 2)\n3').code(first.imports()) ==
                'import java.time.Duration; import static java.lang.Math.max; max(1, 2)\n3'
    }
}
