package io.cnsh.sandbox

import com.fasterxml.jackson.databind.JsonNode
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/** create, update and (when enabled) delete: what is stored, what is answered. */
class WritesSpec extends Specification {

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().seed(Seed.DEMO).deleteEnabled(true).build().start()
    @Shared LoopbackHttp http = new LoopbackHttp(server)
    @Shared String token

    def setupSpec() {
        token = http.token()
    }

    Reply write(String action, String format, String payload) {
        http.post("database.php?token=$token&method=agents&action=$action&format=$format&raw=1", payload)
    }

    JsonNode agent(long id) {
        def list = http.get("database.php?token=$token&method=agents&action=read&agentid=$id").json().get('list')
        list.size() == 1 ? list.get(0) : null
    }

    def "create fills the fields a record leaves out with the API's defaults and ignores a sent agentid"() {
        when:
        def r = write('create', 'json', '[{"agentid":"1","name":"Dee Fault","username":"dfault"}]').json()
        def a = agent(r.get('key').longValue())

        then:
        r.get('total').intValue() == 1
        a.get('agentid').textValue() != '1'
        a.fieldNames().toList() == io.cnsh.model.AgentField.wireNames().toList()
        [a.get('moh'), a.get('userfield'), a.get('filter'), a.get('customer'), a.get('default_status'),
         a.get('agent_version'), a.get('last_broadcast_msg'), a.get('selfserve_id'), a.get('aod'),
         a.get('aod_lock'), a.get('audio_id')]*.textValue() == ['none', '', '0', '0', 'wrap', '2', '', '0', 'no', '0', '0']
        [a.get('phone'), a.get('auth_reports'), a.get('pin'), a.get('password')].every { it.isNull() }
    }

    def "create makes duplicates: the same record twice is two agents with increasing ids, key is the last"() {
        when:
        def r = write('create', 'json', '[{"name":"Twin","username":"twin"},{"name":"Twin","username":"twin"}]').json()
        def twins = http.get("database.php?token=$token&method=agents&action=read&username=twin").json()

        then:
        r.get('total').intValue() == 2
        r.get('bad').intValue() == 0
        twins.get('total').intValue() == 2
        def ids = twins.get('list').collect { it.get('agentid').textValue().toLong() }
        ids[0] < ids[1]
        r.get('key').longValue() == ids[1]
    }

    def "numbers and booleans in a JSON payload are stored as text, as written"() {
        when:
        def key = write('create', 'json', '[{"name":"Num","pin":482913,"selfserve_id":3101,"aod_lock":1.0,"aod":true}]')
                .json().get('key').longValue()
        def a = agent(key)

        then:
        a.get('pin').textValue() == '482913'
        a.get('selfserve_id').textValue() == '3101'
        a.get('aod_lock').textValue() == '1.0'
        a.get('aod').textValue() == 'true'
    }

    def "update changes only the fields sent"() {
        given:
        def before = agent(550_010)

        when:
        def r = write('update', 'json', '[{"agentid":"550010","userfield":"Moved","phone":null}]')
        def after = agent(550_010)

        then:
        r.text() == '{"success":true,"account_id":"20001","total":1,"bad":0,"key":0}'
        after.get('userfield').textValue() == 'Moved'
        after.get('phone').isNull()
        after.fieldNames().toList().findAll { !(it in ['userfield', 'phone']) }.every { after.get(it) == before.get(it) }
    }

    def "an XML update may use either shape; empty elements store empty text"() {
        when:
        def flat = write('update', 'xml', '<dxi><agentid>550011</agentid><userfield/><name>Flat Shape</name></dxi>')
        def wrapped = write('update', 'xml',
                '<dxi><agent><agentid>550012</agentid><name>Wrapped A</name></agent><agent><agentid>550013</agentid><name>Wrapped B</name></agent></dxi>')

        then:
        flat.xmlValue('total') == '1'
        wrapped.xmlValue('total') == '2'
        agent(550_011).get('name').textValue() == 'Flat Shape'
        agent(550_011).get('userfield').textValue() == ''
        agent(550_012).get('name').textValue() == 'Wrapped A'
        agent(550_013).get('name').textValue() == 'Wrapped B'
    }

