package io.cnsh.dsl

import spock.lang.Specification

class SecretMaskerSpec extends Specification {

    def "secret values are masked: #line"() {
        expect:
        SecretMasker.mask(line) == masked

        where:
        line                                                        || masked
        "agents < create name: 'Joe', pin: '1234' >"                || "agents < create name: 'Joe', pin: '****' >"
        'agents < create password: "s3cret!", name: "Jo" >'         || 'agents < create password: "****", name: "Jo" >'
        "agents.create(pin: 482913, name: 'x')"                     || "agents.create(pin: ****, name: 'x')"
        "[\"pin\": \"0000\"]"                                       || "[\"pin\": \"****\"]"
        "['password': 'a b c']"                                     || "['password': '****']"
        "def pin = '1234'"                                          || "def pin = '****'"
        "agent.pin = '99'"                                          || "agent.pin = '****'"
        "PIN: '77'"                                                 || "PIN: '****'"
        "token: 'abc.def'"                                          || "token: '****'"
        "pin: 'it\\'s'"                                             || "pin: '****'"
        "agents < create pin: '12"                                  || "agents < create pin: '****"
        "agents <\n  create pin: '1', password: 'p'\n>"             || "agents <\n  create pin: '****', password: '****'\n>"
        "pin: '''multi'''"                                          || "pin: '''****'''"
    }

    def "text that only mentions a secret name is left alone: #line"() {
        expect:
        SecretMasker.mask(line) == line

        where:
        line << ["agents < read sort: 'pin' >", 'x.pin == 1234', 'pinned: 3', 'spin: 4', "println 'no pin here'",
                 '/login', "agents < read limit: 5 >", 'it.pin ==~ /12/']
    }
}
