package io.cnsh.repl

import io.cnsh.client.ConfigException
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import io.cnsh.wire.Format
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/** The slash commands, typed into the shell over a dumb terminal. */
class ReplCommandsSpec extends ShellSandboxSpec {

    /** What the connector was asked to open: name, format, password. */
    List<List> connects = []

    DumbShell shell() {
        new DumbShell(home, DumbShell.sandboxTarget(server), { String name, Format format, char[] password ->
            connects << [name, format, password == null ? null : new String(password)]
            if (name == 'missing') {
                throw new ConfigException("no profile 'missing' in ${home}/config (profiles: prod)")
            }
            DumbShell.sandboxTarget(server, label: name ?: 'sandbox', format: format ?: Format.JSON,
                    sandbox: name == null || name == 'sandbox', production: name == 'prod')
        } as Connector)
    }

    def "/help lists every command with its description, and the help topics"() {
        given:
        def shell = shell()

        when:
        shell.run('/help')

        then:
        def help = shell.answers()[0]
        ['/help', '/connect', '/login', '/format', '/columns', '/reveal', '/load', '/save', '/history', '/trace', '/exit']
                .every { help.contains("  ${it} ") }
        help.contains('/connect PROFILE|sandbox     send requests to a profile of $CNSH_HOME/config or the sandbox')
        help.contains('Topics (/help TOPIC): ')
        help.contains('syntax')
        help.contains("journaled as one run")
        help.contains('cnsh runs revert ID takes them back')
    }

    def "/help TOPIC shows that page of dsl-docs"() {
        given:
        def shell = shell()

        when:
        shell.run('/help syntax')

        then:
        shell.answers()[0].readLines().first() == '# The `agents < … >` syntax'
    }

    def "/help of a command shows its usage; an unknown topic lists the topics"() {
        given:
        def shell = shell()

        when:
        shell.run('/help /format', '/help nosuch')

        then:
        shell.answers()[0] == 'usage: /format json|xml\n  switch the wire format of the current target'
        shell.answers()[1].startsWith("no help topic 'nosuch' (topics: ")
    }

    def "/connect opens the profile through the connector, and the prompt and banner follow it"() {
        given:
        def shell = shell()

        when:
        shell.run('/connect prod', 'agents < read limit: 1 >')

        then:
        connects == [['prod', null, null]]
        shell.answers()[0] == 'connected: writes go to PRODUCTION: spec sandbox, wire format json'
        shell.output().contains('cnsh prod> ')
        shell.answers()[1].readLines().last() == '1 of 40 agents'
    }

    def "/connect to a profile that does not exist says so and stays where it was"() {
        given:
        def shell = shell()

        when:
        shell.run('/connect missing', '/connect')

        then:
        shell.answers()[0] == "no profile 'missing' in ${home}/config (profiles: prod)"
        shell.answers()[1] == 'usage: /connect PROFILE|sandbox'
        shell.output().readLines().last() == 'cnsh sandbox> '
    }

    def "/format reopens the current target in the other wire format, keeping the variables"() {
        given:
        def shell = shell()

        when:
        shell.run('kept = 7', '/format xml', 'kept', '(agents < read limit: 2 >).size()', '/format csv')

        then:
        connects == [[null, Format.XML, null]]
        shell.answers()[1] == 'connected: writes go to the SANDBOX (spec sandbox), wire format xml'
        shell.answers()[2] == '7'
        shell.answers()[3] == '2'
        shell.answers()[4] == 'usage: /format json|xml'
    }

    def "/columns chooses the columns of tables; /columns default restores them"() {
        given:
        def shell = shell()

        when:
        shell.run('/columns username phone', 'agents < read limit: 1 >', '/columns nosuch', '/columns default')

        then:
        shell.answers()[0] == 'columns: username phone'
        shell.answers()[1].readLines()[0] == 'username  phone'
        shell.answers()[1].readLines()[2] == 'praman    +44 20 7946 0101'
        shell.answers()[2] == "unknown column 'nosuch' (columns are field names; /columns default restores the default)"
        shell.answers()[3] == 'columns: agentid name username auth_level selfserve_id filter'
    }

    def "/reveal on shows pins in tables and in the DSL's renderings; off masks them again"() {
        given:
        def shell = shell()

        when:
        shell.run('/columns username pin', 'agents < read limit: 1 >', '/reveal on', 'agents < read limit: 1 >',
                "(agents < read limit: 1 >).pluck('pin')", '/reveal off', 'agents < read limit: 1 >')

        then:
        shell.answers()[1].readLines()[2] == 'praman    ****'
        shell.answers()[2] == 'pins and passwords are now SHOWN in output'
        shell.answers()[3].readLines()[2] == 'praman    482913'
        shell.answers()[4] == '[482913]'
        shell.answers()[6].readLines()[2] == 'praman    ****'
    }

    def "/save writes the session's inputs with secrets masked, and /load runs a file in the session"() {
        given:
        def saved = home.resolve('session.groovy')
        def script = home.resolve('script.groovy')
        Files.writeString(script, "def fromFile = 40\nfromFile + 2\n")
        def shell = shell()

        when:
        shell.run("x = 1", "agents < create name: 'Zed', pin: '9876' >", "/save ${saved}", "/load ${script}", 'fromFile', '/load nosuch.groovy')

        then:
        shell.answers()[2] == "saved 2 lines to ${saved} (pin and password values masked)"
        Files.readString(saved) == "x = 1\nagents < create name: 'Zed', pin: '****' >\n"
        shell.answers()[3] == '42'
        shell.answers()[4] == '40'
        shell.answers()[5].startsWith('cannot read nosuch.groovy')
    }

    def "/history shows the numbered history; /history N the last N"() {
        given:
        def shell = shell()

        when:
        shell.run('1 + 1', "agents < read pin: '1234' >", '/history', '/history 1')

        then:
        shell.answers()[2].readLines() == ['    1  1 + 1', "    2  agents < read pin: '****' >", '    3  /history']
        shell.answers()[3].readLines() == ['    4  /history 1']
    }

    def "/trace with no error yet says so"() {
        given:
        def shell = shell()

        when:
        shell.run('/trace')

        then:
        shell.answers()[0] == 'no error yet'
    }

    def "/exit ends the shell with a code; an unknown command is one line"() {
        given:
        def shell = shell()

        expect:
        shell.run('/nosuch', '/exit 4', '1 + 1') == 4
        shell.answers()[0] == 'unknown command /nosuch (/help lists the commands)'
        !shell.answers().contains('2')
    }

    def "/login on the sandbox needs nothing"() {
        given:
        def shell = shell()

        when:
        shell.run('/login')

        then:
        shell.answers()[0] == 'the sandbox needs no login'
        connects.isEmpty()
    }
}
