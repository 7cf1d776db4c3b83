package io.cnsh.repl

import io.cnsh.RunNotice
import io.cnsh.testing.SandboxFixture
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * {@code /dry-run on|off} in the shell over a dumb terminal, on a loopback sandbox whose request log
 * shows what was sent: while on, the prompt says so and each input prints the plan of what it would
 * have written; off sends again.
 */
class ReplDryRunSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture sandbox = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path home

    def setup() {
        sandbox.reset()
    }

    def "/dry-run on shows in the prompt and holds an update back; /dry-run off sends it"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(sandbox.server))
        String update = "(agents < read username: 'gokafor' >).update(moh: 'x')"

        when:
        shell.run('/dry-run on', update, '/dry-run off', update)
        String screen = shell.output()

        then:
        screen =~ /cnsh sandbox \(dry run\)> ~ update agent \d+ gokafor\n      moh  'none' -> 'x'\n/
        screen.contains('Dry run: 0 creates, 1 agent to change (1 field), nothing sent.')
        screen.contains("cnsh sandbox (dry run)> dry run off: creates and updates are sent again\ncnsh sandbox> ${RunNotice.SAID}\nupdated 1 agent")
        sandbox.requests('agents/update').size() == 1
        sandbox.requests('agents/create').isEmpty()
    }

    def "a placeholder id from a dry-run create is refused once the dry run is off; a bad argument gets the usage"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(sandbox.server))

        when:
        shell.run('/dry-run on', "id = agents < create username: 'tnew', name: 'Tess', pin: '482913' >", '/dry-run off',
                "agents < update agentid: id, name: 'Tess New' >", '/dry-run maybe')
        String screen = shell.output()

        then:
        screen.contains('+ create tnew (Tess) as agent 9000000000000000001 (a dry-run placeholder)')
        screen.contains('agent 9000000000000000001 is a dry-run placeholder, not an agent')
        screen.contains('usage: /dry-run on|off')
        !screen.contains('482913')
        sandbox.requests('agents/update').isEmpty()
        sandbox.requests('agents/create').isEmpty()
    }

    def "a write held by /dry-run journals no run; the same write sent after /dry-run off journals one"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(sandbox.server))
        String update = "(agents < read username: 'gokafor' >).update(moh: 'x')"

        when: 'only held writes'
        new DumbShell(home, DumbShell.sandboxTarget(sandbox.server)).run('/dry-run on', update, update)

        then:
        runFiles() == 0
        sandbox.requests('agents/update').isEmpty()

        when: 'sent'
        shell.run('/dry-run on', update, '/dry-run off', update)

        then:
        sandbox.requests('agents/update').size() == 1
        runFiles() > 0
    }

    private long runFiles() {
        Path runs = home.resolve('runs')
        Files.exists(runs) ? Files.walk(runs).withCloseable { s -> s.filter { Files.isRegularFile(it) }.count() } : 0
    }
}
