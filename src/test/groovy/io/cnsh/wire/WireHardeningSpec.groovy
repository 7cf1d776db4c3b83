package io.cnsh.wire

import com.fasterxml.jackson.core.JsonProcessingException
import com.fasterxml.jackson.databind.JsonNode
import io.cnsh.model.Agent
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import javax.xml.stream.XMLInputFactory
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

/**
 * Bodies that must not be read: malformed, truncated, oversized, the wrong shape, or hostile XML.
 * Every refusal is one {@link WireFormatException} line that says what is wrong and quotes none of
 * the body.
 */
class WireHardeningSpec extends Specification {

    static final String PASSWORD = 'Zq8-Hunter2-Pw'

    @Shared WireCodec json = WireCodec.of(Format.JSON)
    @Shared WireCodec xml = WireCodec.of(Format.XML)
    @Shared @TempDir Path dir
    @Shared String marker = 'XXE-MARKER-' + UUID.randomUUID()
    @Shared Path secretFile

    def setupSpec() {
        secretFile = dir.resolve('secret.txt')
        Files.writeString(secretFile, marker)
    }

    static Object read(WireCodec codec, String as, byte[] body) {
        as == 'payload' ? codec.readPayload(body) : codec.readEnvelope(body)
    }

    def "#format #as #what is refused: #expected"() {
        given:
        WireCodec codec = WireCodec.of(format)

        when:
        read(codec, as, body.getBytes(StandardCharsets.UTF_8))

        then:
        def e = thrown(WireFormatException)
        e.format() == format
        e.message.contains(expected)
        !e.message.contains('\n')
        e.cause == null

        where:
        format      | as         | what                        | body                                                     || expected
        Format.JSON | 'payload'  | 'with a stray comma'        | '[{"name":"Joe",}]'                                      || 'malformed JSON at line 1, column 16: Unexpected character'
        Format.JSON | 'response' | 'with a doubled comma'      | '{"success":true,,"total":1}'                            || 'malformed JSON at line 1, column 17: Unexpected character'
        Format.JSON | 'payload'  | 'cut off'                   | '[{"name":"Joe"'                                         || 'malformed JSON at line 1'
        Format.JSON | 'response' | 'cut off'                   | '{"success":true,"total":1'                              || 'Unexpected end-of-input'
        Format.JSON | 'payload'  | 'empty'                     | ''                                                       || 'empty JSON body'
        Format.JSON | 'response' | 'empty'                     | ''                                                       || 'empty JSON body'
        Format.JSON | 'response' | 'null'                      | 'null'                                                   || 'empty JSON response'
        Format.JSON | 'response' | 'without success flag'      | '{"total":1}'                                            || 'JSON response has no success flag'
        Format.JSON | 'response' | 'that is an array'          | '[{"success":true}]'                                     || 'malformed JSON'
        Format.JSON | 'response' | 'with trailing content'     | '{"success":true} {"success":false}'                     || 'malformed JSON'
        Format.JSON | 'response' | 'with a null agent'         | '{"success":true,"list":[null]}'                         || 'an agent record is null, expected an object'
        Format.JSON | 'response' | 'with a number for agent'   | '{"success":true,"list":[5]}'                            || 'malformed JSON'
        Format.JSON | 'response' | 'with a bad success flag'   | '{"success":"maybe"}'                                    || 'expected 1, 0, true or false'
        Format.JSON | 'payload'  | 'that is a string'          | '"agents"'                                               || 'JSON payload must be an array of agent records, found a string'
        Format.JSON | 'payload'  | 'that is a number'          | '42'                                                     || 'JSON payload must be an array of agent records, found a number'
        Format.JSON | 'payload'  | 'that is null'              | 'null'                                                   || 'JSON payload must be an array of agent records, found null'
        Format.JSON | 'payload'  | 'that is blank'             | '  \n '                                                  || 'JSON payload must be an array of agent records, found nothing'
        Format.JSON | 'payload'  | 'with a string element'     | '[{"name":"a"},"b"]'                                     || 'JSON payload record 2 is not an object (found a string)'
        Format.JSON | 'payload'  | 'with an array element'     | '[[{"name":"a"}]]'                                       || 'JSON payload record 1 is not an object (found an array)'
        Format.JSON | 'payload'  | 'with a null element'       | '[null]'                                                 || 'JSON payload record 1 is not an object (found null)'
        Format.JSON | 'payload'  | 'with a second document'    | '[{"name":"a"}] []'                                      || 'JSON payload has content after its end'
        Format.JSON | 'payload'  | 'naming a field twice'      | '[{"name":"a","name":"b"}]'                              || "an agent record names the field 'name' twice"
        Format.JSON | 'payload'  | 'with an agent nested deep' | '[{"a":' + '[' * 100 + ']' * 100 + '}]'                  || 'malformed JSON: Document nesting depth (65) exceeds the maximum allowed (64'
        Format.JSON | 'response' | 'nested 100 deep'           | '{"success":true,"x":' + '[' * 100 + ']' * 100 + '}'     || 'malformed JSON: Document nesting depth (65) exceeds the maximum allowed (64'
        Format.XML  | 'payload'  | 'with a wrong close tag'    | '<dxi><name>Joe</nam></dxi>'                             || 'malformed XML at line 1, column 20: Unexpected close tag </nam>; expected </name>'
        Format.XML  | 'response' | 'with a wrong close tag'    | '<result><success>1</succes></result>'                   || 'malformed XML at line 1'
        Format.XML  | 'payload'  | 'cut off'                   | '<dxi><agent><name>Jo'                                   || 'malformed XML'
        Format.XML  | 'response' | 'cut off'                   | '<result><success>1</success>'                           || 'malformed XML'
        Format.XML  | 'payload'  | 'with a second root'        | '<dxi><name>a</name></dxi><dxi/>'                        || 'Illegal to have multiple roots'
        Format.XML  | 'payload'  | 'empty with a second root'  | '<dxi/><x/>'                                             || 'Illegal to have multiple roots'
        Format.XML  | 'response' | 'with a second root'        | '<result><success>1</success></result><result/>'         || 'Illegal to have multiple roots'
        Format.XML  | 'response' | 'with text after the root'  | '<result><success>1</success></result>trailing'          || 'malformed XML at line 1, column 38'
        Format.XML  | 'payload'  | 'empty'                     | ''                                                       || 'empty XML body'
        Format.XML  | 'response' | 'empty'                     | ''                                                       || 'empty XML body'
        Format.XML  | 'response' | 'that is blank'             | '  \n '                                                  || 'malformed XML'
        Format.XML  | 'response' | 'that is not XML'           | 'Service Unavailable'                                    || 'malformed XML at line 1, column 1'
        Format.XML  | 'response' | 'with the wrong root'       | '<html><body>Bad gateway</body></html>'                  || 'XML response must have the root element <result>, found <html>'
        Format.XML  | 'payload'  | 'with the wrong root'       | '<result><name>Joe</name></result>'                      || 'XML payload must have the root element <dxi>, found <result>'
        Format.XML  | 'response' | 'without success flag'      | '<result><total>1</total></result>'                      || 'XML response has no success flag'
        Format.XML  | 'response' | 'with a bad success flag'   | '<result><success>yes</success></result>'                || 'expected 1, 0, true or false'
        Format.XML  | 'payload'  | 'mixing <agent> and fields' | '<dxi><agent><name>a</name></agent><name>b</name></dxi>' || 'XML payload mixes <agent> records with fields directly under <dxi> (name)'
        Format.XML  | 'payload'  | 'with text in <agent>'      | '<dxi><agent>Joe</agent></dxi>'                          || 'an <agent> element holds text instead of fields'
        Format.XML  | 'payload'  | 'with text in <dxi>'        | '<dxi>Joe</dxi>'                                         || 'XML payload <dxi> holds text beside its fields'
        Format.XML  | 'payload'  | 'with text beside fields'   | '<dxi>Joe<name>x</name></dxi>'                           || 'XML payload <dxi> holds text beside its fields'
        Format.XML  | 'payload'  | 'with text beside <agent> fields' | '<dxi><agent>Joe<name>x</name></agent></dxi>'      || 'an <agent> element holds text beside its fields'
        Format.XML  | 'response' | 'with text beside <agent> fields' | '<result><success>1</success><list><agent>Joe<name>x</name></agent></list></result>' || 'an <agent> element holds text beside its fields'
        Format.XML  | 'payload'  | 'with elements in a field'  | '<dxi><name><first>Joe</first></name></dxi>'             || "XML field 'name' holds elements or attributes instead of text"
        Format.XML  | 'payload'  | 'with an attribute on a field' | '<dxi><agent><name lang="en">Joe</name></agent></dxi>' || "XML field 'name' holds elements or attributes instead of text"
        Format.XML  | 'payload'  | 'naming a field twice'      | '<dxi><name>a</name><name>b</name></dxi>'                || "XML payload names the field 'name' twice"
        Format.XML  | 'payload'  | 'naming an agent field twice' | '<dxi><agent><pin>1</pin><pin>2</pin></agent></dxi>'   || "an agent record names the field 'pin' twice"
        Format.XML  | 'payload'  | 'with an undeclared entity' | '<dxi><name>a&ent;b</name></dxi>'                        || 'Undeclared general entity'
        Format.XML  | 'response' | 'nested 100 deep'           | '<result><success>1</success>' + '<a>' * 100 + '</a>' * 100 + '</result>' || 'Maximum Element Depth limit (64) Exceeded'
    }

