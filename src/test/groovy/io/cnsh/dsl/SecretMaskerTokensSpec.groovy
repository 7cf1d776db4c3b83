package io.cnsh.dsl

import spock.lang.Specification

/** Masking reads the scanner's tokens: what is a name, a value, a string or a comment is what Groovy reads. */
class SecretMaskerTokensSpec extends Specification {

    def "#what: '#line' is masked as '#masked'"() {
        expect:
        SecretMasker.mask(line) == masked

        where:
        what                                   | line                                        || masked
        'a slashy value'                       | 'pin: /1234/'                               || 'pin: /****/'
        'a GString value, interpolation too'   | 'pin: "12${n}34"'                           || 'pin: "****"'
        'a negative number'                    | 'pin = -1234'                               || 'pin = ****'
        'a value on the next line'             | 'create pin:\n  4321'                       || 'create pin:\n  ****'
        'a named argument quoted in a string'  | "println 'pin: 1234'"                       || "println 'pin: ****'"
        'a named argument in a comment'        | 'x = 1 // pin: 1234'                        || 'x = 1 // pin: ****'
        'a message with an apostrophe'         | "Caused by: can't create pin: 1234"         || "Caused by: can't create pin: ****"
        'a secret name in a comment first'     | "agents /* pin */ < create pin: '1' >"      || "agents /* pin */ < create pin: '****' >"
    }

    def "'#line' holds no secret and stays as it is"() {
        expect:
        SecretMasker.mask(line) == line

        where:
        line << ["x = 'pin'; y = 1", 'pin ?: 3', 'pins: 4', "'a pin' + ': 1'", 'it.pin ==~ /12/']
    }

    def "known values are masked where they are a whole literal: '#line'"() {
        expect:
        SecretMasker.mask(line, ['482913'] as Set) == masked

        where:
        line                                  || masked
        "x = '482913' + 5504829130"           || "x = '****' + 5504829130"
        'f(482913, "482913", /482913/)'       || 'f(****, "****", /****/)'
        '"id ${482913}"'                      || '"id ${****}"'
    }
}
