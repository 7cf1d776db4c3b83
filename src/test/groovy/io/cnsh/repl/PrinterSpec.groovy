package io.cnsh.repl

import io.cnsh.dsl.AgentList
import io.cnsh.dsl.WriteSummary
import io.cnsh.model.Agent
import io.cnsh.model.WriteResult
import java.nio.charset.StandardCharsets
import org.jline.terminal.Size
import org.jline.terminal.Terminal
import org.jline.terminal.impl.DumbTerminal
import spock.lang.Specification

class PrinterSpec extends Specification {

    static final List<String> COLUMNS = ['agentid', 'name', 'username']

    static List<Agent> agents(int n) {
        (1..n).collect { Agent.of([agentid: "${550000 + it}".toString(), name: "Agent Number ${it}".toString(), username: "user${it}".toString(), pin: '1234']) }
    }

    def "an agent list is a table with a count line, and the total when a limit cut it"() {
        expect:
        Printer.render(new AgentList(agents(2), 40, null), 0, COLUMNS, false, false) == [
                'agentid  name            username',
                '-------  --------------  --------',
                '550001   Agent Number 1  user1',
                '550002   Agent Number 2  user2',
                '2 of 40 agents']
    }

    def "a table wider than the terminal is cut to fit, with a truncation mark"() {
        when:
        def lines = Printer.render(new AgentList(agents(3), 3, null), 28, COLUMNS, false, false)

        then:
        lines.every { it.length() <= 28 }
        lines[2] == '550001   Agent Nu…  user1'
        lines.last() == '3 agents'
    }

    def "pins are masked unless revealed"() {
        expect:
        Printer.render(new AgentList(agents(1), 1, null), 0, ['username', 'pin'], reveal, false)[2] == row

        where:
        reveal || row
        false  || 'user1     ****'
        true   || 'user1     1234'
    }

    def "a plain list of agents is shown as a table too"() {
        expect:
        Printer.render(agents(2), 0, COLUMNS, false, false).last() == '2 agents'
    }

    def "a write is one line; the id of a lone create says so"() {
        expect:
        Printer.render(new WriteSummary('update', new WriteResult(true, null, 3, 0, 0, null)), 0, COLUMNS, false, false) == ['updated 3 agents']
        Printer.render(550431L, 0, COLUMNS, false, true) == ['created agent 550431']
        Printer.render(550431L, 0, COLUMNS, false, false) == ['550431']
    }

    def "other values are shown as Groovy shows them, and null as nothing"() {
        expect:
        Printer.render([a: 1, b: [2, 3]], 0, COLUMNS, false, false) == ['[a:1, b:[2, 3]]']
        Printer.render('two\nlines', 0, COLUMNS, false, false) == ['two', 'lines']
        Printer.render(null, 0, COLUMNS, false, false) == []
    }

    def "an error is one line, whatever the message"() {
        given:
        def out = new ByteArrayOutputStream()
        def printer = new Printer(terminal('', out, 80, 24), false)

        when:
        printer.error('first line\n  at somewhere\n  at elsewhere')

        then:
        out.toString('UTF-8') == 'first line\n'
    }

    def "output taller than the screen stops at -- more --: space shows a page, q stops"() {
        given:
        def out = new ByteArrayOutputStream()
        def printer = new Printer(terminal(' q', out, 80, 5), true)

        when:
        printer.page((1..20).collect { "row ${it}".toString() })

        then:
        def shown = out.toString('UTF-8').replaceAll(/-- more --[^\n\r]*/, '').readLines().findAll { it.startsWith('row') }
        shown == (1..8).collect { "row ${it}".toString() }
        out.toString('UTF-8').contains('-- more -- space: next page, enter: next line, q: stop')
    }

    def "enter shows one more line"() {
        given:
        def out = new ByteArrayOutputStream()
        def printer = new Printer(terminal('\rq', out, 80, 5), true)

        when:
        printer.page((1..20).collect { "row ${it}".toString() })

        then:
        out.toString('UTF-8').readLines().findAll { it.startsWith('row') }.size() == 5
    }

    def "output that fits, or any output when paging is off, is printed whole"() {
        given:
        def out = new ByteArrayOutputStream()
        def printer = new Printer(terminal('', out, 80, 5), paging)

        when:
        printer.page((1..rows).collect { "row ${it}".toString() })

        then:
        !out.toString('UTF-8').contains('-- more --')
        out.toString('UTF-8').readLines().size() == rows

        where:
        paging | rows
        true   | 4
        false  | 20
    }

    def "a dumb terminal is recognised, so the shell does not page on it"() {
        expect:
        Printer.isDumb(terminal('', new ByteArrayOutputStream(), 80, 24))
    }

    private static Terminal terminal(String keys, OutputStream out, int width, int height) {
        def t = new DumbTerminal('spec', Terminal.TYPE_DUMB, new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), out, StandardCharsets.UTF_8)
        t.setSize(new Size(width, height))
        t
    }
}
