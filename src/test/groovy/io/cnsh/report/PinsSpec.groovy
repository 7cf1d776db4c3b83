package io.cnsh.report

import spock.lang.Specification

class PinsSpec extends Specification {

    def "PIN #pin is #verdict"() {
        expect:
        Pins.weaknesses(pin) == reasons
        Pins.isWeak(pin) == !reasons.isEmpty()

        where:
        pin      || reasons
        '482913' || []
        '739204' || []
        '1234'   || ['consecutive digits', 'one of the most common PINs']
        '987654' || ['consecutive digits', 'one of the most common PINs']
        '7890'   || ['consecutive digits']
        '0000'   || ['one digit repeated', 'one of the most common PINs']
        '555555' || ['one digit repeated']
        '121212' || ['a short pattern repeated', 'one of the most common PINs']
        '4747'   || ['a short pattern repeated']
        '2580'   || ['one of the most common PINs']
        '12'     || ['fewer than 4 digits']
        ''       || []
        null     || []

        verdict = reasons ? 'weak: ' + reasons.join(', ') : 'not flagged'
    }
}
