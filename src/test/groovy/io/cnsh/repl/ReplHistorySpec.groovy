package io.cnsh.repl

import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import io.cnsh.wire.Format
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/** The history file: kept across sessions, readable by its owner only, never holding a secret. */
class ReplHistorySpec extends Specification {

    @Shared
    @AutoCleanup
    SandboxServer server = SandboxServer.builder().port(0).inMemory().build().start()

    @TempDir
    Path home

    def setup() {
        server.reset(Seed.DEMO)
    }

    def "the history file never holds a pin or a password, but keeps the rest of the line"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run("agents < create name: 'Joe', username: 'jbloggs', pin: '482913', password: 'Sup3r-Secret' >",
                'agents <', '  update agentid: 550000, pin: "771234"', '>')

        then:
        def history = Files.readString(home.resolve('history'))
        !history.contains('482913') && !history.contains('Sup3r-Secret') && !history.contains('771234')
        history.contains("agents < create name: 'Joe', username: 'jbloggs', pin: '****', password: '****' >")
        history.contains('update agentid: 550000, pin: "****"')
    }

    def "the history file is readable by its owner only"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run('1 + 1')

        then:
        PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve('history'))) == 'rw-------'
    }

    def "history lasts from one session to the next"() {
        given:
        new DumbShell(home, DumbShell.sandboxTarget(server)).run('first = 1')
        def second = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        second.run('/history')

        then:
        second.answers()[0].readLines() == ['    1  first = 1', '    2  /history']
    }

    def "the password typed at /login is never echoed and never enters the history; the wire format stays"() {
        given:
        char[] received = null
        Format keptFormat = null
        def target = DumbShell.sandboxTarget(server, label: 'staging', sandbox: false, format: Format.XML)
        def shell = new DumbShell(home, target, { String name, Format format, char[] password ->
            received = password.clone()
            keptFormat = format
            DumbShell.sandboxTarget(server, label: 'staging', sandbox: false)
        } as Connector)

        when:
        shell.run('/login', 'Hunter2-Password', '1 + 1')

        then:
        new String(received) == 'Hunter2-Password'
        keptFormat == Format.XML
        !shell.output().contains('Hunter2')
        shell.output().contains('API password for staging: ')
        !Files.readString(home.resolve('history')).contains('Hunter2')
        Files.readString(home.resolve('history')).readLines()*.replaceFirst(/^\d+:/, '') == ['/login', '1 + 1']
    }
}
