package io.cnsh.repl

import io.cnsh.client.CnshHome
import io.cnsh.sandbox.SandboxServer
import java.nio.charset.StandardCharsets
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/** The public way to embed the shell: a target, a home, plain streams, an exit code. */
class ReplLauncherSpec extends ShellSandboxSpec {

    def "the shell runs over plain streams and returns its exit code"() {
        given:
        def input = new ByteArrayInputStream("agents < read limit: 2 >\n/exit 5\n".getBytes(StandardCharsets.UTF_8))
        def output = new ByteArrayOutputStream()

        when:
        int code = ReplLauncher.builder()
                .home(new CnshHome(home))
                .target(DumbShell.sandboxTarget(server))
                .historyFile(home.resolve('other-history'))
                .streams(input, output)
                .build()
                .start()

        then:
        code == 5
        output.toString('UTF-8').contains('2 of 40 agents')
        home.resolve('other-history').toFile().text.contains('agents < read limit: 2 >')
        !home.resolve('history').toFile().exists()
    }

    def "a lazily opened target is opened once, after the first prompt, and closed at the end"() {
        given:
        int opened = 0
        boolean closed = false
        def client = DumbShell.sandboxTarget(server).client()
        def target = ReplTarget.builder().label('sandbox').sandbox(true)
                .opener({ opened++; client })
                .onClose({ closed = true })
                .build()
        def output = new ByteArrayOutputStream()

        when:
        ReplLauncher.builder().home(new CnshHome(home)).target(target)
                .streams(new ByteArrayInputStream('1 + 1\n(agents < read limit: 1 >).size()\n'.bytes), output)
                .build().start()

        then:
        opened == 1
        closed
        output.toString('UTF-8').contains('cnsh sandbox> 2\ncnsh sandbox> 1\n')
    }
}
