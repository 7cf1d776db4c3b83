package io.cnsh.bulk

import spock.lang.Specification

class CsvTableSpec extends Specification {

    static byte[] concat(byte[]... parts) {
        def out = new ByteArrayOutputStream()
        parts.each { out.write(it) }
        out.toByteArray()
    }

    static CsvTable parse(String text) {
        CsvTable.parse('changes.csv', text.getBytes('UTF-8'))
    }

    def "a header and rows are read with spreadsheet row numbers"() {
        when:
        def t = parse('username,name\npraman,Priya\ngokafor,Grace\n')

        then:
        t.header() == ['username', 'name']
        t.rows()*.row() == [2, 3]
        t.rows()*.get('name') == ['Priya', 'Grace']
    }

    def "a byte-order mark is dropped, so the first column keeps its name"() {
        when:
        def bytes = [0xEF, 0xBB, 0xBF] as byte[]
        def t = CsvTable.parse('bom.csv', concat(bytes, 'username,name\r\npraman,Priya\r\n'.getBytes('UTF-8')))

        then:
        t.header() == ['username', 'name']
        t.rows()[0].get('username') == 'praman'
    }

    def "CRLF, LF and a missing final line end read the same"() {
        expect:
        parse(text).rows().collect { it.cells() } == [[a: '1', b: '2'], [a: '3', b: '4']]

        where:
        text << ['a,b\r\n1,2\r\n3,4\r\n', 'a,b\n1,2\n3,4\n', 'a,b\n1,2\n3,4', 'a,b\r\n1,2\r\n3,4']
    }

    def "quoted cells hold commas, doubled quotes and line breaks, and row numbers still count records"() {
        when:
        def t = parse('username,userfield,name\r\n' +
                'praman,"Head office, 3rd floor","Priya ""P"" Raman"\r\n' +
                'gokafor,"Team North\r\nsecond line",Grace\r\n' +
                'mbell,,Marcus\r\n')

        then:
        t.rows()[0].get('userfield') == 'Head office, 3rd floor'
        t.rows()[0].get('name') == 'Priya "P" Raman'
        t.rows()[1].get('userfield') == 'Team North\nsecond line'
        t.rows()*.row() == [2, 3, 4]
        t.rows()*.line() == [2, 3, 5]
        t.rows()[2].where() == 'row 4 (line 5)'
    }

    def "empty cells read as empty text and blank rows are skipped but keep their numbers"() {
        when:
        def t = parse('agentid,name,phone\n550000,,\n\n,,\n550001,Tom,""\n')

        then:
        t.rows()*.row() == [2, 5]
        t.rows()[0].cells() == [agentid: '550000', name: '', phone: '']
        t.rows()[1].get('phone') == ''
    }

    def "header names are trimmed"() {
        expect:
        parse(' agentid , name\n1,x\n').header() == ['agentid', 'name']
    }

    def "#problem is refused with a one-line message naming the row"() {
        when:
        parse(text)

        then:
        def e = thrown(CsvFormatException)
        e.message == message
        !e.message.contains('\n')

        where:
        problem                        | text                                   || message
        'a duplicate header'           | 'agentid,pin,name,pin\n1,2,3,4\n'      || "changes.csv: row 1: column 'pin' appears twice in the header (columns 2 and 4)"
        'an unnamed column'            | 'agentid,,name\n1,2,3\n'               || 'changes.csv: row 1: column 2 of the header has no name'
        'a row with too many cells'    | 'agentid,name\n1,Smith, John\n'        || 'changes.csv: row 2 has 3 cells but the header has 2 columns (a comma in a cell needs quotes)'
        'a row with too few cells'     | 'agentid,name,phone\n1,x\n'            || 'changes.csv: row 2 has 2 cells but the header has 3 columns'
        'an unclosed quote'            | 'agentid,name\n1,x\n2,"Tom\n3,y\n'     || 'changes.csv: row 3: the quoted cell in column 2 is never closed (a quote is missing)'
        'text after a closing quote'   | 'agentid,name\n1,"Tom"my\n'            || 'changes.csv: row 2: column 2 has text after its closing quote (a quote inside a quoted cell is written twice: "")'
        'a quote in an unquoted cell'  | 'agentid,name\n1,5" screen\n'          || 'changes.csv: row 2: column 2 has a quote inside an unquoted cell; quote the whole cell and write the quote twice ("")'
        'an empty file'                | '\n\n'                                 || 'changes.csv: the file is empty; it needs a header row naming the columns'
    }

    def "bytes that are not UTF-8 are refused, naming every row that holds some"() {
        given: 'a file saved as Latin-1: é is the single byte 0xE9'
        def latin1 = 'username,name\npraman,Priya\ngokafor,Ren\u00e9e\nmbell,Marcus\nakarimi,Ais\u00e9\n'.getBytes('ISO-8859-1')

        when:
        CsvTable.parse('latin1.csv', latin1)

        then:
        def e = thrown(CsvFormatException)
        e.message == 'latin1.csv: rows 3, 5 are not UTF-8 text (first bad byte 0xE9 on line 3) at byte 38 (looks like Latin-1?);' +
                ' save the file as UTF-8 (in a spreadsheet: CSV UTF-8) and try again'
    }

    def "a row spanning lines is named by its row, not its line, when it holds bad bytes"() {
        given:
        def bytes = concat('username,userfield\npraman,"a\nb"\ngokafor,"x\n'.getBytes('UTF-8'), [0xFF] as byte[], '"\n'.getBytes('UTF-8'))

        when:
        CsvTable.parse('x.csv', bytes)

        then:
        def e = thrown(CsvFormatException)
        e.message.startsWith('x.csv: row 3 is not UTF-8 text (first bad byte 0xFF on line 5)')
    }

    def "toString of a row masks secret cells"() {
        expect:
        parse('username,pin,password\npraman,482913,Secret-1\n').rows()[0].toString() ==
                'CsvRow[2]{username=praman, pin=****, password=****}'
    }
}
