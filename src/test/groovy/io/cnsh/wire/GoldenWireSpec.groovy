package io.cnsh.wire

import static io.cnsh.wire.Payload.Shape.LIST
import static io.cnsh.wire.Payload.Shape.SINGLE

import io.cnsh.model.Agent
import io.cnsh.model.AgentField
import java.time.Instant
import spock.lang.Shared
import spock.lang.Specification

/**
 * The golden samples of 8x8's documentation (src/test/resources/wire, see its README) read with
 * the documented values and are written back as the same documents.
 */
class GoldenWireSpec extends Specification {

    // Every golden file belongs to one list below; each list drives a round-trip or refusal
    // feature, and the last feature fails on a file that is in none of them.
    static final List<String> JSON_RESPONSES = [
            'response/write.json', 'agents-create/response.json', 'agents-update/response.json',
            'agents-read/response.json', 'error/bad-argument.json', 'token-get/response.json',
            'token-get/failure-authentication.json', 'token-validate/response.json',
            'token-validate/failure-invalid.json', 'token-validate/failure-expired.json']
    static final List<String> XML_RESPONSES = [
            'response/write.xml', 'agents-create/response.xml', 'agents-update/response.xml',
            'agents-read/response.xml', 'token-get/response.xml']
    static final List<String> TRUNCATED_XML = [
            'agents-create/response.truncated.xml', 'agents-update/response.truncated.xml']
    static final Map<String, Payload.Shape> REQUEST_PAYLOADS = [
            'agents-create/request.json': LIST, 'agents-create/request.xml': LIST,
            'agents-update/request.json': LIST, 'agents-update/request.xml': SINGLE]
    static final List<String> REQUEST_LINES = [
            'agents-create/request.url', 'agents-read/request.url', 'agents-update/request.url']
    static final List<String> INDEX = ['README.md']

    static final String ABSENT = '<absent>'

    @Shared WireCodec json = WireCodec.of(Format.JSON)
    @Shared WireCodec xml = WireCodec.of(Format.XML)

    WireCodec codecFor(String file) {
        file.endsWith('.json') ? json : xml
    }

    // --- round trips ------------------------------------------------------------------------

    def "JSON response #file is written back as the same JSON tree, keys in the same order"() {
        given:
        def original = JsonTree.of(Golden.bytes(file))

        when:
        def written = JsonTree.of(json.writeEnvelope(json.readEnvelope(Golden.bytes(file))))

        then:
        written == original
        JsonTree.keyOrder(written) == JsonTree.keyOrder(original)

        where:
        file << JSON_RESPONSES
    }

    def "XML response #file is written back as the same element tree"() {
        when:
        def written = xml.writeEnvelope(xml.readEnvelope(Golden.bytes(file)))

        then:
        XmlTree.of(written) == XmlTree.of(Golden.bytes(file))

        where:
        file << XML_RESPONSES
    }

    def "request payload #file reads as a #shape payload and is written back as the same document"() {
        when:
        def payload = codecFor(file).readPayload(Golden.bytes(file))
        def written = codecFor(file).writePayload(payload.records(), shape)

        then:
        payload.shape() == shape
        payload.records().size() == 1
        file.endsWith('.json')
                ? JsonTree.of(written) == JsonTree.of(Golden.bytes(file))
                        && JsonTree.keyOrder(JsonTree.of(written)) == JsonTree.keyOrder(JsonTree.of(Golden.bytes(file)))
                : XmlTree.of(written) == XmlTree.of(Golden.bytes(file))

        where:
        [file, shape] << REQUEST_PAYLOADS.collect { k, v -> [k, v] }
    }

    def "the article's cut-off response #file is refused as malformed XML on one line"() {
        when:
        xml.readEnvelope(Golden.bytes(file))

        then:
        def e = thrown(WireFormatException)
        e.format() == Format.XML
        e.message.startsWith('malformed XML')
        e.message.contains('close tag for element <result>')
        !e.message.contains('\n')

        where:
        file << TRUNCATED_XML
    }

    def "completed response #completed is the article's cut-off copy plus the closing </result>"() {
        expect:
        Golden.text(completed) == Golden.text(truncated) + '</result>\n'

        where:
        truncated                              || completed
        'agents-create/response.truncated.xml' || 'agents-create/response.xml'
        'agents-update/response.truncated.xml' || 'agents-update/response.xml'
    }

