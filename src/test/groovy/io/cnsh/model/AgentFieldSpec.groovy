package io.cnsh.model

import spock.lang.Specification

class AgentFieldSpec extends Specification {

    def "the documented fields are the article's 21, in the article's order"() {
        expect: 'the payload list of the agents article'
        AgentField.wireNames() as List == ('agentid, name, moh, userfield, filter, pin, username, password, phone, '
                + 'customer, default_status, agent_version, last_broadcast_msg, selfserve_id, aod, aod_lock, '
                + 'audio_id, auth_level, auth_admin, auth_supervisor, auth_reports').split(', ') as List
        AgentField.values()*.wireName() == AgentField.wireNames() as List
    }

    def "#field accepts #value"() {
        expect:
        AgentField.byWireName(field).get().check(value) == Optional.empty()

        where:
        field             || value
        'agentid'         || '550423'
        'pin'             || '0123456789'
        'filter'          || '999'
        'customer'        || '0'
        'agent_version'   || '2'
        'selfserve_id'    || '12'
        'aod_lock'        || '1'
        'audio_id'        || '0'
        'auth_admin'      || 'Y'
        'auth_admin'      || 'N'
        'auth_supervisor' || 'Y'
        'auth_supervisor' || 'N'
        'aod'             || 'yes'
        'aod'             || 'no'
        'auth_level'      || 'supervisor'
        'auth_level'      || 'anything at all'
        'auth_reports'    || 'Y'
        'auth_reports'    || 'maybe'
        'moh'             || 'jazz'
        'default_status'  || 'ready'
        'name'            || 'Zoë O\'Brien, Jr.'
        'username'        || 'joe@example'
        'password'        || 'P@ss word 1'
        'phone'           || '+44 20 7946 0000'
        'userfield'       || '<anything>'
        'last_broadcast_msg' || 'line 1\nline 2'
    }

    def "#field refuses #value: #message"() {
        expect:
        AgentField.byWireName(field).get().check(value) == Optional.of(message)

        where:
        field             | value      || message
        'agentid'         | '55o423'   || "field 'agentid' must be digits only, got '55o423'"
        'agentid'         | '-1'       || "field 'agentid' must be digits only, got '-1'"
        'filter'          | ' 999'     || "field 'filter' must be digits only, got ' 999'"
        'customer'        | '1.0'      || "field 'customer' must be digits only, got '1.0'"
        'agent_version'   | 'v2'       || "field 'agent_version' must be digits only, got 'v2'"
        'selfserve_id'    | '<Campaign_ID>' || "field 'selfserve_id' must be digits only, got '<Campaign_ID>'"
        'aod_lock'        | 'no'       || "field 'aod_lock' must be digits only, got 'no'"
        'audio_id'        | '٣'        || "field 'audio_id' must be digits only, got '٣'"
        'auth_admin'      | 'y'        || "field 'auth_admin' must be Y or N, got 'y'"
        'auth_admin'      | 'Yes'      || "field 'auth_admin' must be Y or N, got 'Yes'"
        'auth_supervisor' | '1'        || "field 'auth_supervisor' must be Y or N, got '1'"
        'aod'             | 'Y'        || "field 'aod' must be yes or no, got 'Y'"
        'aod'             | 'YES'      || "field 'aod' must be yes or no, got 'YES'"
        'pin'             | '12ab34'   || "field 'pin' must be digits only, got ****"
    }

    def "a refused pin is masked: the message names the field but not the value"() {
        when:
        String message = AgentField.PIN.check('4921secret').get()

        then:
        message.contains("'pin'")
        !message.contains('4921secret')
        message.contains(Secrets.MASK)
    }

    def "the pin and the password are the secret fields"() {
        expect:
        AgentField.values().findAll { it.isSecret() } == [AgentField.PIN, AgentField.PASSWORD]
    }

    def "null and the empty string pass the rule of #field"() {
        expect:
        field.check(null).isEmpty()
        field.check('').isEmpty()

        where:
        field << AgentField.values()
    }

    def "#wireName is #javaName in Java"() {
        expect:
        AgentField.byWireName(wireName).get().javaName() == javaName
        AgentField.byAnyName(javaName).get().wireName() == wireName
        AgentField.byAnyName(wireName).get().wireName() == wireName

        where:
        wireName             || javaName
        'agentid'            || 'agentid'
        'default_status'     || 'defaultStatus'
        'last_broadcast_msg' || 'lastBroadcastMsg'
        'selfserve_id'       || 'selfserveId'
        'auth_supervisor'    || 'authSupervisor'
    }

    def "byWireName knows only documented wire names"() {
        expect:
        AgentField.byWireName(name).isPresent() == known

        where:
        name             || known
        'auth_level'     || true
        'authLevel'      || false
        'AUTH_LEVEL'     || false
        'middleware'     || false
        ''               || false
    }

    def "#field describes its rule as '#description'"() {
        expect:
        field.ruleDescription() == description

        where:
        field                       || description
        AgentField.AGENTID          || 'digits only'
        AgentField.AUTH_ADMIN       || 'Y or N'
        AgentField.AOD              || 'yes or no'
        AgentField.AUTH_LEVEL       || 'any text'
    }
}
