package io.cnsh.client

import spock.lang.Specification

/** Masking of secrets in text bound for logs and messages. */
class RedactorSpec extends Specification {

    Redactor redactor = new Redactor()

    def "masks the #where value of #name"() {
        expect:
        redactor.redact(text) == masked

        where:
        where        | name       | text                                                    || masked
        'query'      | 'password' | 'GET /token.php?action=get&username=u&password=p%40ss&format=json' || 'GET /token.php?action=get&username=u&password=****&format=json'
        'query'      | 'token'    | '/database.php?token=0123abcd&method=agents'            || '/database.php?token=****&method=agents'
        'form'       | 'pin'      | 'pin=482913&name=Joe'                                   || 'pin=****&name=Joe'
        'JSON text'  | 'pin'      | '[{"name":"Joe","pin":"482913","password":"a\\"b"}]'   || '[{"name":"Joe","pin":"****","password":"****"}]'
        'JSON number'| 'pin'      | '{"pin": 482913, "agentid": 5}'                         || '{"pin": "****", "agentid": 5}'
        'JSON'       | 'token'    | '{"success":true,"token":"bd93","expire":1}'            || '{"success":true,"token":"****","expire":1}'
        'XML'        | 'password' | '<agent><Password>Pa$$w0rd</Password><pin/></agent>'    || '<agent><Password>****</Password><pin/></agent>'
    }

    def "masks a registered secret wherever it appears, also URL-encoded, and leaves other text alone"() {
        given:
        redactor.register('Api Pa55&word')
        redactor.register('ab')

        expect:
        redactor.redact('user=u secret Api Pa55&word, again Api+Pa55%26word; ab stays') == 'user=u secret ****, again ****; ab stays'
        redactor.redact(null) == null
        redactor.redact('') == ''
    }
}