    def "a #format #as over the size limit is refused before it is parsed"() {
        given:
        WireCodec small = WireCodec.of(format, new WireLimits(64))
        byte[] body = (format == Format.JSON ? '[{"name":"' + 'x' * 100 + '"}]' : '<dxi><name>' + 'x' * 100 + '</name></dxi>').bytes

        when:
        read(small, as, body)

        then:
        def e = thrown(WireFormatException)
        e.message == "$format body of $body.length bytes is over the limit of 64 bytes"

        where:
        format      | as
        Format.JSON | 'payload'
        Format.JSON | 'response'
        Format.XML  | 'payload'
        Format.XML  | 'response'
    }

    def "a #format body of exactly the limit is read"() {
        given:
        byte[] body = format == Format.JSON ? '{"success":true}'.bytes : '<result><success>1</success></result>'.bytes

        expect:
        WireCodec.of(format, new WireLimits(body.length)).readEnvelope(body).isSuccess()

        where:
        format << [Format.JSON, Format.XML]
    }

    def "the default limit is 16 MiB and a limit must be positive"() {
        when:
        new WireLimits(0)

        then:
        WireLimits.DEFAULT.maxBodyBytes() == 16 * 1024 * 1024
        def e = thrown(IllegalArgumentException)
        e.message == 'maxBodyBytes must be positive, got 0'
    }

