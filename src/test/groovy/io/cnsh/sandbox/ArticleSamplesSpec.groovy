package io.cnsh.sandbox

import io.cnsh.wire.Format
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/**
 * Every request sample of 8x8's agents API article (and the token API docs), sent to the sandbox
 * byte for byte, gets an answer of the documented shape and types.
 */
class ArticleSamplesSpec extends Specification {

    static final String XML_DECLARATION = '<?xml version="1.0" encoding="utf-8" ?>'

    // The update samples name agents 550415 and 550423: the store starts at 550415 and nine
    // agents are created first, so both exist whatever order the features run in.
    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().seed(Seed.NONE).firstAgentId(550_415)
            .build().start()
    @Shared LoopbackHttp http = new LoopbackHttp(server)
    @Shared String token

    def setupSpec() {
        token = http.token()
        def fillers = (1..9).collect { [name: "Filler $it".toString(), username: "filler$it".toString()] }
        def r = http.post("database.php?token=$token&format=json&method=agents&action=create&raw=1",
                LoopbackHttp.json(fillers), 'application/json')
        assert r.json().get('key').asLong() == 550_423
    }

    def "the token request of the docs gets a 40-hex token and an integer expiry, as documented"() {
        when:
        def r = http.get('token.php?action=get&username=demo&password=demo&format=json')

        then:
        r.status == 200
        r.contentType.startsWith('application/json')
        Golden.jsonShapeDiff(Golden.json('token-get/response.json'), r.json()) == []
        r.json().get('token').textValue() ==~ /[0-9a-f]{40}/
        r.json().get('expire').isIntegralNumber()
        r.json().get('expire').asLong() > System.currentTimeMillis().intdiv(1000)
    }

    def "the token request in XML gets the documented <result> elements"() {
        when:
        def r = http.get('token.php?action=get&username=demo&password=demo&format=xml')

        then:
        Golden.xmlShapeDiff(Golden.xml('token-get/response.xml'), r.xml()) == []
        r.xmlValue('success') == '1'
        r.xmlValue('token') ==~ /[0-9a-f]{40}/
        r.xmlValue('expire') ==~ /[0-9]+/
    }

    def "the validate request of the docs answers success and the expiry"() {
        when:
        def r = http.get("token.php?action=validate&token=$token")

        then:
        Golden.jsonShapeDiff(Golden.json('token-validate/response.json'), r.json()) == []
        r.json().get('success').booleanValue()
    }

    def "the JSON create sample, sent as-is, creates one agent and answers the documented write shape"() {
        when:
        def r = http.post(Golden.requestUrl('agents-create', token), Golden.bytes('agents-create/request.json'),
                'application/json')
        def answer = r.json()

        then:
        r.status == 200
        Golden.jsonShapeDiff(Golden.json('agents-create/response.json'), answer) == []
        answer.get('success').isBoolean() && answer.get('success').booleanValue()
        answer.get('account_id').isTextual() && answer.get('account_id').textValue() == server.accountId()
        answer.get('total').intValue() == 1
        answer.get('bad').intValue() == 0
        answer.get('key').isIntegralNumber() && answer.get('key').longValue() > 550_423

        and: 'the agent reads back with the values sent'
        def read = http.get("database.php?token=$token&format=json&method=agents&action=read&agentid=${answer.get('key').longValue()}")
        def agent = read.json().get('list').get(0)
        agent.get('name').textValue() == '<AGENT_FULLNAME>'
        agent.get('selfserve_id').textValue() == '<Campaign_ID>'
        agent.get('auth_admin').textValue() == 'Y'
    }

    def "the XML create sample (records wrapped in <agent>), sent as-is, answers the documented <result>"() {
        when:
        def url = Golden.requestUrl('agents-create', token).replace('format=json', 'format=xml')
        def r = http.post(url, Golden.bytes('agents-create/request.xml'), 'text/xml')

        then:
        r.status == 200
        r.contentType.startsWith('text/xml')
        Golden.xmlShapeDiff(Golden.xml('agents-create/response.xml'), r.xml()) == []
        r.xmlValue('success') == '1'
        r.xmlValue('account_id') == server.accountId()
        r.xmlValue('total') == '1'
        r.xmlValue('bad') == '0'
        r.xmlValue('key').toLong() > 550_423

    }

