package io.cnsh.repl

import io.cnsh.SpecResources
import io.cnsh.sandbox.SandboxServer
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.ResourceLock
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * The shell on a real terminal, end to end: {@code cnsh} started in a tmux pane from the test
 * class path, keys typed with {@code send-keys}, the screen read with {@code capture-pane}.
 * Needs {@code /usr/bin/tmux} ({@code .ci/run} installs it).
 */
@ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'drives the shell in tmux terminals')
class ReplTerminalSpec extends Specification {

    @TempDir
    Path tmp

    @AutoCleanup
    Tmux tmux = new Tmux()

    /** A loopback sandbox in this JVM, so that the feature can slow it down at the right moment. */
    @Shared
    @AutoCleanup
    SandboxServer slowable = SandboxServer.builder().port(0).inMemory().build().start()

    def setupSpec() {
        assert new File(Tmux.TMUX).canExecute(): 'this spec drives a real terminal with tmux: apt-get install tmux (.ci/run does)'
    }

    def "create, read, complete and leave on the in-process sandbox; the history keeps no pin"() {
        given:
        Path home = tmp.resolve('home')
        tmux.start(cnsh(home, ['--sandbox', '--sandbox-data', tmp.resolve('sandbox').toString()]), 120, 50)

        when: 'the shell starts'
        def screen = tmux.waitFor('\ncnsh sandbox>')

        then: 'the banner says where writes go'
        screen.contains('writes go to the SANDBOX (in-process, data in ' + tmp.resolve('sandbox'))
        screen.contains('wire format json')

        when: 'an agent is created'
        tmux.type("agents < create name: 'Tilly Tmux', username: 'ttmux', pin: '482913' >")
        tmux.press('Enter')
        screen = tmux.waitFor('created agent ')

        then:
        screen =~ /created agent 5500\d\d/

        when: 'it is read back'
        tmux.type("agents < read username: 'ttmux' >")
        tmux.press('Enter')
        screen = tmux.waitFor('1 agent\n')

        then: 'it shows as a table'
        screen.contains('agentid  name        username  auth_level  selfserve_id  filter')
        screen =~ /5500\d\d   Tilly Tmux  ttmux /

        when: 'the history is searched with Ctrl-R'
        tmux.press('C-r')
        tmux.type('Tilly')
        // 'Tilly' is on the screen already (the create above): wait for the search to have taken the typed text
        screen = tmux.waitFor('bck-i-search: Tilly')

        then: 'the create is found, with its pin masked as the history keeps it'
        screen.readLines().any { it.contains("create name: 'Tilly Tmux', username: 'ttmux', pin: '****'") }

        when: 'Tab is pressed after a half-typed verb'
        tmux.press('C-g')
        tmux.press('C-u')
        tmux.waitUntil('an empty prompt') { String s -> s.readLines().last() == 'cnsh sandbox>' }
        tmux.type('agents < re')
        tmux.press('Tab')

        then: 'the verb is completed'
        tmux.waitUntil('the completed verb') { String s -> s.readLines().last() == 'cnsh sandbox> agents < read' }

        when: 'Tab is pressed after the start of a field name'
        tmux.press('C-u')
        tmux.type('agents < update auth_')
        tmux.press('Tab')
        screen = tmux.waitFor('auth_supervisor')

        then: 'the four auth fields are listed'
        ['auth_admin', 'auth_level', 'auth_reports', 'auth_supervisor'].every { screen.contains(it) }

        when: 'the line is dropped with Ctrl-C'
        tmux.press('C-c')
        tmux.waitUntil('an empty prompt') { String s -> s.readLines().last() == 'cnsh sandbox>' }

        and: 'a help page taller than the screen is shown'
        tmux.type('/help syntax')
        tmux.press('Enter')
        screen = tmux.waitFor('-- more --')

        then: 'it stops at the first screenful'
        screen.contains('# The `agents < … >` syntax')
        !screen.contains('## How it hooks into Groovy')

        when: 'q leaves the pager, and Ctrl-D the shell'
        tmux.press('q')
        tmux.waitUntil('the prompt after the pager') { String s -> s.readLines().last() == 'cnsh sandbox>' }
        tmux.press('C-d')
        tmux.waitUntil('the shell to end') { String s -> tmux.exited() }

        then: 'the history holds the lines, with the pin masked'
        def history = Files.readString(home.resolve('history'))
        !history.contains('482913')
        history.contains("agents < create name: 'Tilly Tmux', username: 'ttmux', pin: '****' >")
        history.contains("agents < read username: 'ttmux' >")
    }