    def "a malformed #format #as whose bad token is the password does not echo it (#how)"() {
        when:
        read(WireCodec.of(format), as, body.replace('PW', PASSWORD).getBytes(StandardCharsets.UTF_8))

        then:
        def e = thrown(WireFormatException)
        !e.message.contains(PASSWORD)
        !e.message.contains(PASSWORD.take(4))
        !(e.message =~ /code \d+/)
        !e.message.contains('\n')
        e.cause == null

        where:
        format      | as         | how                        | body
        Format.JSON | 'payload'  | 'unquoted'                 | '[{"password": PW}]'
        Format.JSON | 'payload'  | 'single-quoted'            | "[{\"password\": 'PW'}]"
        Format.JSON | 'payload'  | 'quote inside'             | '[{"password": "Zq8"-Hunter2-Pw"}]'
        Format.JSON | 'payload'  | 'bad escape'               | '[{"password": "Zq8\\-Hunter2-Pw"}]'
        Format.JSON | 'payload'  | 'control character inside' | '[{"password": "Zq8-Hu\u0001nter2-Pw"}]'
        Format.JSON | 'payload'  | 'number prefix'            | '[{"password": 8PW}]'
        Format.JSON | 'payload'  | 'minus prefix'             | '[{"password": -PW}]'
        Format.JSON | 'payload'  | 'cut off inside'           | '[{"password": "PW'
        Format.JSON | 'response' | 'as the success flag'      | '{"success": PW}'
        Format.JSON | 'response' | 'quoted as a boolean'      | '{"success": "PW"}'
        Format.JSON | 'response' | 'quoted as a count'        | '{"success": true, "total": "PW"}'
        Format.JSON | 'response' | 'in a list record'         | '{"success": true, "list": [{"password": PW}]}'
        Format.XML  | 'payload'  | 'with a < inside'          | '<dxi><password>Zq8-<Hunter2-Pw</password></dxi>'
        Format.XML  | 'payload'  | 'as an attribute'          | '<dxi><password v=PW>x</password></dxi>'
        Format.XML  | 'payload'  | 'as an entity name'        | '<dxi><password>&PW;</password></dxi>'
        Format.XML  | 'response' | 'as the success flag'      | '<result><success>PW</success></result>'
        Format.CSV  | 'payload'  | 'in an unclosed quote'     | 'username,password\njoe,"PW\n'
        Format.CSV  | 'payload'  | 'after a closing quote'    | 'username,password\njoe,"Zq8"-Hunter2-Pw\n'
    }