    def "fields the documentation does not list are kept, returned after the documented ones and merged on update"() {
        when:
        def key = write('create', 'json', '[{"name":"Extra","team_colour":"teal","skills":["a","b"]}]').json().get('key').longValue()
        write('update', 'json', """[{"agentid":"$key","team_colour":"amber","shift":"late"}]""")
        def a = agent(key)

        then:
        a.fieldNames().toList().takeRight(3) == ['team_colour', 'skills', 'shift']
        a.get('team_colour').textValue() == 'amber'
        a.get('skills').textValue() == '["a","b"]'
        a.get('shift').textValue() == 'late'

        and: 'CSV and XML carry them too'
        http.get("database.php?token=$token&method=agents&action=read&format=csv&agentid=$key").csv()[0].shift == 'late'
        Reply.Xml.child(Reply.Xml.children(Reply.Xml.child(
                http.get("database.php?token=$token&method=agents&action=read&format=xml&agentid=$key").xml(), 'list'))[0],
                'team_colour').textContent == 'amber'
    }

    def "one update request mixing shapes: same fields again, an unknown id, only an agentid, extra fields"() {
        when:
        def r = write('update', 'json', '''[
            {"agentid":"550014","userfield":"Batch 1"},
            {"agentid":"550015","userfield":"Batch 2"},
            {"agentid":"999999","userfield":"Ghost"},
            {"agentid":"550016"},
            {"agentid":"999998"},
            {"agentid":"550017","userfield":"Batch 4","desk":"D7"},
            {"agentid":"550014","userfield":"Batch 1 again","name":"Renamed"}]''').json()

        then:
        r.get('total').intValue() == 5
        r.get('bad').intValue() == 2
        r.get('error').textValue() == 'Record id [999999] does not exist. Record id [999998] does not exist.'
        agent(550_014).get('userfield').textValue() == 'Batch 1 again'
        agent(550_014).get('name').textValue() == 'Renamed'
        agent(550_015).get('userfield').textValue() == 'Batch 2'
        agent(550_017).get('userfield').textValue() == 'Batch 4'
        agent(550_017).get('desk').textValue() == 'D7'
    }

    def "a record the store cannot hold is counted bad with the reason; the others are written"() {
        when:
        def r = write('create', 'json', """[{"name":"Good"},{"bad name":"x"},{"name":"${'x' * 70_000}"}]""").json()

        then:
        r.get('success').booleanValue()
        r.get('total').intValue() == 1
        r.get('bad').intValue() == 2
        r.get('error').textValue() == "Record 2: field name 'bad name' is not a valid name (letters, digits, _ . -," +
                " starting with a letter or _, at most 64). Record 3: field 'name' is longer than 65535 characters."
    }

    def "a CSV payload creates one agent per row"() {
        when:
        def r = write('create', 'csv', 'name,username,pin\n"Csv, One",csv1,1111\nCsv Two,csv2,\n')

        then:
        r.contentType.startsWith('text/csv')
        r.csv() == [[success: '1', account_id: '20001', total: '2', bad: '0', key: r.csv()[0].key]]
        http.get("database.php?token=$token&method=agents&action=read&username=csv1").json().get('list').get(0)
                .get('name').textValue() == 'Csv, One'
    }

    def "a bare JSON object is read as one record, unless that is switched off"() {
        given:
        def strict = SandboxServer.builder().seed(Seed.NONE).acceptBareObject(false).build().start()
        def client = new LoopbackHttp(strict)
        def strictToken = client.token()

        expect:
        write('create', 'json', '{"name":"Bare"}').json().get('total').intValue() == 1
        client.post("database.php?token=$strictToken&method=agents&action=create&format=json&raw=1", '{"name":"Bare"}').text() ==
                '{"success":false,"error":"Bad payload: JSON payload must be an array of agent records, found an object"}'

        cleanup:
        strict?.close()
    }

    def "delete, when enabled, is soft: filter becomes 999 and the agent still reads"() {
        when:
        def r = write('delete', 'json', '[{"agentid":"550020"},{"agentid":"12"}]')

        then:
        r.text() == '{"success":true,"account_id":"20001","total":1,"bad":1,"key":0,"error":"Record id [12] does not exist."}'
        agent(550_020).get('filter').textValue() == '999'
        agent(550_020).get('name').textValue() == 'Zara Hussain'
    }

    def "an empty payload writes nothing and says so"() {
        expect:
        write('create', 'json', '[]').text() == '{"success":true,"account_id":"20001","total":0,"bad":0,"key":0}'
        write('update', 'xml', '<dxi/>').xmlValue('total') == '0'
    }
}
