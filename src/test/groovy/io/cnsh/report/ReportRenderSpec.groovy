package io.cnsh.report

import com.fasterxml.jackson.databind.ObjectMapper
import spock.lang.Specification

class ReportRenderSpec extends Specification {

    static Report sample() {
        Report.builder('summary', 'Summary of 3 agents')
                .columns('value', 'agents', 'share')
                .note('a note with <angle> & "quotes"')
                .section(new Section('auth_level', 'Agents by auth_level',
                        [['agent', 2L, '66.7%'], ['<admin>, "lead" | x', 1L, '33.3%']],
                        [new Bar('agent', 2), new Bar('<admin>, "lead" | x', 1)]))
                .section(new Section('empty', 'Nothing here', []))
                .build()
    }

    def "the table form has a heading per section, aligned columns and text bars"() {
        expect:
        sample().render(ReportFormat.TABLE) == '''\
            Summary of 3 agents
            ===================
            a note with <angle> & "quotes"

            Agents by auth_level
            --------------------
            value                agents  share
            -------------------  ------  -----  ------------------------------
            agent                2       66.7%  ##############################
            <admin>, "lead" | x  1       33.3%  ###############

            Nothing here
            ------------
            (none)
            '''.stripIndent()
    }

    def "the CSV form is one table with a section column, quoted where needed"() {
        expect:
        sample().render(ReportFormat.CSV) ==
                'section,value,agents,share\r\n' +
                'auth_level,agent,2,66.7%\r\n' +
                'auth_level,"<admin>, ""lead"" | x",1,33.3%\r\n'
    }

    def "the JSON form keeps numbers as numbers"() {
        when:
        def doc = new ObjectMapper().readTree(sample().render(ReportFormat.JSON))

        then:
        doc.path('report').asText() == 'summary'
        doc.path('sections')[0].path('rows')[0].path('agents').isNumber()
        doc.path('sections')[0].path('rows')[1].path('value').asText() == '<admin>, "lead" | x'
        doc.path('sections')[0].path('chart')[0].path('value').asInt() == 2
        doc.path('sections')[1].path('rows').size() == 0
    }

    def "the Markdown form escapes pipes and markup in cells"() {
        when:
        def md = sample().render(ReportFormat.MD)

        then:
        md.contains('## Agents by auth_level')
        md.contains('| value | agents | share |')
        md.contains('| &lt;admin&gt;, "lead" \\| x | 1 | 33.3% |')
        md.contains('## Nothing here\n\n(none)')
    }

    def "the HTML form is one self-contained page with an inline SVG bar chart and escaped text"() {
        when:
        def html = sample().render(ReportFormat.HTML)

        then: 'nothing is fetched from anywhere'
        html.startsWith('<!DOCTYPE html>')
        !html.contains('http://') && !html.contains('https://') && !html.contains('//')
        !html.contains('<script') && !html.contains('<link') && !html.contains('src=') && !html.contains('@import')

        and: 'one bar per value, scaled to the largest'
        (html =~ /<svg /).size() == 1
        (html =~ /<rect /).size() == 2
        html.contains('<rect x="190" y="6" width="390" height="16"><title>agent: 2</title></rect>')
        html.contains('<rect x="190" y="28" width="195" height="16">')

        and: 'text is escaped everywhere'
        html.contains('<td>&lt;admin&gt;, &quot;lead&quot; | x</td>')
        html.contains('<p class="note">a note with &lt;angle&gt; &amp; &quot;quotes&quot;</p>')
        !html.contains('<admin>')
        html.contains('<p class="none">None.</p>')
        html.contains('<td class="num">2</td>')
    }

    def "a report without sections' rows fitting its columns is refused"() {
        when:
        Report.builder('x', 'X').columns('a', 'b').section(new Section('s', 'S', [['only one']])).build()

        then:
        def e = thrown(IllegalArgumentException)
        e.message == 'section s has a row of 1 cells; the report has 2 columns'
    }

    def "XML is only for exports"() {
        when:
        sample().render(ReportFormat.XML)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == 'only agent exports have an XML form; use table, csv, json, md or html for the summary report'
    }

    def "format names are read case-insensitively and unknown ones listed"() {
        expect:
        ReportFormat.parse('HTML') == ReportFormat.HTML

        when:
        ReportFormat.parse('pdf')

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "unknown report format 'pdf'; formats: table, csv, json, md, html, xml"
    }
}