    // --- XXE and entity expansion ------------------------------------------------------------

    String externalEntityDoc(String root) {
        """<?xml version="1.0"?>
<!DOCTYPE $root [<!ENTITY e SYSTEM "${secretFile.toUri()}">]>
<$root><name>&e;</name></$root>"""
    }

    def "an XML #as with an external entity is refused and the file is not read"() {
        when:
        def result = read(xml, as, externalEntityDoc(root).bytes)

        then:
        def e = thrown(WireFormatException)
        e.message == 'XML with a DOCTYPE is refused: DTDs and entity declarations are not allowed'
        !e.message.contains(marker)
        result == null

        where:
        as         || root
        'payload'  || 'dxi'
        'response' || 'result'
    }

    /** Far below the 3 GB a billion-laughs expansion writes, far above what refusing a 1 KB body takes. */
    static final long EXPANSION_BOUND = 64L * 1024 * 1024

    /** Bytes this thread has allocated so far: a measure of work done that a busy machine does not skew. */
    static long allocatedBytes() {
        def threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.threadMXBean
        threads.getThreadAllocatedBytes(Thread.currentThread().id)
    }

    static String billionLaughs(String root) {
        StringBuilder dtd = new StringBuilder('<!DOCTYPE ' + root + ' [<!ENTITY lol0 "lol">')
        (1..9).each { i -> dtd << "<!ENTITY lol$i \"${"&lol${i - 1};" * 10}\">" }
        dtd << ']>'
        "$dtd<$root><name>&lol9;</name></$root>"
    }

    @Timeout(10)
    def "a billion-laughs #as is refused at once"() {
        given:
        byte[] body = billionLaughs(root).bytes
        long before = allocatedBytes()

        when:
        read(xml, as, body)

        then: 'refused before any entity is expanded: an expansion would allocate gigabytes'
        def e = thrown(WireFormatException)
        e.message.contains('DOCTYPE is refused')
        allocatedBytes() - before < EXPANSION_BOUND

        where:
        as         || root
        'payload'  || 'dxi'
        'response' || 'result'
    }

    def "a DOCTYPE #where is refused: #expected"() {
        when:
        xml.readPayload(body(externalEntityDoc('dxi').replaceFirst(/^<\?xml[^>]*>\n/, '')))

        then:
        def e = thrown(WireFormatException)
        e.message.contains(expected)
        !e.message.contains(marker)

        where:
        where                              | body                                                                                                        || expected
        'after whitespace'                 | { String d -> (' \n\t ' + d).bytes }                                                                        || 'DOCTYPE is refused'
        'after a byte order mark'          | { String d -> ('\uFEFF' + d).getBytes(StandardCharsets.UTF_8) }                                             || 'DOCTYPE is refused'
        'after a comment'                  | { String d -> ('<!-- hello -->' + d).bytes }                                                                || 'DOCTYPE is refused'
        'after a processing instruction'   | { String d -> ('<?xml version="1.0"?><?pi data?>' + d).bytes }                                              || 'DOCTYPE is refused'
        'after a 100 KiB comment'          | { String d -> ('<!--' + 'x' * 100_000 + '-->' + d).bytes }                                                  || 'DOCTYPE is refused'
        'in UTF-16 with a byte order mark' | { String d -> ('\uFEFF' + d).getBytes(StandardCharsets.UTF_16BE) }                                          || 'DOCTYPE is refused'
        'in UTF-16LE with a declaration'   | { String d -> ('\uFEFF<?xml version="1.0" encoding="UTF-16"?>' + d).getBytes(StandardCharsets.UTF_16LE) }   || 'DOCTYPE is refused'
        'in lower case (not XML)'          | { String d -> d.replace('<!DOCTYPE', '<!doctype').bytes }                                                   || 'malformed XML at line 1'
        'after the root element'           | { String d -> ('<dxi/>' + d).bytes }                                                                         || 'malformed XML'
    }

