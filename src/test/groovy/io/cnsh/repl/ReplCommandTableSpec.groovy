package io.cnsh.repl

import io.cnsh.client.CnshHome
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import io.cnsh.wire.Format
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/** The command table ({@link ReplCommands}) as the shell uses it: one place, one order, every handler reachable. */
class ReplCommandTableSpec extends ShellSandboxSpec {

    static final List<String> NAMES = ['/help', '/connect', '/login', '/format', '/columns', '/reveal', '/dry-run', '/load', '/save',
                                       '/history', '/trace', '/exit']

    def "the table holds every command once, in the order /help lists them, each with a description"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run('/help')
        def table = ReplCommands.table(new ReplSession(shell.terminal, new Printer(shell.terminal, false),
                DumbShell.sandboxTarget(server), null, new CnshHome(home), 'cnsh spec'), null,
                new CnshHome(home))
        List<String> listed = shell.answers()[0].readLines().findAll { it.startsWith('  /') }*.strip()
                .collect { it.split(' ')[0] }

        then:
        table.keySet() as List == NAMES
        listed == NAMES
        table.values().every { it.description() && it.action() != null && it.completer() != null }
    }

    def "a command's name is matched in any case, and its arguments are stripped"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run('/COLUMNS   username   name  ', '/Exit 3')

        then:
        shell.exitCode == 3
        shell.answers()[0] == 'columns: username name'
    }

    def "/login with nothing typed opens nothing and stays on the same target"() {
        given:
        List<String> opened = []
        def target = DumbShell.sandboxTarget(server, label: 'staging', sandbox: false)
        def shell = new DumbShell(home, target, { String name, Format format, char[] password ->
            opened << name
            DumbShell.sandboxTarget(server, label: 'other', sandbox: false)
        } as Connector)

        when:
        shell.run('/login', '', '1 + 1')

        then:
        opened.isEmpty()
        shell.output().contains('API password for staging: ')
        shell.output().contains(ReplText.LOGIN_EMPTY)
        shell.output().contains('cnsh staging> ')
        !shell.output().contains('cnsh other> ')
    }
}
