package io.cnsh.repl

import io.cnsh.client.AgentQuery
import io.cnsh.client.ContactNow
import io.cnsh.model.Agent
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
class ReplHistorySpec extends ShellSandboxSpec {

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

    def "a pin sent as #form never stays in the history, in memory or in the file"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))
        int before = stored().count { it.pin() == pin }

        when:
        shell.run(*(['import io.cnsh.model.Agent'] + lines + ['/history']))

        then: 'the write went through: one more agent has the pin'
        stored().count { it.pin() == pin } == before + 1

        and:
        !shell.history().contains(pin)
        !shell.answers().last().contains(pin)
        shell.history().contains(masked)

        where:
        form                    | lines                                                                                    || pin      | masked
        'Agent.builder().pin()' | ["agents.create([Agent.builder().name('Ann Lee').username('alee').pin('918276').build()])"] || '918276' | ".pin('****')"
        "a.with('pin', …)"      | ["a = Agent.of([agentid: '550000'])", "agents.update([a.with('pin', '605314')])"]          || '605314' | "a.with('pin', '****')"
        "[('pin'): …]"          | ["agents.update([[('agentid'): '550000', ('pin'): '739102']])"]                            || '739102' | "('pin'): '****'"
        'def p, then pin: p'    | ["def p = '482913'", "agents < create name: 'Pat Doe', username: 'pdoe', pin: p >"]        || '482913' | "def p = '****'"
    }

    def "a value sent as a pin masks the line that typed it earlier, and no other literal that merely holds its digits"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run("def p = '482913'", 'id = 5504829130', "label = 'A482913'", 'same = 482913',
                "note = \"pin 482913 here\"", "agents < create name: 'Pat Doe', username: 'pdoe', pin: p >", '/history')

        then: 'in memory'
        shell.answers().last().readLines()*.replaceFirst(/^ *\d+  /, '') == [
                "def p = '****'", 'id = 5504829130', "label = 'A482913'", 'same = ****', 'note = "pin 482913 here"',
                "agents < create name: 'Pat Doe', username: 'pdoe', pin: **** >", '/history']

        and: 'in the file, rewritten whole: owner-only, no temporary file left beside it'
        shell.history().readLines()*.replaceFirst(/^\d+:/, '') == [
                "def p = '****'", 'id = 5504829130', "label = 'A482913'", 'same = ****', 'note = "pin 482913 here"',
                "agents < create name: 'Pat Doe', username: 'pdoe', pin: **** >", '/history']
        PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve('history'))) == 'rw-------'
        // the create is journaled as a code run under runs/ (issue 16); nothing else beside history
        Files.list(home).toList()*.fileName*.toString().sort() == ['history', 'runs']
        Files.isDirectory(home.resolve('runs'))
    }

    def "a password sent in one session masks it on the lines an earlier session kept in the file"() {
        given:
        new DumbShell(home, DumbShell.sandboxTarget(server)).run("secret = 'Sup3r-Secret'")
        def second = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        second.run("agents < update agentid: 550000, password: 'Sup3r-Secret' >", '/history')

        then:
        !second.history().contains('Sup3r-Secret')
        second.answers().last().readLines()[0] == "    1  secret = '****'"
    }

    def "/save masks every value the session sent as a pin or password, also on lines typed before"() {
        given:
        def saved = home.resolve('session.groovy')
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run("def p = '482913'", 'id = 5504829130', "w = 'Pa55-word-9'",
                "agents < create name: 'Pat Doe', username: 'pdoe', pin: p, password: w >", "/save ${saved}")

        then:
        Files.readString(saved) == "def p = '****'\nid = 5504829130\nw = '****'\n" +
                "agents < create name: 'Pat Doe', username: 'pdoe', pin: ****, password: **** >\n"
    }

    def "the error line and /trace mask a pin the session sent"() {
        given:
        def shell = new DumbShell(home, DumbShell.sandboxTarget(server))

        when:
        shell.run("def p = '482913'", "agents < create name: 'Pat Doe', username: 'pdoe', pin: p >",
                "throw new IllegalStateException('no desk for ' + p)", '/trace')

        then:
        shell.answers()[2] == 'IllegalStateException: no desk for ****'
        shell.answers()[3].contains('java.lang.IllegalStateException: no desk for ****')
        !shell.answers()[2..3].any { it.contains('482913') }
    }

    def "the session's token typed as a literal is masked in the history"() {
        given:
        def target = DumbShell.sandboxTarget(server)
        String token = target.client().tokens().token()
        def shell = new DumbShell(home, target)

        when:
        shell.run('agents < read limit: 1 >', "t = '${token}'")

        then:
        !shell.history().contains(token)
        shell.history().contains("t = '****'")
    }

    /** Every agent in the sandbox, read over the wire. */
    private List<Agent> stored() {
        ContactNow.builder().baseUrl(server.baseUri()).credentials('demo', 'demo').build()
                .agents().read(AgentQuery.all()).agents()
    }
}