    def "the XML parser itself reads no DTD and resolves no entity"() {
        given:
        XMLInputFactory input = ((JacksonXmlCodec) xml).mapper().factory.XMLInputFactory

        expect:
        input.getProperty(XMLInputFactory.SUPPORT_DTD) == false
        input.getProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES) == false
        input.getProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES) == true
    }

    /** Parses with the codec's own mapper, skipping the DOCTYPE check: the parser settings alone. */
    String parseBypassingChecks(String doc, String as) {
        def mapper = ((JacksonXmlCodec) xml).mapper()
        try {
            def result = as == 'tree'
                    ? mapper.readTree(JacksonCodec.source(doc.bytes))
                    : mapper.readValue(JacksonCodec.source(doc.bytes), Envelope)
            return 'read: ' + result
        } catch (JsonProcessingException e) {
            return 'refused: ' + e.message
        }
    }

    def "without the DOCTYPE check the parser still does not expand #entity (#as)"() {
        when:
        String outcome = parseBypassingChecks(doc(this), as)

        then:
        !outcome.contains(marker)
        outcome.startsWith(expected)

        where:
        entity                         | as       | doc                                                                                                                             || expected
        'an external file entity'      | 'tree'   | { s -> s.externalEntityDoc('dxi') }                                                                                             || 'refused: Undeclared general entity'
        'an external file entity'      | 'result' | { s -> s.externalEntityDoc('result') }                                                                                          || 'refused: Undeclared general entity'
        'an internal entity'           | 'tree'   | { s -> "<!DOCTYPE dxi [<!ENTITY e \"${s.marker}\">]><dxi><name>&e;</name></dxi>" }                                              || 'refused: Undeclared general entity'
        'an external parameter entity' | 'tree'   | { s -> "<!DOCTYPE dxi [<!ENTITY % p SYSTEM \"${s.secretFile.toUri()}\"> %p;]><dxi><name>x</name></dxi>" }                       || 'read: {"name":"x"}'
        'an external DTD'              | 'tree'   | { s -> "<!DOCTYPE dxi SYSTEM \"${s.secretFile.toUri()}\"><dxi><name>x</name></dxi>" }                                           || 'read: {"name":"x"}'
        'a billion laughs'             | 'tree'   | { s -> billionLaughs('dxi') }                                                                                                   || 'refused: Undeclared general entity'
    }

    @Timeout(10)
    def "without the DOCTYPE check a billion-laughs body is still refused at once"() {
        given:
        String body = billionLaughs('result')
        long before = allocatedBytes()

        when:
        String outcome = parseBypassingChecks(body, 'result')

        then: 'refused before any entity is expanded: an expansion would allocate gigabytes'
        outcome.startsWith('refused: Undeclared general entity')
        allocatedBytes() - before < EXPANSION_BOUND
    }

    def "an external entity in a #format body is plain text, never resolved"() {
        when:
        def payload = WireCodec.of(format).readPayload(body.replace('FILE', secretFile.toUri().toString()).bytes)

        then:
        !payload.toString().contains(marker)
        payload.records()*.fields().toString().contains(secretFile.toUri().toString())

        where:
        format      || body
        Format.JSON || '[{"name":"<!DOCTYPE x [<!ENTITY e SYSTEM \\"FILE\\">]>&e;"}]'
        Format.CSV  || 'name\n"<!DOCTYPE x [<!ENTITY e SYSTEM ""FILE"">]>&e;"\n'
    }

    def "an XML answer replaces what XML 1.0 cannot carry (#what) and reads back; JSON keeps it"() {
        given: 'an agent stored with the character, as over JSON or before such values were refused'
        Envelope answer = Envelope.read(1, [Agent.of([agentid: '550003', name: "A${ch}B".toString(), note: "n${ch}".toString()])])

        when:
        Envelope viaXml = xml.readEnvelope(xml.writeEnvelope(answer))
        Envelope viaJson = json.readEnvelope(json.writeEnvelope(answer))

        then:
        viaXml.list()[0].name() == 'A\uFFFDB'
        viaXml.list()[0].get('note') == 'n\uFFFD'
        viaJson.list()[0].name() == "A${ch}B".toString()

        where:
        what                    | ch
        'U+0000'                | '\u0000'
        'an escape character'   | '\u001b'
        'an unpaired surrogate' | '\ud800'
        'a lone low surrogate'  | '\udc00'
        'U+FFFE'                | '\ufffe'
    }

    def "an XML error message with what XML cannot carry is written with it replaced"() {
        when:
        Envelope e = xml.readEnvelope(xml.writeEnvelope(Envelope.failure('Bad argument: \u0000x')))

        then:
        e.error() == 'Bad argument: \uFFFDx'
    }

    def "a character pair beyond U+FFFF is kept in XML"() {
        expect:
        xml.readEnvelope(xml.writeEnvelope(Envelope.read(1, [Agent.of([name: 'Smile \uD83D\uDE00'])]))).list()[0].name() == 'Smile \uD83D\uDE00'
    }
}
