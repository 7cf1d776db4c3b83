package io.cnsh.sandbox

import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/** token.php: credentials, token reuse, expiry by the sandbox's clock, address binding. */
class TokenSpec extends Specification {

    static final String CALLER = SandboxServer.CALLER_ADDRESS_HEADER

    @Shared TestClock clock = new TestClock()
    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().seed(Seed.NONE).clock(clock)
            .apiUser('api-user', 'api-pass').trustAddressHeader(true).build().start()
    @Shared LoopbackHttp http = new LoopbackHttp(server)

    Reply get(String address, String extra = '') {
        http.get("token.php?action=get&username=api-user&password=api-pass$extra", [(CALLER): address])
    }

    Reply validate(String token, String address) {
        http.get("token.php?action=validate&token=$token", [(CALLER): address])
    }

    Reply readWith(String token, String address) {
        http.get("database.php?token=$token&method=agents&action=read&format=json", [(CALLER): address])
    }

    def "a token is 40 lowercase hex characters that expire 43200 seconds from now"() {
        when:
        def r = get('10.1.0.1').json()

        then:
        r.get('success').booleanValue()
        r.get('token').textValue() ==~ /[0-9a-f]{40}/
        r.get('expire').longValue() == clock.epochSecond() + 43_200
    }

    def "while a token is good, get returns the same token and the same expiry"() {
        given:
        def first = get('10.1.0.2').json()

        when:
        clock.advance(Duration.ofHours(3))
        def again = get('10.1.0.2').json()

        then:
        again.get('token') == first.get('token')
        again.get('expire') == first.get('expire')
    }

    def "a token is good until its expiry second, then answers Expired token with expire -1"() {
        given:
        def grant = get('10.1.0.3').json()
        String token = grant.get('token').textValue()
        clock.now = java.time.Instant.ofEpochSecond(grant.get('expire').longValue() - 1)

        expect:
        validate(token, '10.1.0.3').json().get('expire').longValue() == grant.get('expire').longValue()
        readWith(token, '10.1.0.3').json().get('success').booleanValue()

        when:
        clock.advance(Duration.ofSeconds(1))
        def validated = validate(token, '10.1.0.3')
        def used = readWith(token, '10.1.0.3')

        then:
        Golden.jsonShapeDiff(Golden.json('token-validate/failure-expired.json'), validated.json()) == []
        validated.text() == '{"success":false,"error":"Expired token","expire":-1}'
        used.text() == '{"success":false,"error":"Expired token","expire":-1}'

        and: 'a new get issues a new token'
        def renewed = get('10.1.0.3').json()
        renewed.get('token') != grant.get('token')
        renewed.get('expire').longValue() == clock.epochSecond() + 43_200
    }

    def "wrong credentials answer Authentication failure: #why"() {
        when:
        def r = http.get("token.php?action=get$query", [(CALLER): '10.1.0.4'])

        then:
        r.status == 200
        r.text() == '{"success":false,"error":"Authentication failure"}'

        where:
        why                  | query
        'wrong password'     | '&username=api-user&password=API-PASS'
        'wrong username'     | '&username=demo&password=api-pass'
        'no password'        | '&username=api-user'
        'no credentials'     | ''
    }

    def "a token is bound to the address that asked for it: elsewhere it is an Invalid token"() {
        given:
        String token = get('10.1.0.5').json().get('token').textValue()

        expect:
        readWith(token, '10.1.0.5').json().get('success').booleanValue()
        readWith(token, '10.1.0.6').text() == '{"success":false,"error":"Invalid token"}'
        validate(token, '10.1.0.6').text() == '{"success":false,"error":"Invalid token"}'
        validate(token, '10.1.0.5').json().get('success').booleanValue()
    }

    def "an address list binds the token to the listed addresses instead of the caller's"() {
        given:
        def r = get('10.1.0.7', '&address=' + LoopbackHttp.enc('192.0.2.1, 192.0.2.2,2001:db8::1'))
        String token = r.json().get('token').textValue()

        expect:
        r.json().get('success').booleanValue()
        readWith(token, '192.0.2.1').json().get('success').booleanValue()
        readWith(token, '192.0.2.2').json().get('success').booleanValue()
        readWith(token, '2001:db8:0:0:0:0:0:1').json().get('success').booleanValue()
        readWith(token, '10.1.0.7').json().get('error').textValue() == 'Invalid token'

        and: 'the same list in another order gets the same token'
        get('10.9.9.9', '&address=2001:db8::1,192.0.2.2,192.0.2.1').json().get('token').textValue() == token
    }

    def "an address list of ten is accepted"() {
        given:
        def ten = (1..10).collect { "198.51.100.$it" }.join(',')

        expect:
        get('10.1.0.8', "&address=$ten").json().get('success').booleanValue()
    }

    def "an address list that is too long or holds a non-address is refused: #list"() {
        when:
        def r = get('10.1.0.9', '&address=' + LoopbackHttp.enc(list))

        then:
        r.text() == '{"success":false,"error":"Bad argument: address"}'

        where:
        list << [(1..11).collect { "198.51.100.$it" }.join(','), '10.0.0.256', 'example.com', '1.2.3',
                 '10.0.0.1,,10.0.0.2', '10.0.0.1;10.0.0.2', '::g']
    }

    def "an unknown or missing action answers Bad argument: action"() {
        expect:
        http.get("token.php?action=$action&username=api-user&password=api-pass").text() ==
                '{"success":false,"error":"Bad argument: action"}'

        where:
        action << ['list', '', 'GET']
    }

    def "token.php answers in XML when asked, failures with success 0"() {
        when:
        def ok = get('10.1.0.10', '&format=xml')
        def failed = http.get('token.php?action=get&username=x&password=y&format=xml')

        then:
        ok.contentType.startsWith('text/xml')
        ok.xmlValue('success') == '1'
        failed.text() == '<?xml version="1.0" encoding="utf-8" ?>\n<result><success>0</success><error>Authentication failure</error></result>'
    }

    def "without the test flag the caller-address header is ignored"() {
        given:
        def plain = SandboxServer.builder().seed(Seed.NONE).build().start()
        def client = new LoopbackHttp(plain)

        when:
        String token = client.token('demo', 'demo', [(CALLER): '203.0.113.9'])

        then: 'the token is bound to the real caller, 127.0.0.1'
        client.get("database.php?token=$token&method=agents&action=read").json().get('success').booleanValue()
        client.get("database.php?token=$token&method=agents&action=read", [(CALLER): '203.0.113.9']).json()
                .get('success').booleanValue()

        cleanup:
        plain?.close()
    }

    def "the token lifetime can be set, e.g. to 43199 seconds"() {
        given:
        def other = SandboxServer.builder().seed(Seed.NONE).clock(clock).tokenTtl(Duration.ofSeconds(43_199)).build().start()

        expect:
        new LoopbackHttp(other).get('token.php?action=get&username=demo&password=demo').json()
                .get('expire').longValue() == clock.epochSecond() + 43_199

        cleanup:
        other?.close()
    }
}
