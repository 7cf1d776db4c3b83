package io.cnsh.repl

import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * Inputs that a lexer of its own would misread, typed into the shell over a dumb terminal: each
 * behaves as plain Groovy does, because the shell reads them with the DSL's scanner.
 */
class ReplGroovyInputsSpec extends ShellSandboxSpec {

    def "#what runs in one line and its answer ends with #last"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        int code = shell.run(input)

        then: 'one prompt answered, with no continuation prompt'
        code == 0
        shell.answers()[0].readLines().last() == last
        !shell.output().contains('...>')

        where:
        what                                     | input                                  || last
        'a slashy regex holding a bracket'       | "'a(b'.split(/\\(/)"                  || '[a, b]'
        'a line that starts with a slashy regex' | '/aa/ ==~ /a+/'                        || 'true'
        'a line that starts with a comment'      | '/* note */ 1'                         || '1'
        'a slashy string alone'                  | '/x/'                                  || 'x'
        'a form with a comment before its <'     | 'agents /* c */ < read limit: 1 >'     || '1 of 40 agents'
        'a command whose argument has a /'       | '/help /load'                          || '  run a file of cnsh code in this session'
    }

    def "a line that starts with a slashy regex is Groovy even when Groovy refuses it: String has no matcher()"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run("/a+/.matcher('aa').matches()", "(~/a+/).matcher('aa').matches()")

        then: 'the answer of Groovy itself, as plain Groovy and cnsh -e give it, not an unknown command'
        shell.answers()[0] == 'no method matcher(1 argument) on String'
        shell.answers()[1] == 'true'
    }

    def "'#line' is a command: #command"() {
        expect:
        ReplParser.isCommand(line, ['/help', '/load', '/connect']) == command

        where:
        line                            || command
        '/help'                         || true
        '  /help syntax'                || true
        '/load /tmp/a b/c.groovy'       || true
        '/nosuch'                       || true
        '/'                             || true
        '/x/'                           || false
        '/help/'                        || false
        "/a+/.matcher('aa').matches()"  || false
        '/* note */ 1'                  || false
        '// note'                       || false
        '/x y/.size()'                  || false
        'x / 2'                         || false
    }
}
