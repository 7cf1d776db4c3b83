package io.cnsh.report

import io.cnsh.model.Agent
import spock.lang.Specification

class TableSpec extends Specification {

    def "rows of text are laid out like agent tables"() {
        expect:
        Table.renderRows(['value', 'agents'], [['agent', '32'], ['supervisor', null], ['two\nlines', '1']], 0) == [
                'value       agents',
                '----------  ------',
                'agent       32',
                'supervisor',
                'two lines   1',
        ]
    }

    def "wide rows are cut to the width, and columns that still do not fit are dropped and named"() {
        given:
        def rows = [['x' * 30, 'y' * 30, 'z' * 30]]

        expect:
        Table.renderRows(['a', 'b', 'c'], rows, 40) == [
                'a             b             c',
                '------------  ------------  ------------',
                'xxxxxxxxxxx…  yyyyyyyyyyy…  zzzzzzzzzzz…',
        ]
        Table.renderRows(['name', 'b', 'c'], rows, 12) == [
                'name   b',
                '-----  -----',
                'xxxx…  yyyy…',
                '(1 column not shown: c)',
        ]
    }

    def "agent tables still mask secrets and render as before"() {
        given:
        def agents = [Agent.of(agentid: '1', name: 'Priya', pin: '482913'), Agent.of(agentid: '22', name: null, pin: null)]

        expect:
        Table.of(['agentid', 'name', 'pin'], 0, false).render(agents) == [
                'agentid  name   pin',
                '-------  -----  ----',
                '1        Priya  ****',
                '22',
        ]
        Table.of(['agentid', 'pin'], 0, true).render(agents)[2] == '1        482913'
    }
}
