package io.cnsh.cli

import java.nio.file.Path
import spock.lang.Specification
import spock.lang.TempDir

/**
 * {@code cnsh -e} on inputs that a lexer of its own would misread: each behaves as plain Groovy
 * does. Run in-process through {@link Main#run}, on the embedded sandbox of a temporary
 * {@code CNSH_HOME}.
 */
class ScriptGroovyInputsSpec extends Specification {

    @TempDir
    Path home

    def "-e #what prints #shown"() {
        when:
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: home.toString()], new PrintWriter(out), new PrintWriter(err), '-e', input)

        then:
        code == 0
        out.toString().readLines().last() == shown
        err.toString() == ''

        where:
        what                                     | input                                  || shown
        'a slashy regex holding a bracket'       | "'a(b'.split(/\\(/)"                   || '[a, b]'
        'a line that starts with a slashy regex' | '/aa/ ==~ /a+/'                        || 'true'
        'a line that starts with a comment'      | '/* note */ 1'                         || '1'
        'a slashy string alone'                  | '/x/'                                  || 'x'
        'a form with a comment before its <'     | 'agents /* c */ < read limit: 1 >'     || '1 of 40 agents'
    }

    def "-e gives the answer of Groovy itself for a slashy string that has no matcher()"() {
        when:
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: home.toString()], new PrintWriter(out), new PrintWriter(err), '-e',
                "/a+/.matcher('aa').matches()")

        then:
        code == 1
        out.toString() == ''
        err.toString() == 'cnsh: -e:1: no method matcher(1 argument) on String\n'
    }
}
