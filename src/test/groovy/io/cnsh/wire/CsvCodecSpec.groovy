package io.cnsh.wire

import io.cnsh.model.Agent
import io.cnsh.model.AgentField
import java.nio.charset.StandardCharsets
import spock.lang.Shared
import spock.lang.Specification

/** CSV bodies: a header row of field names, then one record per row, and no envelope. */
class CsvCodecSpec extends Specification {

    @Shared WireCodec csv = WireCodec.of(Format.CSV)

    List<Map<String, String>> rows(String body) {
        csv.readPayload(body.getBytes(StandardCharsets.UTF_8)).records()*.fields()
    }

    def "a header row and data rows read as records with the header's field order"() {
        when:
        def records = rows('agentid,name,pin\n550423,Joe Blogs,123456\n550424,Ann,654321\n')

        then:
        records == [[agentid: '550423', name: 'Joe Blogs', pin: '123456'],
                    [agentid: '550424', name: 'Ann', pin: '654321']]
        records*.keySet()*.toList() == [['agentid', 'name', 'pin'], ['agentid', 'name', 'pin']]
    }

    def "a byte order mark before the header is not part of the first field name"() {
        expect:
        rows('\uFEFFagentid,name\n1,Joe\n') == [[agentid: '1', name: 'Joe']]
    }

    def "a quoted cell keeps #what"() {
        expect:
        rows("agentid,name\n1,$cell\n") == [[agentid: '1', name: value]]

        where:
        what                  | cell                 || value
        'a comma'             | '"Smith, Ann"'       || 'Smith, Ann'
        'a line break'        | '"line 1\nline 2"'   || 'line 1\nline 2'
        'a CRLF line break'   | '"line 1\r\nline 2"' || 'line 1\r\nline 2'
        'a doubled quote'     | '"say ""hi"""'       || 'say "hi"'
        'leading spaces'      | '"  padded"'         || '  padded'
        'nothing'             | '""'                 || ''
    }

    def "CRLF line ends and blank lines between rows are accepted"() {
        expect:
        rows('agentid,name\r\n\r\n1,Joe\r\n\r\n2,Ann\r\n') == [[agentid: '1', name: 'Joe'], [agentid: '2', name: 'Ann']]
    }

    def "a row shorter than the header reads its missing cells as empty strings"() {
        expect:
        rows('agentid,name,phone\n1\n2,Ann\n') == [[agentid: '1', name: '', phone: ''], [agentid: '2', name: 'Ann', phone: '']]
    }

    def "a header without rows is a table without records"() {
        expect:
        rows('agentid,name\n') == []
    }

    def "a header naming #name twice is refused"() {
        when:
        rows(header + '\n1,2,3\n')

        then:
        def e = thrown(WireFormatException)
        e.message == "CSV header names '$name' twice"
        e.format() == Format.CSV

        where:
        header                 || name
        'agentid,name,agentid' || 'agentid'
        'name, name ,pin'      || 'name'
    }

    def "a header column without a name is refused naming its column"() {
        when:
        rows('agentid,,name\n1,2,3\n')

        then:
        def e = thrown(WireFormatException)
        e.message == 'CSV header column 2 has no name'
    }

    def "a row with more cells than the header is refused naming row #row"() {
        when:
        rows(body)

        then:
        def e = thrown(WireFormatException)
        e.message == "CSV row $row has 3 cells but the header has 2"
        !e.message.contains('\n')

        where: 'the header is row 1; a quoted line break does not start a new row'
        body                                          || row
        'agentid,name\n1,Joe,extra\n'                 || 2
        'agentid,name\n1,Joe\n2,Ann,extra\n'          || 3
        'agentid,name\n1,"Jo\ne"\n2,Ann,extra\n'      || 3
        'agentid,name\n1,Joe\n2,Ann\n3,"a,b",c\n'     || 4
    }

    def "an unclosed quote is refused on one line without the cell's text"() {
        when:
        rows('username,password\njoe,"Tr0ub4dor&3\n')

        then:
        def e = thrown(WireFormatException)
        e.message.startsWith('malformed CSV at line')
        e.message.contains('Missing closing quote')
        !e.message.contains('Tr0ub4dor')
        !e.message.contains('\n')
    }

    def "records are written with a header of every field in order of first use and read back"() {
        given:
        def records = [Agent.of([agentid: '1', name: 'Smith, Ann', note: 'say "hi"\nbye']),
                       Agent.of([agentid: '2', phone: '0123', name: 'Joe'])]

        when:
        byte[] body = csv.writePayload(records, Payload.Shape.LIST)
        String header = new String(body, StandardCharsets.UTF_8).readLines()[0]

        then:
        header == 'agentid,name,note,phone'
        csv.readPayload(body).records()*.fields() == [
                [agentid: '1', name: 'Smith, Ann', note: 'say "hi"\nbye', phone: ''],
                [agentid: '2', name: 'Joe', note: '', phone: '0123']]
    }

    def "CSV cannot tell null from the empty string: both are written as an empty cell"() {
        when:
        byte[] body = csv.writePayload([Agent.of([phone: null, userfield: ''])], Payload.Shape.LIST)

        then:
        csv.readPayload(body).records()*.fields() == [[phone: '', userfield: '']]
    }

    def "a read answer is its table, with no envelope around it"() {
        given:
        def agents = [Agent.of([agentid: '1', name: 'Joe']), Agent.of([agentid: '2', name: 'Ann'])]

        when:
        byte[] body = csv.writeEnvelope(Envelope.read(2, agents))
        Envelope back = csv.readEnvelope(body)

        then:
        new String(body, StandardCharsets.UTF_8).readLines()[0] == 'agentid,name'
        !new String(body, StandardCharsets.UTF_8).contains('success')
        back.list() == agents
        back.total() == 2L
    }

    def "an empty read is a header of the documented fields and reads back as no agents"() {
        when:
        byte[] body = csv.writeEnvelope(Envelope.read(0, []))

        then:
        new String(body, StandardCharsets.UTF_8).readLines() == [AgentField.wireNames().join(',')]
        csv.readEnvelope(body).list() == []
    }

    def "a #kind answer is one row of its keys and reads back as the same envelope"() {
        when:
        byte[] body = csv.writeEnvelope(envelope)

        then:
        new String(body, StandardCharsets.UTF_8).readLines()[0] == header
        csv.readEnvelope(body) == envelope

        where:
        kind      | envelope                                  || header
        'write'   | Envelope.write('10278', 1, 0, 550423, null) || 'success,account_id,total,bad,key'
        'failure' | Envelope.failure('Expired token', -1)     || 'success,error,expire'
    }

    def "an empty CSV body is refused"() {
        when:
        csv.readPayload(new byte[0])

        then:
        def e = thrown(WireFormatException)
        e.message == 'empty CSV body'
    }
}
