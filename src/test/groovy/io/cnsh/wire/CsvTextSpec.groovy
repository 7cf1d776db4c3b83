package io.cnsh.wire

import com.fasterxml.jackson.dataformat.csv.CsvMapper
import com.fasterxml.jackson.dataformat.csv.CsvParser
import io.cnsh.bulk.CsvTable
import io.cnsh.report.Report
import io.cnsh.report.ReportFormat
import io.cnsh.report.Section
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

class CsvTextSpec extends Specification {

    static final List<String> TRICKY = ['=HYPERLINK("http://x","y")', '@SUM(1+1)', '+44 20 7946 0958', '-5', "'quoted",
                                        "'=already", "''=twice", '\tindented', '\rreturn', '\nfed', "'", "''", '', 'it\'s', 'a=b',
                                        ' =spaced', "'''", "'-'", '=', '+', '-', '@']

    /** The cells of CSV text as any other CSV reader (here Jackson's) sees them. */
    static List<List<String>> cellsOf(String csv) {
        new CsvMapper().readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(csv).readAll().collect { it as List }
    }

    def "a cell a spreadsheet would run as a formula gets one quote mark in front: #value"() {
        expect:
        CsvText.escapeFormula(value) == written
        CsvText.unescapeFormula(written) == value

        where:
        value                         || written
        '=HYPERLINK("http://x","y")'  || '\'=HYPERLINK("http://x","y")'
        '@SUM(1+1)'                   || "'@SUM(1+1)"
        '+44 20 7946 0958'            || "'+44 20 7946 0958"
        '-5'                          || "'-5"
        '\tx'                         || "'\tx"
        '\rx'                         || "'\rx"
        '\nx'                         || "'\nx"
        "'=already"                   || "''=already"
        "''+twice"                    || "'''+twice"
        "'quoted"                     || "'quoted"
        "'"                           || "'"
        "it's"                        || "it's"
        'a=b'                         || 'a=b'
        ' =spaced'                    || ' =spaced'
        ''                            || ''
        'Priya Raman'                 || 'Priya Raman'
    }

    def "unescaping takes a quote mark off only when a formula character follows the quote marks"() {
        expect:
        CsvText.unescapeFormula(cell) == value

        where:
        cell          || value
        "'=x"         || '=x'
        "''=x"        || "'=x"
        "'quoted"     || "'quoted"
        "''"          || "''"
        '=x'          || '=x'
        "'"           || "'"
    }

    def "every value survives escape then unescape, and no escaped cell starts a formula"() {
        expect:
        TRICKY.every { CsvText.unescapeFormula(CsvText.escapeFormula(it)) == it }
        TRICKY.every { !(CsvText.escapeFormula(it) ==~ /(?s)[=+\-@\t\r\n].*/) }
    }

    def "one quoting rule: a cell is quoted only for a comma, a quote or a line break, quotes doubled"() {
        expect:
        CsvText.raw([['plain', 'a b', '****', '66.7%', '', null, 'a,b', 'say "hi"', 'two\nlines', '#x']], '\r\n') ==
                'plain,a b,****,66.7%,,,"a,b","say ""hi""","two\nlines",#x\r\n'
    }

    def "raw CSV for programs is not escaped, spreadsheet CSV is"() {
        given:
        def rows = [['name', 'phone'], ['=1+1', '+44 20 7946 0958']]

        expect:
        CsvText.raw(rows, '\n') == 'name,phone\n=1+1,+44 20 7946 0958\n'
        CsvText.spreadsheet(rows, '\n') == "name,phone\n'=1+1,'+44 20 7946 0958\n"
    }

    def "spreadsheet CSV of tricky values reads back through cnsh's CSV reader unchanged"() {
        given:
        def rows = [['n', 'value']] + TRICKY.withIndex().collect { v, i -> [i as String, v] }
        def csv = CsvText.spreadsheet(rows, '\r\n')

        when:
        def table = CsvTable.parse('tricky.csv', csv.getBytes('UTF-8'))

        then: 'cnsh reads every value back as it was (a line break in a cell reads as \\n, as it always has)'
        table.rows().collectEntries { [it.get('n') as int, it.get('value')] } ==
                TRICKY.withIndex().collectEntries { v, i -> [i, v.replace('\r', '\n')] }

        and: 'another CSV reader sees no cell that starts a formula'
        cellsOf(csv).flatten().every { !(it ==~ /(?s)[=+\-@\t\r\n].*/) }
    }

    def "a report's CSV form escapes formula cells"() {
        given:
        def report = Report.builder('duplicates', 'Duplicates')
                .columns('value', 'agents')
                .section(new Section('names', 'Names', [['=HYPERLINK("http://x","y")', 2L], ['-5', 1L]]))
                .build()

        expect:
        report.render(ReportFormat.CSV) ==
                'section,value,agents\r\n' +
                'names,"\'=HYPERLINK(""http://x"",""y"")",2\r\n' +
                "names,'-5,1\r\n"
    }

    def "no CSV quoting is written by hand outside Jackson"() {
        given: 'a quote replaced by two quotes, or a literal of exactly two quotes, in any main source or script'
        def handQuoting = ~/replace\(\s*(?:"\\""|'"'|'\\"')\s*,|(?<!\\)"\\"\\""|'""'/

        when:
        def sources = [Path.of('src/main'), Path.of('scripts')].collectMany { root ->
            Files.walk(root).withCloseable { s -> s.filter { Files.isRegularFile(it) }.toList() }
        }
        def violations = sources.collectMany { file ->
            Files.readAllLines(file).withIndex().findAll { line, i -> line =~ handQuoting }
                    .collect { line, i -> "${file}:${i + 1}: ${line.trim()}".toString() }
        }

        then: 'the pattern finds what it looks for'
        'return \'"\' + cell.replace("\\"", "\\"\\"") + \'"\';' =~ handQuoting
        'boolean quote = c.equals("\\"\\"");' =~ handQuoting
        !('new String[] {"\'\'\'", "\\"\\"\\"", "\'", "\\""}' =~ handQuoting)

        and: 'and finds it nowhere in the product'
        sources.size() > 20
        violations == []
    }
}
