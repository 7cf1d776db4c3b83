package io.cnsh.sandbox

import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/** A strict sandbox behaves like a fixed-schema server: documented fields only, numbers as their columns keep them. */
class StrictSandboxSpec extends Specification {

    @Shared @AutoCleanup SandboxServer strict = SandboxServer.builder().seed(Seed.NONE).strict(true).build().start()
    @Shared @AutoCleanup SandboxServer lenient = SandboxServer.builder().seed(Seed.NONE).build().start()

    def setup() {
        strict.reset(Seed.NONE)
        lenient.reset(Seed.NONE)
    }

    /** Creates one agent over the wire and reads it back as the answer's list entry (JSON) or element (XML). */
    static Map<String, String> roundTrip(SandboxServer server, String format, Map<String, String> fields) {
        def http = new LoopbackHttp(server)
        String token = http.token()
        String body = format == 'xml'
                ? '<dxi><agent>' + fields.collect { k, v -> "<$k>$v</$k>" }.join('') + '</agent></dxi>'
                : '[{' + fields.collect { k, v -> "\"$k\":\"$v\"" }.join(',') + '}]'
        def created = http.post("database.php?token=$token&method=agents&action=create&format=$format&raw=1", body)
        assert (format == 'xml' ? created.xmlValue('total') == '1' : created.json().get('total').asInt() == 1): created.text()
        def read = http.get("database.php?token=$token&method=agents&action=read&format=json")
        def agent = read.json().get('list').get(0)
        agent.fieldNames().collectEntries { [(it): agent.get(it).isNull() ? null : agent.get(it).asText()] }
    }

    def "a strict sandbox drops fields outside the documented 21 and never answers them (#format)"() {
        when:
        def agent = roundTrip(strict, format, [name: 'Joe', username: 'joe', team: 'night', 'x.y': 'z'])

        then:
        agent.keySet() == ['agentid', 'name', 'moh', 'userfield', 'filter', 'pin', 'username', 'password', 'phone',
                           'customer', 'default_status', 'agent_version', 'last_broadcast_msg', 'selfserve_id', 'aod',
                           'aod_lock', 'audio_id', 'auth_level', 'auth_admin', 'auth_supervisor', 'auth_reports'] as Set
        agent.name == 'Joe'

        where:
        format << ['json', 'xml']
    }

    def "an update of a strict sandbox ignores fields outside the documented ones"() {
        given:
        def http = new LoopbackHttp(strict)
        String token = http.token()
        long id = http.post("database.php?token=$token&method=agents&action=create&raw=1", '[{"name":"Ann"}]')
                .json().get('key').asLong()

        when:
        def update = http.post("database.php?token=$token&method=agents&action=update&raw=1",
                """[{"agentid":"$id","team":"day","name":"Anne"}]""").json()
        def agent = http.get("database.php?token=$token&method=agents&action=read&agentid=$id").json().get('list').get(0)

        then:
        update.get('total').asInt() == 1
        agent.get('name').asText() == 'Anne'
        !agent.has('team')
    }

    def "a strict sandbox answers a numeric field as an integer column stores it: '#sent' comes back '#strictly', a lenient one '#sent'"() {
        expect:
        roundTrip(strict, 'json', [name: 'N', (field): sent])[field] == strictly
        roundTrip(lenient, 'json', [name: 'N', (field): sent])[field] == sent

        where:
        field          | sent         || strictly
        'filter'       | '007'        || '7'
        'customer'     | '+5'         || '5'
        'selfserve_id' | ' 12 '       || '12'
        'audio_id'     | ''           || '0'
        'aod_lock'     | '-0'         || '0'
        'filter'       | '505050'     || '505050'
        'agent_version'| '2147483647' || '2147483647'
    }

    def "the pin is text in a strict sandbox too: its leading zeros stay"() {
        expect:
        roundTrip(strict, 'json', [name: 'P', pin: '000123']).pin == '000123'
    }

    def "a value an integer column cannot hold refuses its record, with the field and what to write, and the others are created: '#value'"() {
        given:
        def http = new LoopbackHttp(strict)
        String token = http.token()

        when:
        def answer = http.post("database.php?token=$token&method=agents&action=create&raw=1",
                """[{"name":"Good"},{"name":"Bad","customer":"$value"}]""").json()
        def names = http.get("database.php?token=$token&method=agents&action=read").json().get('list')*.get('name')*.asText()

        then:
        answer.get('success').asBoolean()
        answer.get('total').asInt() == 1
        answer.get('bad').asInt() == 1
        answer.get('error').asText() == "Record 2: field 'customer' must be a whole number from -2147483648 to 2147483647, got '$value'."
        names == ['Good']

        where:
        value << ['abc', '2.9', '2147483648', '1e3', '0x10']
    }
}
