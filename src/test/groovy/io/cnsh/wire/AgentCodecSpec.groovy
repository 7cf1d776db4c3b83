package io.cnsh.wire

import static io.cnsh.wire.Payload.Shape.LIST
import static io.cnsh.wire.Payload.Shape.SINGLE

import io.cnsh.model.Agent
import spock.lang.Shared
import spock.lang.Specification

/** How agent records travel through the JSON and XML codecs. */
class AgentCodecSpec extends Specification {

    @Shared WireCodec json = WireCodec.of(Format.JSON)
    @Shared WireCodec xml = WireCodec.of(Format.XML)

    def "fields the documentation does not list are read in order and written back in JSON"() {
        given:
        byte[] body = '[{"zeta":"z","agentid":"1","x_custom":null,"name":"Joe","alpha":""}]'.bytes

        when:
        Agent a = json.readPayload(body).records()[0]
        byte[] written = json.writePayload([a], LIST)

        then:
        a.fields().keySet() as List == ['zeta', 'agentid', 'x_custom', 'name', 'alpha']
        a.unknownFields() == [zeta: 'z', x_custom: null, alpha: '']
        JsonTree.of(written) == JsonTree.of(body)
        JsonTree.keyOrder(JsonTree.of(written)) == JsonTree.keyOrder(JsonTree.of(body))
    }

    def "fields the documentation does not list are read in order and written back in XML"() {
        given:
        byte[] body = '<dxi><agent><zeta>z</zeta><agentid>1</agentid><x_custom/><name>Joe</name></agent></dxi>'.bytes

        when:
        Agent a = xml.readPayload(body).records()[0]
        byte[] written = xml.writePayload([a], LIST)

        then:
        a.fields().keySet() as List == ['zeta', 'agentid', 'x_custom', 'name']
        a.unknownFields() == [zeta: 'z', x_custom: null]
        XmlTree.of(written) == XmlTree.of(body)
    }

    def "unknown fields of a read answer survive a #format round trip"() {
        given:
        WireCodec codec = WireCodec.of(format)
        Envelope answer = Envelope.read(1, [Agent.of([agentid: '1', new_field: 'n', name: 'Joe'])])

        expect:
        codec.readEnvelope(codec.writeEnvelope(answer)) == answer

        where:
        format << [Format.JSON, Format.XML]
    }

    def "JSON keeps null and the empty string apart in both directions"() {
        given:
        byte[] body = '{"success":true,"total":1,"list":[{"phone":null,"userfield":""}]}'.bytes

        when:
        Envelope e = json.readEnvelope(body)

        then:
        e.list()[0].has('phone') && e.list()[0].get('phone') == null
        e.list()[0].get('userfield') == ''
        JsonTree.of(json.writeEnvelope(e)) == JsonTree.of(body)
    }

    def "XML reads #element as null"() {
        expect:
        xml.readPayload("<dxi>$element</dxi>".bytes).records()[0].fields() == [phone: null]

        where:
        element << ['<phone/>', '<phone></phone>', '<phone />']
    }

    def "XML writes null and the empty string as an empty element, which reads back as null"() {
        when:
        byte[] written = xml.writePayload([Agent.of([phone: null, userfield: ''])], SINGLE)

        then:
        XmlTree.of(written) == XmlTree.of('<dxi><phone/><userfield/></dxi>'.bytes)
        xml.readPayload(written).records()[0].fields() == [phone: null, userfield: null]
    }

    def "XML keeps whitespace-only text and decodes predefined entities and character references"() {
        expect:
        xml.readPayload('<dxi><name>A &amp; B &lt;&#65;&#x42;&gt;</name><moh>  </moh></dxi>'.bytes)
                .records()[0].fields() == [name: 'A & B <AB>', moh: '  ']
    }

    def "XML escapes markup characters in values so they read back unchanged"() {
        given:
        Agent a = Agent.of([name: 'Tom & "Jerry" <cat>', password: "it's"])

        expect:
        xml.readPayload(xml.writePayload([a], LIST)).records() == [a]
    }

    def "an XML list of #count agents reads as #count records"() {
        given:
        String agents = (1..count).collect { "<agent><agentid>$it</agentid></agent>" }.join('')

        when:
        Envelope e = xml.readEnvelope("<result><success>1</success><total>$count</total><list>$agents</list></result>".bytes)

        then:
        e.list()*.fields() == (1..count).collect { [agentid: "$it".toString()] }

        where:
        count << [1, 2, 3]
    }

    def "an empty read is written as #written in #format and reads back as an empty list"() {
        given:
        WireCodec codec = WireCodec.of(format)

        when:
        byte[] body = codec.writeEnvelope(Envelope.read(0, []))
        Envelope back = codec.readEnvelope(body)

        then:
        new String(body, 'UTF-8').contains(written)
        back.list() == []
        back.toAgentPage().agents() == []

        where:
        format      || written
        Format.JSON || '"list":[]'
        Format.XML  || '<list/>'
    }

    def "XML comments, processing instructions and whitespace around the root are allowed"() {
        expect:
        xml.readEnvelope('\uFEFF<?xml version="1.0"?>\n<!-- a -->\n<result><success>1</success></result>\n<!-- b -->\n'
                .getBytes('UTF-8')).isSuccess()
        xml.readPayload('<?xml version="1.0"?><?pi x?><dxi><!-- c --><name>Joe</name></dxi>  \n'.bytes)
                .records()*.fields() == [[name: 'Joe']]
    }

    def "an XML <agent/> in a list is a record without fields"() {
        expect:
        xml.readEnvelope('<result><success>1</success><list><agent/></list></result>'.bytes).list() == [Agent.empty()]
    }

    def "XML payloads with #count <agent> elements read as #count records in order"() {
        given:
        String agents = (1..count).collect { "<agent><name>n$it</name></agent>" }.join('\n')

        when:
        Payload p = xml.readPayload("<dxi>$agents</dxi>".bytes)

        then:
        p.shape() == LIST
        p.records()*.name() == (1..count).collect { "n$it".toString() }

        where:
        count << [0, 1, 2, 5]
    }

    def "a #shape payload is written as #what in JSON"() {
        given:
        def records = (1..count).collect { Agent.of([agentid: "$it"]) }

        when:
        def tree = JsonTree.of(json.writePayload(records, shape))

        then:
        tree.isArray() == (shape == LIST)
        json.readPayload(json.writePayload(records, shape)) == new Payload(records, shape)

        where:
        shape  | count || what
        LIST   | 2     || 'an array'
        LIST   | 1     || 'an array'
        SINGLE | 1     || 'a bare object'
    }

    def "a SINGLE payload must hold exactly one record, not #count"() {
        when:
        WireCodec.of(format).writePayload((0..<count).collect { Agent.empty() }, SINGLE)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "a SINGLE payload holds one record, got $count"

        where:
        format      | count
        Format.JSON | 0
        Format.XML  | 2
    }

    def "a field name that is no XML name cannot be written as XML"() {
        when:
        xml.writePayload([Agent.of([(name): '1'])], LIST)

        then:
        def e = thrown(WireFormatException)
        e.message.startsWith('cannot write XML: ')
        e.message.contains('name')
        !e.message.contains('\n')

        where:
        name << ['my field', '1abc', 'a<b']
    }

    def "a control character cannot be written as XML and the message does not show the value"() {
        when:
        xml.writePayload([Agent.of([password: 'Secret\u0001Pass'])], SINGLE)

        then:
        def e = thrown(WireFormatException)
        e.message.startsWith('cannot write XML: ')
        !e.message.contains('Secret')
    }
}
