package io.cnsh.repl

import io.cnsh.RunNotice
import io.cnsh.client.AgentQuery
import io.cnsh.client.ChangeGuard
import io.cnsh.client.ContactNow
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The shell and the client's production guard: each input line is one command, whose writes are
 * counted together however they are made; {@code --max-changes} caps each line; {@code exit} and
 * {@code /exit} keep to codes 0 to 255, and {@code /load} holds an exit as the command line does.
 */
class ReplWriteGuardSpec extends Specification {

    static final String LOOP_OF_30 = "(agents < read limit: 30 >).each { agents < update agentid: it.agentid, moh: 'x' > }"

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.DEMO).build().start()

    @Shared ContactNow reader = ContactNow.builder().baseUrl(server.baseUri()).credentials('demo', 'demo').build()

    @TempDir Path home

    def setup() {
        server.reset(Seed.DEMO)
    }

    private DumbShell production() {
        new DumbShell(home, DumbShell.sandboxTarget(server, label: 'prod', sandbox: false, production: true))
    }

    def "a loop of 30 single updates in one line asks once, and the next line counts afresh"() {
        given:
        def shell = production()

        when:
        shell.run(LOOP_OF_30, 'y', "(agents < read >).count { it.moh == 'x' }", LOOP_OF_30.replace("'x'", "'y'"), 'n',
                "(agents < read >).count { it.moh == 'y' }")

        then:
        def answers = shell.answers()
        answers[0].startsWith("${RunNotice.SAID}\nupdate 26 agents on the production account prod? [y/N] agentid  name")
        answers[0].endsWith('30 of 40 agents')
        answers[1] == '30'
        answers[2] == 'update 26 agents on the production account prod? [y/N] nothing sent: the update of 1 agent was not confirmed'
        answers[3] == '25'
        shell.output().count('[y/N]') == 2
    }

    def "a line that catches the refusal and goes on has its later writes refused, and the shell says so"() {
        given:
        def shell = production()

        when:
        shell.run("try { (agents < read >).update(moh: 'x') } catch (e) { }; agents < update agentid: 550004, moh: 'x' >", 'n',
                "(agents < read >).count { it.moh == 'x' }")

        then:
        def answers = shell.answers()
        answers[0] == 'update 40 agents on the production account prod? [y/N] nothing sent: this command had a write' +
                ' refused already (the update of 40 agents was not confirmed)'
        answers[1] == '0'
    }

    def "a shell reading its lines from a pipe never takes the next line as the answer"() {
        given:
        def target = DumbShell.sandboxTarget(server, label: 'prod', sandbox: false, production: true)
        def piped = new ByteArrayInputStream("(agents < read >).update(moh: 'x')\ny\n".getBytes('UTF-8'))
        def screen = new ByteArrayOutputStream()

        when:
        ReplLauncher.builder().home(new io.cnsh.client.CnshHome(home)).target(target).version('cnsh spec')
                .streams(piped, screen).build().start()

        then:
        screen.toString('UTF-8').contains('nothing sent: the update of 40 agents on production account prod needs a yes' +
                ' and there is no terminal to ask (give --yes or set CNSH_ASSUME_YES=1)')
        !screen.toString('UTF-8').contains('[y/N]')
        reader.agents().readAll(AgentQuery.all()).noneMatch { it.moh() == 'x' }
    }

    def "--yes answers for the shell, and --max-changes caps each line"() {
        given:
        def shell = production()
        shell.guardOptions = new ChangeGuard.Options(true, 10)

        when:
        shell.run(LOOP_OF_30, "(agents < read >).count { it.moh == 'x' }",
                "(agents < read limit: 10 >).update(moh: 'y')")

        then:
        def answers = shell.answers()
        answers[0] == "${RunNotice.SAID}\nnothing sent: the update of 1 agent would take this command to 11 agents written, past --max-changes 10"
        answers[1] == '10'
        answers[2] == 'updated 10 agents'
        !shell.output().contains('[y/N]')
    }

    def "/exit #code is refused and the shell goes on"() {
        given:
        def shell = production()

        when:
        int exit = shell.run("/exit $code", '1 + 1')

        then:
        shell.answers()[0] == "/exit takes a code from 0 to 255, got $code"
        shell.answers()[1] == '2'
        exit == 0

        where:
        code << ['256', '-1']
    }

    def "exit 256 typed in the shell is refused in one line and ends it with 1"() {
        given:
        def shell = production()

        when:
        int exit = shell.run('exit 256', '1 + 1')

        then:
        shell.answers()[0] == 'exit 256 refused: exit takes a whole number from 0 to 255 (codes past 255 would wrap); the script ends with 1'
        exit == 1
    }

    def "/load of a file that catches its own exit sends no write after it and ends the shell with its code"() {
        given:
        Path file = home.resolve('stubborn.groovy')
        Files.writeString(file, '''\
            try { exit 3 } catch (Throwable t) { }
            agents < update agentid: 550004, moh: 'x' >
            '''.stripIndent())
        def shell = production()

        when:
        int exit = shell.run("/load $file", '1 + 1')

        then:
        exit == 3
        shell.output().contains('nothing sent: the script called exit 3; nothing is written after exit')
        reader.agents().read(AgentQuery.where('agentid', '550004')).agents()[0].moh() == 'default'
    }
}
