package io.cnsh.cli

import io.cnsh.RunNotice
import io.cnsh.SpecResources
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.ResourceLock
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The shell with its input on a pipe, in a process of its own on a loopback sandbox: no banner and
 * no prompts, the first failing input ends it with 1 ({@code --keep-going} runs on), an input left
 * open at the end names its line, and {@code -i} keeps the prompting shell. Agent 550004 has music
 * on hold 'default' in the demo seed.
 */
@ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'starts cnsh processes')
class PipedShellSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture sandbox = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path dir

    def setup() {
        sandbox.reset()
    }

    def "echo '6*7' | cnsh prints 42 and nothing else, exit 0"() {
        when:
        def r = piped([], '6*7\n')

        then:
        r.code == 0
        r.out == '42\n'
        r.err == ''
    }

    def "a failing line ends the shell with 1; the next line is not run"() {
        when:
        def r = piped([], "agents < nosuch >\nagents < update agentid: 550004, moh: 'second' >\n")

        then:
        r.code == 1
        r.out == ''
        r.err.readLines() == ["line 1: unknown verb 'nosuch' (agents understands create, read, update)"]
        moh() == 'default'
    }

    def "an unknown /command fails the same way"() {
        when:
        def r = piped([], "/nosuch\n1 + 1\n")

        then:
        r.code == 1
        !r.out.readLines().contains('2')
        r.err.readLines().size() == 1
    }

    def "--keep-going runs every line and still ends with 1"() {
        when:
        def r = piped(['--keep-going'], "agents < nosuch >\nagents < update agentid: 550004, moh: 'second' >\n40 + 2\n")

        then:
        r.code == 1
        r.err.readLines().size() == 2
        r.err.readLines()[0] == "line 1: unknown verb 'nosuch' (agents understands create, read, update)"
        r.err.readLines()[1] ==~ /cnsh: writes journaled as run code-\d{8}-\d{6}-[0-9a-f]{4}/
        r.out.readLines() == ['updated 1 agent', '42']
        moh() == 'second'
    }

    def "a block still open at the end of the input is an error naming the line it starts on; nothing of it runs"() {
        when:
        def r = piped([], "1 + 1\n\nagents < update agentid: 550004,\n   moh: 'never'\n")

        then:
        r.code == 1
        r.out == '2\n'
        r.err.readLines().size() == 1
        r.err.startsWith("line 3: input ended inside the input that starts there ('agents < update agentid: 550004,')")
        moh() == 'default'
    }

    def "an open brace left at the end is an error too"() {
        when:
        def r = piped([], "def f() {\n  1\n")

        then:
        r.code == 1
        r.out == ''
        r.err.startsWith('line 1: input ended inside')
    }

    def "lines that continue and close run as one input"() {
        when:
        def r = piped([], "def n = agents < read agentid: 550004,\n  limit: 5 >\nn.size()\n")

        then: 'the read shows its one agent, and n holds it'
        r.code == 0
        r.out.readLines().count { it.startsWith('550004 ') } == 1
        r.out.readLines().last() == '1'
    }

    def "/exit 3 ends it with 3 and runs no more lines"() {
        when:
        def r = piped([], "1\n/exit 3\n2\n")

        then:
        r.code == 3
        r.out == '1\n'
    }

    def "-i keeps the banner, the prompts and running on after a failure, exit 0"() {
        when:
        def r = piped(['-i'], "agents < nosuch >\n6*7\n")

        then:
        r.code == 0
        r.out.contains('the ContactNow agent shell')
        r.out.contains('cnsh demo> ') || r.out =~ /cnsh [^ ]+> /
        r.out.contains('42')
    }

    def "a write refused by the guard on a pipe ends the shell with 2; nothing sent"() {
        when:
        def r = piped(['--max-changes', '0'], "agents < update agentid: 550004, moh: 'refused' >\n1 + 1\n")

        then:
        r.code == 2
        r.err.contains('nothing sent')
        r.out == ''
        moh() == 'default'
    }

    def "errors and warnings of a piped session go to stderr, values to stdout, in input order within each"() {
        when:
        def r = piped(['--keep-going'], "1\nagents < nosuch >\n2\n/nosuch\n3\n")

        then:
        r.code == 1
        r.out == '1\n2\n3\n'
        r.err.readLines().size() == 2
        r.err.readLines()[0] == "line 2: unknown verb 'nosuch' (agents understands create, read, update)"
        r.err.readLines()[1] ==~ /line 4: .*\/nosuch.*/
    }

    def "each error names the line of the input it comes from, in a multi-line input too"() {
        when:
        def r = piped(['--keep-going'], "1\n2 +* 3\n\nfoo.bar()\nagents < nosuch\n  >\n6 * 7\n")

        then:
        r.code == 1
        r.out == '1\n42\n'
        r.err.readLines() == ["line 2: Unexpected input: '+'",
                              "line 4: no variable or property 'foo'",
                              "line 5: unknown verb 'nosuch' (agents understands create, read, update)"]
    }

    def "piped writes say their run id once, on stderr; stdout holds the values only"() {
        when:
        def r = piped([], "agents < update agentid: 550004, moh: 'second' >\nagents < update agentid: 550005, moh: 'second' >\n6*7\n")

        then:
        r.code == 0
        r.out == 'updated 1 agent\nupdated 1 agent\n42\n'
        RunNotice.onlyIn(r.err, sandbox.home)
        moh() == 'second'
    }

    private Map piped(List<String> args, String input) {
        def child = ChildCnsh.start(sandbox, dir, args)
        child.process.outputStream.withStream { it.write(input.getBytes('UTF-8')) }
        int code = child.waitFor()
        [code: code, out: child.out, err: child.err]
    }

    private String moh() {
        sandbox.agent(agentid: '550004').moh()
    }
}
