package io.cnsh.cli

import io.cnsh.SpecResources
import io.cnsh.client.AgentQuery
import io.cnsh.client.ContactNow
import io.cnsh.repl.Tmux
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.ResourceLock
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The production guard's question on a real terminal: {@code cnsh -e} started in a tmux pane with
 * its standard input a pipe, so that only {@code /dev/tty} can answer. Needs {@code /usr/bin/tmux}.
 */
@ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'drives cnsh in a tmux terminal')
class GuardTerminalSpec extends Specification {

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.DEMO).build().start()
    @Shared ContactNow reader = ContactNow.builder().baseUrl(server.baseUri()).credentials('demo', 'demo').build()

    @TempDir Path home

    @AutoCleanup Tmux tmux = new Tmux()

    def setupSpec() {
        assert new File(Tmux.TMUX).canExecute(): 'this spec drives a real terminal with tmux: apt-get install tmux (.ci/run does)'
    }

    def "with stdin a pipe that says y, the question is asked on the terminal and the n typed there refuses the write"() {
        given:
        Files.writeString(home.resolve('config'), """\
            [profiles.prod]
            url = "${server.baseUri()}"
            username = "demo"
            production = true
            """.stripIndent())
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        String classPath = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        List<String> cnsh = ['env', '-u', 'CNSH_PROFILE', '-u', 'CNSH_BASE_URL', '-u', 'CNSH_ASSUME_YES',
                             "CNSH_HOME=${home}".toString(), 'CNSH_PASSWORD=demo',
                             java, '-cp', classPath, 'io.cnsh.cli.Main', '--profile', 'prod', '-e', "(agents < read >).update(moh: 'x')"]
        tmux.start("echo y | ${cnsh.collect { Tmux.quote(it) }.join(' ')}; echo \"exit=\$?\"", 200, 50)

        when: 'the question shows on the terminal, unanswered by the piped y'
        tmux.waitFor('update 40 agents on the production account prod? [y/N]')

        and: 'n is typed at the terminal'
        tmux.type('n')
        tmux.press('Enter')
        def screen = tmux.waitFor('exit=')

        then:
        screen.contains('cnsh: -e:1: nothing sent: the update of 40 agents was not confirmed')
        screen.contains('exit=2')
        reader.agents().readAll(AgentQuery.all()).noneMatch { it.moh() == 'x' }
    }
}
