package io.cnsh.sandbox

import io.cnsh.model.Agent
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/** Reads: equality filters, the statement filter, sort, start, limit and total, in JSON, XML and CSV. */
class ReadQuerySpec extends Specification {

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().seed(Seed.DEMO).build().start()
    @Shared LoopbackHttp http = new LoopbackHttp(server)
    @Shared String token
    @Shared List<Agent> demo = Seed.DEMO.agents()

    def setupSpec() {
        token = http.token()
    }

    /** The agent ids, total and list size of a read in a format. */
    Map read(String format, String args) {
        def r = http.get("database.php?token=$token&method=agents&action=read&format=$format$args")
        assert r.status == 200
        switch (format) {
            case 'json':
                def j = r.json()
                assert j.get('success').booleanValue(): r.text()
                return [total: j.get('total').longValue(), ids: j.get('list').collect { it.get('agentid').textValue() },
                        names: j.get('list').collect { it.get('name').textValue() }]
            case 'xml':
                assert r.xmlValue('success') == '1': r.text()
                def agents = Reply.Xml.children(Reply.Xml.child(r.xml(), 'list'))
                return [total: r.xmlValue('total').toLong(), ids: agents.collect { Reply.Xml.child(it, 'agentid').textContent },
                        names: agents.collect { Reply.Xml.child(it, 'name').textContent }]
            default:
                def rows = r.csv()
                return [total: null, ids: rows*.agentid, names: rows*.name]
        }
    }

    int count(Closure<Boolean> test) {
        demo.count(test) as int
    }

    def "a read without filters returns every agent, deleted and system ones included (#format)"() {
        when:
        def r = read(format, '')

        then:
        r.ids.size() == 40
        r.ids == (550_000..550_039)*.toString()
        format == 'csv' || r.total == 40

        where:
        format << ['json', 'xml', 'csv']
    }

    def "any field is an equality filter: #args (#format)"() {
        expect:
        read(format, args).ids.size() == expected

        where:
        [args, expected, format] << [
                ['&username=jsmith', 2],
                ['&selfserve_id=3101', 10],
                ['&selfserve_id=3101&auth_level=agent', 8],
                ['&pin=1234', 3],
                ['&auth_level=supervisor', 4],
                ['&agentid=550007', 1],
                ['&agentid=abc', 0],
                ['&name=' + LoopbackHttp.enc("Liam O'Connor"), 1],
                ['&username=JSMITH', 0],
                ['&username=', 40],
        ].collectMany { row -> ['json', 'xml', 'csv'].collect { row + it } }
    }

    def "the statement filter compares the filter field: filter=#statement (#format)"() {
        expect:
        read(format, '&filter=' + LoopbackHttp.enc(statement)).ids.size() == count(test)

        where:
        [statement, test, format] << [
                ['!= 999', { it.filter() != '999' }],
                ['<> 999', { it.filter() != '999' }],
                ['NOT IN (999, 505050)', { !(it.filter() in ['999', '505050']) }],
                ['not in(999,505050)', { !(it.filter() in ['999', '505050']) }],
                ['IN (999, 505050)', { it.filter() in ['999', '505050'] }],
                ["IN ('999')", { it.filter() == '999' }],
                ['= 0', { it.filter() == '0' }],
                ['0', { it.filter() == '0' }],
                ['999', { it.filter() == '999' }],
                ['> 0', { it.filter() != '0' }],
                ['>= 999', { it.filter() != '0' }],
                ['< 999', { it.filter() == '0' }],
                ['<= 999', { it.filter() != '505050' }],
                ['> 999', { it.filter() == '505050' }],
        ].collectMany { row -> ['json', 'xml', 'csv'].collect { row + it } }
    }

    def "a statement filter and field filters combine"() {
        expect:
        read('json', '&filter=' + LoopbackHttp.enc('!= 999') + '&selfserve_id=3102').ids.size() ==
                count { it.selfserveId() == '3102' && it.filter() != '999' }
    }

    def "a malformed statement answers Bad argument: filter (#statement)"() {
        expect:
        http.get("database.php?token=$token&method=agents&action=read&filter=" + LoopbackHttp.enc(statement)).text() ==
                '{"success":false,"error":"Bad argument: filter"}'

        where:
        statement << ['IN (1, 2', 'IN ()', 'NOT IN (1,,2)', '<', '!=', "IN ('1)"]
    }