    // --- documented values ------------------------------------------------------------------

    def "write answer #file reads as success #success, account #account, total #total, bad #bad, key #key"() {
        when:
        def e = codecFor(file).readEnvelope(Golden.bytes(file))

        then:
        e.success() == success
        e.accountId() == account
        e.total() == total
        e.bad() == bad
        e.key() == key
        e.error() == null
        e.list() == null
        e.toWriteResult().clean()

        where:
        file                          || success | account | total | bad | key
        'response/write.json'         || true    | '10278' | 1L    | 0L  | 0L
        'response/write.xml'          || true    | '1234'  | 1L    | 0L  | 0L
        'agents-create/response.json' || true    | '10278' | 1L    | 0L  | 550423L
        'agents-create/response.xml'  || true    | '10278' | 1L    | 0L  | 550423L
        'agents-update/response.json' || true    | '10278' | 1L    | 0L  | 0L
        'agents-update/response.xml'  || true    | '10278' | 1L    | 0L  | 0L
    }

    def "the JSON create answer sends account_id as a string and key as a number"() {
        given:
        def tree = JsonTree.of(Golden.bytes('agents-create/response.json'))
        def written = JsonTree.of(json.writeEnvelope(json.readEnvelope(Golden.bytes('agents-create/response.json'))))

        expect:
        tree.get('account_id').isTextual() && written.get('account_id').isTextual()
        tree.get('key').isIntegralNumber() && written.get('key').isIntegralNumber()
        tree.get('success').isBoolean() && written.get('success').isBoolean()
    }

    def "XML answers write success as 1 like the samples"() {
        given:
        def written = XmlTree.of(xml.writeEnvelope(xml.readEnvelope(Golden.bytes('response/write.xml'))))

        expect:
        written.children.find { it.name == 'success' }.text == '1'
    }

    def "failure #file reads as error '#error', expire #expire, token renewal #renewal"() {
        when:
        def e = json.readEnvelope(Golden.bytes(file))

        then:
        !e.isSuccess()
        e.success() == false
        e.toApiError().error() == error
        e.toApiError().expire() == expire
        e.toApiError().tokenNeedsRenewal() == renewal

        where:
        file                                    || error                    | expire | renewal
        'error/bad-argument.json'               || 'Bad argument: xyz'      | null   | false
        'token-get/failure-authentication.json' || 'Authentication failure' | null   | false
        'token-validate/failure-invalid.json'   || 'Invalid token'          | null   | false
        'token-validate/failure-expired.json'   || 'Expired token'          | -1L    | true
    }

    def "token answer #file carries token #token expiring at #expire"() {
        when:
        def e = codecFor(file).readEnvelope(Golden.bytes(file))

        then:
        e.isSuccess()
        e.token() == token
        e.expire() == expire
        token == null || e.toTokenGrant().expire() == Instant.ofEpochSecond(expire)
        token == null || e.toTokenGrant().token() == token

        where:
        file                           || token                                      | expire
        'token-get/response.json'      || 'bd932b769fc7263316345627d0a9ef3b8f8d1f8d' | 1307975676L
        'token-get/response.xml'       || 'bd93\u20268f8d'                           | 1307975676L
        'token-validate/response.json' || null                                       | 1510515149L
    }

    def "the read answer in #file holds one agent with the documented fields in the documented order"() {
        when:
        def e = codecFor(file).readEnvelope(Golden.bytes(file))

        then:
        e.isSuccess()
        e.total() == 1L
        e.accountId() == null
        e.list().size() == 1
        e.list()[0].fields().keySet() as List == AgentField.wireNames() as List
        e.toAgentPage().total() == 1L

        where:
        file << ['agents-read/response.json', 'agents-read/response.xml']
    }