    def "the read sample answers the documented JSON list: every agent has the 21 fields, as strings or null"() {
        when:
        def r = http.get(Golden.requestUrl('agents-read', token))
        def answer = r.json()

        then:
        r.status == 200
        Golden.jsonShapeDiff(Golden.json('agents-read/response.json'), answer) == []
        answer.get('success').booleanValue()
        answer.get('total').isIntegralNumber()
        answer.get('total').intValue() == answer.get('list').size()
        !answer.has('account_id')
        answer.get('list').every { a -> a.fields().every { it.value.isTextual() || it.value.isNull() } }
    }

    def "the read sample in XML answers the documented <list> of <agent> elements after an XML declaration"() {
        when:
        def r = http.get(Golden.requestUrl('agents-read', token).replace('format=json', 'format=xml'))

        then:
        r.text().startsWith(XML_DECLARATION)
        Golden.xmlShapeDiff(Golden.xml('agents-read/response.xml'), r.xml()) == []
        r.xmlValue('success') == '1'
        Reply.Xml.children(Reply.Xml.child(r.xml(), 'list')).size() == r.xmlValue('total').toInteger()
    }

    def "the JSON update sample renames agent 550423 and answers key 0"() {
        when:
        def r = http.post(Golden.requestUrl('agents-update', token), Golden.bytes('agents-update/request.json'),
                'application/json')

        then:
        Golden.jsonShapeDiff(Golden.json('agents-update/response.json'), r.json()) == []
        Golden.jsonShapeDiff(Golden.json('response/write.json'), r.json()) == []
        r.json().get('total').intValue() == 1
        r.json().get('bad').intValue() == 0
        r.json().get('key').isIntegralNumber() && r.json().get('key').intValue() == 0
        nameOf(550_423) == 'John Dow'
        usernameOf(550_423) == 'filler9'
    }

    def "the XML update sample (fields directly under <dxi>) renames agent 550415"() {
        when:
        def url = Golden.requestUrl('agents-update', token).replace('format=json', 'format=xml')
        def r = http.post(url, Golden.bytes('agents-update/request.xml'), 'text/xml')

        then:
        Golden.xmlShapeDiff(Golden.xml('agents-update/response.xml'), r.xml()) == []
        Golden.xmlShapeDiff(Golden.xml('response/write.xml'), r.xml()) == []
        r.xmlValue('success') == '1'
        r.xmlValue('total') == '1'
        r.xmlValue('key') == '0'
        nameOf(550_415) == 'John Dow'
        usernameOf(550_415) == 'filler1'
    }

    def "the documented failures have the documented shape: #file"() {
        when:
        def r = http.get(request.replace('TOKEN', token))

        then:
        Golden.jsonShapeDiff(Golden.json(file), r.json()) == []
        r.json().get('success').booleanValue() == false
        r.json().get('error').textValue() == expected

        where:
        file                                    | request                                                                      || expected
        'token-get/failure-authentication.json' | 'token.php?action=get&username=demo&password=wrong'                          || 'Authentication failure'
        'token-validate/failure-invalid.json'   | 'token.php?action=validate&token=0000000000000000000000000000000000000000' || 'Invalid token'
        'error/bad-argument.json'               | 'database.php?token=TOKEN&method=agents&action=xyz'                          || 'Bad argument: action'
    }

    private String nameOf(long id) {
        http.get("database.php?token=$token&method=agents&action=read&agentid=$id").json().get('list').get(0).get('name').textValue()
    }

    private String usernameOf(long id) {
        http.get("database.php?token=$token&method=agents&action=read&agentid=$id").json().get('list').get(0).get('username').textValue()
    }
}