    def "Ctrl-C during a slow read cancels it and the session goes on"() {
        given: 'a shell on a loopback sandbox whose answers can be slowed'
        Path home = tmp.resolve('home2')
        tmux.start(cnsh(home, ['--base-url', slowable.baseUri().toString(), '--username', 'demo'], [CNSH_PASSWORD: 'demo']), 120, 50)
        tmux.waitFor('\ncnsh 127.0.0.1>')
        tmux.type('kept = 41')
        tmux.press('Enter')
        tmux.type('agents < read limit: 1 >')
        tmux.press('Enter')
        tmux.waitFor('1 of 40 agents')

        when: 'every answer takes 30 seconds and Ctrl-C is pressed while a read waits'
        slowable.faults().latency(Duration.ofSeconds(30), Duration.ZERO)
        tmux.type('agents < read >')
        tmux.press('Enter')
        new PollingConditions(timeout: 60, delay: 0.05).eventually {
            assert slowable.faults().held() > 0: 'the read is in flight'
        }
        tmux.press('C-c')
        def screen = tmux.waitFor('cancelled')
        slowable.faults().clear()

        then:
        screen.readLines().any { it.endsWith('cancelled') }

        when: 'the session goes on'
        tmux.type('kept + 1')
        tmux.press('Enter')
        screen = tmux.waitFor('\n42\n')

        then: 'with its variables, and no late answer of the cancelled read'
        !screen.readLines().contains('40 agents')
        !tmux.exited()

        when: 'the wire format is switched, then the in-process sandbox is connected'
        tmux.type('/format xml')
        tmux.press('Enter')
        tmux.waitFor('connected: writes go to ' + slowable.baseUri() + ', wire format xml')
        tmux.type('/connect sandbox')
        tmux.press('Enter')
        tmux.waitFor('connected: writes go to the SANDBOX (in-process, data in ' + home.resolve('sandbox'))
        tmux.type('(agents < read limit: 3 >).size() + kept')
        tmux.press('Enter')
        screen = tmux.waitFor('\n44\n')

        then: 'the prompt names the new target and the variables are still there'
        screen.readLines().last() == 'cnsh sandbox>'

        cleanup:
        slowable.faults().clear()
    }

    def "lines that a lexer of its own would misread run as Groovy on a real terminal"() {
        given:
        Path home = tmp.resolve('home3')
        tmux.start(cnsh(home, ['--sandbox', '--sandbox-data', tmp.resolve('sandbox3').toString()]), 120, 50)
        tmux.waitFor('\ncnsh sandbox>')

        expect: 'each line, once echoed and entered, gets its answer and the next empty prompt'
        [["'a(b'.split(/\\(/)", '[a, b]'],
         ['/aa/ ==~ /a+/', 'true'],
         ['/* note */ 1', '1'],
         ['agents /* c */ < read limit: 1 >', '1 of 40 agents'],
         ['/help /load', '  run a file of cnsh code in this session']].every { String input, String answer ->
            tmux.type(input)
            tmux.waitUntil("the line '${input}' echoed") { String s -> s.readLines().last() == 'cnsh sandbox> ' + input }
            tmux.press('Enter')
            String screen = tmux.waitUntil("the answer to '${input}'") { String s ->
                List<String> lines = s.readLines()
                lines.size() > 2 && lines[-1] == 'cnsh sandbox>' && lines[-2] == answer
            }
            tmux.press('C-l')
            tmux.waitUntil('a cleared screen') { String s -> s.readLines() == ['cnsh sandbox>'] }
            !screen.contains('...>')
        }
    }

    /** The pane's command: cnsh's main class on this JVM's class path, with a fresh CNSH_HOME. */
    private static String cnsh(Path home, List<String> args, Map<String, String> env = [:]) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        String classPath = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        List<String> words = ['exec', 'env', '-u', 'CNSH_PROFILE', '-u', 'CNSH_BASE_URL', '-u', 'CNSH_PASSWORD',
                              "CNSH_HOME=${home}".toString()]
        env.each { k, v -> words << "${k}=${v}".toString() }
        words += [java, '-cp', classPath, 'io.cnsh.cli.Main'] + args
        words.collect { it == 'exec' || it == 'env' ? it : Tmux.quote(it) }.join(' ')
    }
}
