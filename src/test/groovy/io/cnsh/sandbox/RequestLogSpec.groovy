package io.cnsh.sandbox

import java.util.concurrent.CopyOnWriteArrayList
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/** The request log: one grep-able line per request, and never a secret in it. */
class RequestLogSpec extends Specification {

    static final String API_PASSWORD = 'Api-Secret-7f3e'
    static final String AGENT_PIN = '918273'
    static final String AGENT_PASSWORD = 'Agent-Pa55-q9'

    @Shared List<String> lines = new CopyOnWriteArrayList<>()
    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().seed(Seed.NONE).apiUser('loguser', API_PASSWORD)
            .requestLog(RequestLog.lines(lines.&add)).build().start()
    @Shared LoopbackHttp http = new LoopbackHttp(server)

    def setup() {
        lines.clear()
    }

    def "each request is one line: address, verb, path, operation, format, records, status, outcome and time"() {
        given:
        String token = http.token('loguser', API_PASSWORD)

        when:
        def key = http.post("database.php?token=$token&method=agents&action=create&format=json&raw=1",
                '[{"name":"A"},{"name":"B"}]').json().get('key')
        http.get("api/database.php?token=$token&method=agents&action=read&format=xml")
        http.get("database.php?token=nope&method=agents&action=read")
        http.get('nowhere')

        then:
        lines.size() == 5
        lines[0] ==~ /sandbox 127\.0\.0\.1 GET \/token\.php token\/get json records=0 -> 200 ok \(\d+ ms\)/
        lines[1] ==~ /sandbox 127\.0\.0\.1 POST \/database\.php agents\/create json records=2 -> 200 ok total=2 bad=0 key=$key \(\d+ ms\)/
        lines[2] ==~ /sandbox 127\.0\.0\.1 GET \/api\/database\.php agents\/read xml records=2 -> 200 ok total=2 list=2 \(\d+ ms\)/
        lines[3] ==~ /sandbox 127\.0\.0\.1 GET \/database\.php agents\/read json records=0 -> 200 error: Unknown token \(\d+ ms\)/
        lines[4] ==~ /sandbox 127\.0\.0\.1 GET \/nowhere - - records=0 -> 404 not found \(\d+ ms\)/
    }

    def "no password, token or pin reaches the log, whatever the request carries"() {
        when:
        String token = http.token('loguser', API_PASSWORD)
        http.get("token.php?action=get&username=loguser&password=wrong-$API_PASSWORD")
        http.get("token.php?action=validate&token=$token")
        def created = http.post("database.php?token=$token&method=agents&action=create&format=json&raw=1",
                LoopbackHttp.json([[name: 'Secretive', pin: AGENT_PIN, password: AGENT_PASSWORD]]))
        http.postForm('database.php', [token: token, method: 'agents', action: 'read', pin: AGENT_PIN, password: AGENT_PASSWORD])
        http.post("database.php?token=$token&method=agents&action=update&format=json&raw=1",
                """[{"agentid":"${created.json().get('key')}","pin":"$AGENT_PIN","password":"$AGENT_PASSWORD"}]""")
        http.post("database.php?token=$token&method=agents&action=create&format=json&raw=1", """[{"pin":"$AGENT_PIN""")
        http.get("database.php?token=$token&method=$AGENT_PASSWORD&action=$AGENT_PIN")
        server.faults().nextGarbledBodies(1)
        http.get("database.php?token=$token&method=agents&action=read&password=$AGENT_PASSWORD")
        String log = lines.join('\n')

        then:
        lines.size() == 9
        !log.contains(API_PASSWORD)
        !log.contains(token)
        !log.contains(AGENT_PIN)
        !log.contains(AGENT_PASSWORD)
        log.contains('error: Authentication failure')
        log.contains('error: Bad payload: malformed JSON')
        log.contains('?/? json')
    }

    def "log entries carry the fields separately for other sinks"() {
        given:
        def entries = new CopyOnWriteArrayList<RequestLog.Entry>()
        def other = SandboxServer.builder().seed(Seed.NONE).requestLog(entries.&add).build().start()

        when:
        new LoopbackHttp(other).get('token.php?action=get&username=demo&password=demo')

        then:
        entries.size() == 1
        with(entries[0]) {
            httpMethod() == 'GET'
            path() == '/token.php'
            operation() == 'token/get'
            format() == 'json'
            status() == 200
            outcome() == 'ok'
            millis() >= 0
        }

        cleanup:
        other?.close()
    }
}
