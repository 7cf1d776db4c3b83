package io.cnsh.sandbox

import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/** Every error answer of database.php named in the API reference (§9), word for word. */
class ErrorStringsSpec extends Specification {

    @Shared TestClock clock = new TestClock()
    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().seed(Seed.DEMO).clock(clock).build().start()
    @Shared LoopbackHttp http = new LoopbackHttp(server)
    @Shared String token

    def setup() {
        token = http.token()
    }

    def "a missing or unknown token answers Unknown token: #why"() {
        expect:
        http.get("database.php?method=agents&action=read$tokenArg").text() == '{"success":false,"error":"Unknown token"}'

        where:
        why                  | tokenArg
        'no token argument'  | ''
        'an empty token'     | '&token='
        'a token never issued' | '&token=da39a3ee5e6b4b0d3255bfef95601890afd80709'
        'garbage'            | '&token=%3Cscript%3E'
    }

    def "the token is checked before anything else"() {
        expect:
        http.get('database.php?token=nope&method=queues&action=explode&format=yaml').text() ==
                '{"success":false,"error":"Unknown token"}'
    }

    def "the unknown-token answer can be set to Invalid token"() {
        given:
        def strict = SandboxServer.builder().seed(Seed.NONE).unknownTokenError('Invalid token').build().start()

        expect:
        new LoopbackHttp(strict).get('database.php?token=abc&method=agents&action=read').text() ==
                '{"success":false,"error":"Invalid token"}'

        cleanup:
        strict?.close()
    }

    def "an expired token answers Expired token with expire -1, in JSON and XML"() {
        given:
        def shortLived = SandboxServer.builder().seed(Seed.NONE).clock(clock).tokenTtl(Duration.ofSeconds(60)).build().start()
        def client = new LoopbackHttp(shortLived)
        String t = client.token()
        clock.advance(Duration.ofSeconds(60))

        expect:
        client.get("database.php?token=$t&method=agents&action=read&format=json").text() ==
                '{"success":false,"error":"Expired token","expire":-1}'
        client.get("database.php?token=$t&method=agents&action=read&format=xml").text() ==
                '<?xml version="1.0" encoding="utf-8" ?>\n<result><success>0</success><error>Expired token</error><expire>-1</expire></result>'

        cleanup:
        shortLived?.close()
    }

    def "a method other than agents answers Bad argument: method (#method)"() {
        expect:
        http.get("database.php?token=$token&action=read$method").text() == '{"success":false,"error":"Bad argument: method"}'

        where:
        method << ['', '&method=', '&method=queues', '&method=AGENTS']
    }

    def "an unknown or missing action answers Bad argument: action (#action)"() {
        expect:
        http.get("database.php?token=$token&method=agents$action").text() == '{"success":false,"error":"Bad argument: action"}'

        where:
        action << ['', '&action=', '&action=list', '&action=Read']
    }

    def "delete is off by default and answers Bad argument: action"() {
        expect:
        http.post("database.php?token=$token&method=agents&action=delete&raw=1", '[{"agentid":"550001"}]').text() ==
                '{"success":false,"error":"Bad argument: action"}'
    }

    def "an unknown format answers Bad argument: format"() {
        expect:
        http.get("database.php?token=$token&method=agents&action=read&format=yaml").text() ==
                '{"success":false,"error":"Bad argument: format"}'
    }

    def "a write with neither raw=1 nor an easycall part answers that no file was uploaded"() {
        expect:
        http.post("database.php?token=$token&method=agents&action=create&format=json", '[{"name":"x"}]').text() ==
                '{"success":false,"error":"No file uploaded. Missing \'easycall\' section?"}'
        http.postMultipart("database.php?token=$token&method=agents&action=update&format=json", [other: 'x']).text() ==
                '{"success":false,"error":"No file uploaded. Missing \'easycall\' section?"}'
    }

    def "an unreadable payload answers Bad payload with the reason"() {
        when:
        def r = http.post("database.php?token=$token&method=agents&action=create&format=json&raw=1", '[{"name":')

        then:
        r.json().get('success').booleanValue() == false
        r.json().get('error').textValue().startsWith('Bad payload: malformed JSON at line 1, column')
    }

    def "an update of an unknown or missing agentid counts the record bad, names it, and stays a success"() {
        when:
        def r = http.post("database.php?token=$token&method=agents&action=update&format=json&raw=1",
                '[{"agentid":"550001","userfield":"ok"},{"agentid":"999999","name":"x"},{"name":"no id"}]')

        then:
        r.text() == '{"success":true,"account_id":"20001","total":1,"bad":2,"key":0,' +
                '"error":"Record id [999999] does not exist. Record id [] does not exist."}'
    }

    def "failures can be answered with another HTTP status than 200"() {
        given:
        def strict = SandboxServer.builder().seed(Seed.NONE).errorStatus(400).build().start()
        def client = new LoopbackHttp(strict)

        expect:
        client.get('database.php?token=x&method=agents&action=read').status == 400
        client.get('token.php?action=get&username=demo&password=demo').status == 200

        cleanup:
        strict?.close()
    }
}
