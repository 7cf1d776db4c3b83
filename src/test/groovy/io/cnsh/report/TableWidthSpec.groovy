package io.cnsh.report

import io.cnsh.model.Agent
import io.cnsh.model.DisplayWidth
import spock.lang.Specification

class TableWidthSpec extends Specification {

    static final List<String> NAMES = ['Zo\u00EB', 'Zoe\u0308', '\u674E\u5C0F\u9F8D',
                                       '\uD83D\uDC69\u200D\uD83D\uDCBB dev', '\uD83C\uDDEC\uD83C\uDDE7', 'e\u0301',
                                       'Priya Raman']

    def "names with accents, CJK, emoji and flags line up: every line has the same display width"() {
        given: 'a last column as wide as its heading, so no line loses trailing spaces'
        def rows = NAMES.collect { [it, 'agent', 'ok'] }

        when:
        def lines = Table.renderRows(['name', 'level', 'ok'], rows, width)

        then:
        lines.size() == NAMES.size() + 2
        lines.collect { DisplayWidth.of(it) }.unique() == [expected]
        lines.every { noBrokenCharacter(it) }

        where:
        width || expected
        0     || 22
        40    || 22
        19    || 19
        18    || 18
    }

    def "the columns start at the same display column on every line"() {
        given:
        def agents = NAMES.withIndex().collect { n, i -> Agent.of(agentid: String.valueOf(550001 + i), name: n, username: 'u' + i) }

        when:
        def lines = Table.of(['name', 'agentid', 'username'], 0, false).render(agents)

        then: 'the text before the agentid column is as wide on every line'
        def starts = lines.drop(2).collect { line -> DisplayWidth.of(line.substring(0, line.indexOf('5500'))) }
        starts.unique() == [13]
        DisplayWidth.of(lines[0].substring(0, lines[0].indexOf('agentid'))) == 13
    }

    def "cut names end with the ellipsis and never split a character, a surrogate pair or an emoji sequence"() {
        given:
        def rows = NAMES.collect { [it * 3, 'x'] }

        expect:
        (4..14).every { w ->
            def lines = Table.renderRows(['name', 'x'], rows, w + 3)
            lines.every { noBrokenCharacter(it) } && lines.collect { DisplayWidth.of(it) }.unique().size() == 1
        }
    }

    def "ASCII tables render exactly as before"() {
        expect:
        Table.renderRows(['a', 'b'], [['x' * 30, 'y' * 30]], 20) == [
                'a          b',
                '---------  ---------',
                'xxxxxxxx…  yyyyyyyy…',
        ]
    }

    def "report text and bars line up wide names, and the SVG labels are cut between characters"() {
        given:
        def names = ['\u674E\u5C0F\u9F8D', 'Zoe\u0308', '\uD83D\uDC69\u200D\uD83D\uDCBB' * 20]
        def report = Report.builder('teams', 'Teams \u674E')
                .columns('team', 'agents')
                .overview(names.collect { new Bar(it, 3) })
                .section(new Section('team', 'Agents by team \uD83C\uDDEC\uD83C\uDDE7', names.collect { [it, 3L] },
                        names.collect { new Bar(it, 3) }))
                .build()

        when:
        def lines = report.render(ReportFormat.TABLE).readLines()
        def html = report.render(ReportFormat.HTML)

        then: 'titles are underlined to their width, the overview bars start in one column'
        DisplayWidth.of(lines[1]) == DisplayWidth.of(lines[0])
        lines.findAll { it.endsWith('3  ' + '#' * 30) }.collect { DisplayWidth.of(it) }.unique().size() == 1
        def underlined = lines.findIndexOf { it.startsWith('Agents by team') }
        DisplayWidth.of(lines[underlined + 1]) == DisplayWidth.of(lines[underlined])
        lines.every { noBrokenCharacter(it) }

        and: 'the long label is cut whole in the chart'
        html.contains('text-anchor="end">' + '\uD83D\uDC69\u200D\uD83D\uDCBB' * 13 + '\u2026</text>')
    }

    /** No lone surrogate, no combining mark or joiner right after a space, the ellipsis or the line start. */
    static boolean noBrokenCharacter(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i)
            if (Character.isHighSurrogate(c) && !(i + 1 < line.length() && Character.isLowSurrogate(line.charAt(i + 1)))) {
                return false
            }
            if (Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(line.charAt(i - 1)))) {
                return false
            }
        }
        def marks = ~/(^|[ \u2026])[\u0300-\u036F\u200D\uFE0F]/
        def danglingJoiner = ~/\u200D($|[ \u2026])/
        !(line =~ marks).find() && !(line =~ danglingJoiner).find()
    }
}