    def "sort orders by a field, ascending or descending (#sort, #format)"() {
        given:
        def expected = demo*.name().sort()

        expect:
        read(format, '&sort=' + LoopbackHttp.enc(sort)).names == (descending ? expected.reverse() : expected)

        where:
        [sort, descending, format] << [['name', false], ['name asc', false], ['name DESC', true], ['-name', true]]
                .collectMany { row -> ['json', 'xml', 'csv'].collect { row + it } }
    }

    def "sorting by agentid is numeric"() {
        expect:
        read('json', '&sort=-agentid').ids == (550_039..550_000)*.toString()
    }

    def "an unknown sort field or direction answers Bad argument: sort (#sort)"() {
        expect:
        http.get("database.php?token=$token&method=agents&action=read&sort=" + LoopbackHttp.enc(sort)).text() ==
                '{"success":false,"error":"Bad argument: sort"}'

        where:
        sort << ['nickname', 'name sideways', '-name desc', 'name asc extra']
    }

    def "start and limit page through the matches while total counts them all (#format)"() {
        expect:
        read(format, '&limit=5') == [total: total(format, 40), ids: (550_000..550_004)*.toString(), names: demo[0..4]*.name()]
        read(format, '&start=38&limit=5').ids == ['550038', '550039']
        read(format, '&start=40').ids == []
        read(format, '&start=2&limit=3&username=jsmith').ids == []
        read(format, '&start=1&limit=3&username=jsmith').ids.size() == 1
        read(format, '&limit=0').ids.size() == 40

        where:
        format << ['json', 'xml', 'csv']
    }

    private static Long total(String format, long n) {
        format == 'csv' ? null : n
    }

    def "paging with start and limit visits every agent exactly once"() {
        when:
        def seen = (0..<6).collectMany { page -> read('json', "&sort=name&start=${page * 7}&limit=7").ids }

        then:
        seen.size() == 40
        seen.toSet() == (550_000..550_039)*.toString().toSet()
    }

    def "a bad start or limit answers Bad argument (#args)"() {
        expect:
        http.get("database.php?token=$token&method=agents&action=read$args").json().get('error').textValue() == expected

        where:
        args           || expected
        '&limit=abc'   || 'Bad argument: limit'
        '&limit=-1'    || 'Bad argument: limit'
        '&start=1.5'   || 'Bad argument: start'
        '&start=-3'    || 'Bad argument: start'
    }

    def "an empty result is an empty list: [] in JSON, <list/> in XML, a header row in CSV"() {
        when:
        def json = http.get("database.php?token=$token&method=agents&action=read&format=json&username=nobody")
        def xml = http.get("database.php?token=$token&method=agents&action=read&format=xml&username=nobody")
        def csv = http.get("database.php?token=$token&method=agents&action=read&format=csv&username=nobody")

        then:
        json.text() == '{"success":true,"total":0,"list":[]}'
        xml.text() == '<?xml version="1.0" encoding="utf-8" ?>\n<result><success>1</success><total>0</total><list/></result>'
        csv.text().trim() == io.cnsh.model.AgentField.wireNames().join(',')
        csv.contentType.startsWith('text/csv')
    }

    def "a read returns passwords and pins in clear, as the API does, and nulls as null"() {
        when:
        def agent = http.get("database.php?token=$token&method=agents&action=read&agentid=550002").json().get('list').get(0)

        then:
        agent.get('filter').textValue() == '505050'
        agent.get('pin').isNull()
        agent.get('phone').isNull()
        http.get("database.php?token=$token&method=agents&action=read&agentid=550000").json()
                .get('list').get(0).get('password').textValue() == 'Harbour-Lights-72'
    }

    def "XML reads write empty and null values alike as <x/>"() {
        when:
        def text = http.get("database.php?token=$token&method=agents&action=read&agentid=550002&format=xml").text()

        then:
        text.contains('<userfield/>') || text.contains('<userfield>')
        text.contains('<last_broadcast_msg/>')
        text.contains('<phone/>')
        !text.contains('></last_broadcast_msg>')
    }
}