    def "the read answer's #field is #jsonValue in JSON and #xmlValue in XML"() {
        given:
        Agent fromJson = json.readEnvelope(Golden.bytes('agents-read/response.json')).list()[0]
        Agent fromXml = xml.readEnvelope(Golden.bytes('agents-read/response.xml')).list()[0]

        expect:
        fromJson.has(field) && fromJson.get(field) == jsonValue
        fromXml.has(field) && fromXml.get(field) == xmlValue

        where: 'XML cannot tell "" from null: an empty element reads as null'
        field                || jsonValue   | xmlValue
        'agentid'            || '550423'    | '550423'
        'name'               || 'Joe Blogs' | 'Joe Blogs'
        'moh'                || 'none'      | 'none'
        'userfield'          || ''          | null
        'filter'             || '0'         | '0'
        'pin'                || '123456'    | '123456'
        'username'           || 'Joe'       | 'Joe'
        'password'           || 'Pa$$w0rd'  | 'Pa$$w0rd'
        'phone'              || null        | null
        'customer'           || '0'         | '0'
        'default_status'     || 'wrap'      | 'wrap'
        'agent_version'      || '2'         | '2'
        'last_broadcast_msg' || ''          | null
        'selfserve_id'       || '0'         | '0'
        'aod'                || 'no'        | 'no'
        'aod_lock'           || '0'         | '0'
        'audio_id'           || '0'         | '0'
        'auth_level'         || 'admin'     | 'admin'
        'auth_admin'         || 'N'         | 'N'
        'auth_supervisor'    || 'N'         | 'N'
        'auth_reports'       || null        | null
    }

    def "the read answer's agent has typed id 550423 and passes every field rule"() {
        given:
        Agent agent = codecFor(file).readEnvelope(Golden.bytes(file)).list()[0]

        expect:
        agent.agentid() == 550423L
        agent.problems().isEmpty()
        agent.unknownFields().isEmpty()

        where:
        file << ['agents-read/response.json', 'agents-read/response.xml']
    }

    def "the create payload's #field is #jsonValue in JSON and #xmlValue in XML"() {
        given:
        Agent fromJson = json.readPayload(Golden.bytes('agents-create/request.json')).records()[0]
        Agent fromXml = xml.readPayload(Golden.bytes('agents-create/request.xml')).records()[0]

        expect:
        (fromJson.has(field) ? fromJson.get(field) : ABSENT) == jsonValue
        (fromXml.has(field) ? fromXml.get(field) : ABSENT) == xmlValue

        where: 'the JSON sample leaves agentid out, the XML one sends it empty; the two samples differ in values'
        field                || jsonValue           | xmlValue
        'agentid'            || ABSENT              | null
        'name'               || '<AGENT_FULLNAME>'  | 'AGENT_FULLNAME'
        'moh'                || 'none'              | 'none'
        'userfield'          || ''                  | null
        'filter'             || '0'                 | '0'
        'pin'                || '123456'            | '123456'
        'username'           || '<USERNAME>'        | 'Admin_30203'
        'password'           || '<PASSWORD>'        | 'PASSWORD'
        'phone'              || ''                  | null
        'customer'           || '0'                 | '0'
        'default_status'     || 'wrap'              | 'wrap'
        'agent_version'      || '2'                 | '2'
        'last_broadcast_msg' || ''                  | null
        'selfserve_id'       || '<Campaign_ID>'     | '0'
        'aod'                || 'no'                | 'no'
        'aod_lock'           || '0'                 | '0'
        'audio_id'           || '0'                 | '0'
        'auth_level'         || 'admin'             | 'admin'
        'auth_admin'         || 'Y'                 | 'N'
        'auth_supervisor'    || 'Y'                 | 'N'
        'auth_reports'       || ''                  | null
    }

    def "update payload #file names agent #agentid and the new name in a #shape payload"() {
        when:
        def payload = codecFor(file).readPayload(Golden.bytes(file))

        then:
        payload.shape() == shape
        payload.records()*.fields() == [[agentid: agentid, name: 'John Dow']]

        where:
        file                         || shape  | agentid
        'agents-update/request.json' || LIST   | '550423'
        'agents-update/request.xml'  || SINGLE | '550415'
    }

