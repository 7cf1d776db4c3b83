package io.cnsh.repl

import io.cnsh.RunNotice
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import org.jline.terminal.Size
import org.jline.terminal.Terminal
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/** Lines typed into the shell over a dumb terminal, against a loopback sandbox. */
class ReplEvaluatorSpec extends ShellSandboxSpec {

    def setup() {
        server.faults().clear()
    }

    def "a variable set on one line is there on the next"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run('x = 5', 'x * 2')

        then:
        shell.answers()[0..1] == ['5', '10']
    }

    def "a def at the top level of a line lasts for the session, one inside a closure does not"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run("def greeting = 'hi'", 'greeting + "!"', '[1].each { def inner = 2 }', 'binding.hasVariable("inner")')

        then:
        shell.answers()[0..3] == ['hi', 'hi!', '[1]', 'false']
    }

    def "an import is remembered for later lines"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run('import java.time.temporal.ChronoUnit', 'ChronoUnit.DAYS.name()')

        then:
        shell.answers()[1] == 'DAYS'
    }

    def "a read prints the agents as a table with the count and the total"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run("agents < read limit: 3 >")

        then:
        shell.answers()[0].readLines() == [
                'agentid  name               username     auth_level  selfserve_id  filter',
                '-------  -----------------  -----------  ----------  ------------  ------',
                '550000   Priya Raman        praman       admin       3101          0',
                '550001   Tom Hargreaves     thargreaves  admin       3102          0',
                '550002   Default PBX Agent  pbx_default  agent       0             505050',
                '3 of 40 agents']
    }

    def "the table fits the terminal's width"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server), null, new Size(50, 0))

        when:
        shell.run("agents < read limit: 2 >")

        then:
        def table = shell.answers()[0].readLines()
        table.every { it.length() <= 50 }
        table.any { it.contains('…') || it.contains('not shown') }
        table.last() == '2 of 40 agents'
    }

    def "a create of one agent prints one line with its agentid, and an update prints the count"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run("id = agents < create name: 'Joe Bloggs', username: 'jbloggs', pin: '482913' >",
                "agents < update agentid: id, auth_level: 'supervisor' >",
                "(agents < read username: 'jbloggs' >).first().auth_level")

        then:
        shell.answers()[0..2] == ["${RunNotice.SAID}\ncreated agent 550040".toString(), 'updated 1 agent', 'supervisor']
    }

    def "a line that fails prints one line naming the problem, and /trace shows the stack trace"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run("agents < read nmae: 'Joe' >", '/trace')

        then:
        shell.answers()[0] == "unknown field 'nmae' — did you mean 'name'?"
        shell.answers()[1].readLines().first().startsWith('io.cnsh.dsl.DslScriptException: cnsh:1: unknown field')
        shell.answers()[1].readLines().size() > 5
    }

    def "an error in a line of several names the line"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run('agents <', "  read limit: 1", "  nosuch()", '>')

        then:
        shell.answers()[0] ==~ /line 3: .*nosuch.*/
    }

    def "an open agents < block continues on the next line until its >"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run('agents <',
                "    create name: 'A. Smith', username: 'asmith'",
                "    create name: 'B. Jones', username: 'bjones'",
                '>',
                "(agents < read username: 'bjones' >).size()")

        then:
        shell.answers()[0] == "${RunNotice.SAID}\n550041"
        shell.answers()[1] == '1'
        shell.history().contains("agents <\\n    create name: 'A. Smith'")
    }

    def "an unclosed bracket continues on the next line"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run('[1, 2,', ' 3].sum()', "'''a", "b'''.size()")

        then:
        shell.answers()[0..1] == ['6', '3']
    }

    def "println inside a line goes to the terminal"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run('println "hello"')

        then:
        shell.answers()[0] == 'hello'
    }

    def "Ctrl-C abandons a slow request and the session goes on with its variables"() {
        given: 'a session whose token is already fetched'
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server)).start()
        shell.type('kept = 42').type('agents < read limit: 1 >')
        shell.waitFor('1 of 40 agents')

        when: 'every request now takes 20 seconds, and Ctrl-C is pressed during a read'
        server.faults().latency(Duration.ofSeconds(20), Duration.ZERO)
        shell.type('agents < read >')
        waitUntilHeld(server)
        shell.terminal.raise(Terminal.Signal.INT)
        shell.waitFor('cancelled')
        server.faults().clear()
        shell.type('kept + 1')
        shell.waitFor('43')

        then:
        shell.finish() == 0
        shell.answers().contains('cancelled')
        !shell.output().readLines().contains('40 agents')
    }

    def "a script's exit ends the shell with its code"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        expect:
        shell.run('exit 3', '1 + 1') == 3
        !shell.answers().contains('2')
    }

    def "the banner says where writes go and the wire format"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run()

        then:
        shell.output().readLines()[1] == 'writes go to the SANDBOX (spec sandbox), wire format json'
        shell.output().contains('cnsh sandbox> ')
    }

    def "a production target is named in the banner and in the prompt"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server, label: 'prod', sandbox: false, production: true))

        when:
        shell.run()

        then:
        shell.output().readLines()[1] == 'writes go to PRODUCTION: spec sandbox, wire format json'
        shell.output().contains('cnsh prod> ')
    }

    def "on a production target, a write of more than 25 agents asks first and a no sends nothing"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server, label: 'prod', sandbox: false, production: true))

        when:
        shell.run("many = (1..26).collect { [name: 'Temp ' + it, username: 'temp' + it] }",
                'agents.create(many)',
                'n',
                "(agents < read all: true >).size()",
                'agents.create(many)',
                'yes',
                "(agents < read all: true >).size()")

        then:
        def answers = shell.answers()
        answers[1] == 'create 26 agents on the production account prod? [y/N] nothing sent: the create of 26 agents was not confirmed'
        answers[2] == '40'
        answers[3] == "create 26 agents on the production account prod? [y/N] ${RunNotice.SAID}\ncreated 26 agents"
        answers[4] == '66'

        and: 'the answers are not history'
        !shell.history().readLines().any { it.endsWith(':n') || it.endsWith(':yes') }
    }

    def "on a production target, a write of 25 agents or fewer goes ahead without a question"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server, label: 'prod', sandbox: false, production: true))

        when:
        shell.run("agents.create((1..25).collect { [name: 'Temp ' + it] })")

        then:
        shell.answers()[0] == "${RunNotice.SAID}\ncreated 25 agents"
        !shell.output().contains('[y/N]')
    }

    def "a sandbox target never asks, however large the write"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run("agents.create((1..30).collect { [name: 'Temp ' + it] })")

        then:
        shell.answers()[0] == "${RunNotice.SAID}\ncreated 30 agents"
    }

    def "a target that cannot be opened is reported in one line, and /connect is suggested"() {
        given:
        def broken = ReplTarget.builder().label('sandbox').sandbox(true)
                .opener({ throw new io.cnsh.sandbox.SandboxException('sandbox data directory /x is in use') })
                .build()
        def shell = new DumbShell(home, broken)

        when:
        shell.run('1 + 1')

        then:
        shell.answers()[0] == 'not connected: sandbox data directory /x is in use (use /connect PROFILE or /connect sandbox)'
    }

    /** Waits until the sandbox holds a request, so that Ctrl-C lands on the read in flight, not on the line being typed. */
    private static void waitUntilHeld(SandboxServer server) {
        new PollingConditions(timeout: 30, delay: 0.02).eventually {
            assert server.faults().held() > 0
        }
    }
}
