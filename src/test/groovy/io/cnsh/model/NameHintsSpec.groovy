package io.cnsh.model

import spock.lang.Specification

class NameHintsSpec extends Specification {

    def "'#typed' is taken for '#expected'"() {
        expect:
        NameHints.closest(typed, AgentField.wireNames()) == Optional.ofNullable(expected)

        where:
        typed             || expected
        'auth_levl'       || 'auth_level'
        'authLevel'       || 'auth_level'
        'Auth Level'      || 'auth_level'
        'default-status'  || 'default_status'
        'usernme'         || 'username'
        'pinn'            || 'pin'
        'colour'          || null
        'xyzzy_frobnicar' || null
    }
}