    def "Envelope.#factory builds the answer documented in #file"() {
        expect:
        file.endsWith('.json')
                ? JsonTree.of(json.writeEnvelope(envelope)) == JsonTree.of(Golden.bytes(file))
                : XmlTree.of(xml.writeEnvelope(envelope)) == XmlTree.of(Golden.bytes(file))

        where:
        factory     | envelope                                                    || file
        'write'     | Envelope.write('10278', 1, 0, 0, null)                      || 'response/write.json'
        'write'     | Envelope.write('1234', 1, 0, 0, null)                       || 'response/write.xml'
        'write'     | Envelope.write('10278', 1, 0, 550423, null)                 || 'agents-create/response.json'
        'write'     | Envelope.write('10278', 1, 0, 550423, null)                 || 'agents-create/response.xml'
        'read'      | Envelope.read(1, [readSampleAgent()])                       || 'agents-read/response.json'
        'read'      | Envelope.read(1, [readSampleAgent()])                       || 'agents-read/response.xml'
        'failure'   | Envelope.failure('Bad argument: xyz')                       || 'error/bad-argument.json'
        'failure'   | Envelope.failure('Authentication failure')                  || 'token-get/failure-authentication.json'
        'failure'   | Envelope.failure('Invalid token')                           || 'token-validate/failure-invalid.json'
        'failure'   | Envelope.failure('Expired token', -1)                       || 'token-validate/failure-expired.json'
        'token'     | Envelope.token('bd932b769fc7263316345627d0a9ef3b8f8d1f8d', 1307975676) || 'token-get/response.json'
        'token'     | Envelope.token('bd93\u20268f8d', 1307975676)                || 'token-get/response.xml'
        'validated' | Envelope.validated(1510515149)                              || 'token-validate/response.json'
    }

    // The agent of the article's read sample, typed in from the article.
    static Agent readSampleAgent() {
        Agent.builder().agentid('550423').name('Joe Blogs').moh('none').userfield('').filter('0').pin('123456')
                .username('Joe').password('Pa$$w0rd').phone(null).customer('0').defaultStatus('wrap')
                .agentVersion('2').lastBroadcastMsg('').selfserveId('0').aod('no').aodLock('0').audioId('0')
                .authLevel('admin').authAdmin('N').authSupervisor('N').authReports(null).build()
    }

    def "the element-tree comparison tells #a from #b: #differ"() {
        expect:
        (XmlTree.of(a.bytes) != XmlTree.of(b.bytes)) == differ

        where:
        a                                                 | b                                   || differ
        '<?xml version="1.0" ?>\n<r>\n  <x/>\n</r>\n'     | '<r><x></x></r>'                    || false
        '<r><x> 1 </x></r>'                               | '<r><x>1</x></r>'                   || false
        '<r><x>1</x><y/></r>'                             | '<r><y/><x>1</x></r>'               || true
        '<r><x>1</x></r>'                                 | '<r><x>2</x></r>'                   || true
        '<r><x>1</x></r>'                                 | '<r><z>1</z></r>'                   || true
        '<r><x>1</x></r>'                                 | '<r><x>1</x><x>1</x></r>'           || true
        '<r><x a="1"/></r>'                               | '<r><x/></r>'                       || true
    }

    // --- the other files ----------------------------------------------------------------------

    def "request line #file asks the agents method for #action in JSON"() {
        given:
        String line = Golden.text(file).trim()
        Map<String, String> query = line.substring(line.indexOf('?') + 1).split('&').collectEntries {
            def kv = it.split('=', 2)
            [(kv[0]): kv[1]]
        }

        expect:
        line.contains('database.php?')
        query.token == '[Token]'
        query.format == 'json'
        query.method == 'agents'
        query.action == action
        query.raw == raw

        where:
        file                        || action   | raw
        'agents-create/request.url' || 'create' | '1'
        'agents-read/request.url'   || 'read'   | null
        'agents-update/request.url' || 'update' | '1'
    }

    def "the golden README describes every sample file by name"() {
        given:
        String readme = Golden.text('README.md')

        expect:
        Golden.allFiles().findAll { it != 'README.md' }.every { readme.contains(it.tokenize('/').last()) }
        Golden.allFiles().findAll { it != 'README.md' }.collect { it.tokenize('/').first() }.unique()
                .every { readme.contains(it + '/') }
    }

    def "every file in the golden folder is covered by a feature of this spec"() {
        given:
        def lists = [JSON_RESPONSES, XML_RESPONSES, TRUNCATED_XML, REQUEST_PAYLOADS.keySet() as List,
                     REQUEST_LINES, INDEX]
        def covered = lists.flatten()

        expect:
        covered.size() == (covered as Set).size()
        Golden.allFiles() == covered.sort()
    }
}
