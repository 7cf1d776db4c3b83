package io.cnsh.sandbox

import io.cnsh.wire.Format
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/** How requests may arrive: paths, verbs, query and form arguments, raw bodies and easycall parts. */
class TransportSpec extends Specification {

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().seed(Seed.DEMO).build().start()
    @Shared LoopbackHttp http = new LoopbackHttp(server)
    @Shared String token

    def setupSpec() {
        token = http.token()
    }

    def "both path styles are served: #path"() {
        expect:
        http.get("${path}token.php?action=validate&token=$token").json().get('success').booleanValue()
        http.get("${path}database.php?token=$token&method=agents&action=read&limit=1").json().get('total').intValue() == 40

        where:
        path << ['', 'api/']
    }

    def "anything else is 404 and verbs other than GET and POST are 405"() {
        expect:
        http.get('index.php').status == 404
        http.get('api/api/token.php').status == 404
        http.http.send(java.net.http.HttpRequest.newBuilder(server.baseUri().resolve('token.php'))
                .method('PUT', java.net.http.HttpRequest.BodyPublishers.ofString('x')).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 405
    }

    def "a read may send its filters as POST form fields, url-encoded or multipart"() {
        when:
        def form = http.postForm('database.php', [token: token, method: 'agents', action: 'read', username: 'jsmith'])
        def multipart = http.postMultipart("database.php?token=$token", [method: 'agents', action: 'read', username: 'jsmith'])

        then:
        form.json().get('total').intValue() == 2
        multipart.json().get('total').intValue() == 2
    }

    def "query and form arguments merge, the form winning on a clash"() {
        when:
        def r = http.postForm("database.php?token=$token&method=agents&action=read&format=xml&username=nobody",
                [format: 'json', username: 'jsmith'])

        then:
        r.contentType.startsWith('application/json')
        r.json().get('total').intValue() == 2
    }

    def "with raw=1 a url-encoded body is the payload, as the official PHP wrapper sends it, not form fields"() {
        when:
        def r = http.post("database.php?token=$token&method=agents&action=create&format=json&raw=1",
                '[{"name":"Ann & Co","username":"token=stolen&format=xml"}]', 'application/x-www-form-urlencoded')

        then:
        r.contentType.startsWith('application/json')
        r.json().get('total').intValue() == 1
        http.get("database.php?token=$token&method=agents&action=read&agentid=${r.json().get('key')}").json()
                .get('list').get(0).get('username').textValue() == 'token=stolen&format=xml'
    }

    def "without raw=1 the payload is the multipart easycall file part"() {
        when:
        def r = http.postMultipart("database.php?token=$token&method=agents&action=create&format=json",
                [filename: 'agents.json'], [easycall: '[{"name":"From File","username":"file1"}]'.bytes])

        then:
        r.json().get('total').intValue() == 1
        http.get("database.php?token=$token&method=agents&action=read&username=file1").json().get('total').intValue() == 1
    }

    def "the Content-Type of an answer follows its format"() {
        expect:
        http.get("database.php?token=$token&method=agents&action=read&limit=1&format=$format").contentType == type

        where:
        format || type
        'json' || 'application/json; charset=utf-8'
        'xml'  || 'text/xml; charset=utf-8'
        'csv'  || 'text/csv; charset=utf-8'
        'XML'  || 'text/xml; charset=utf-8'
    }

    def "a server can default to XML and label answers text/html like a plain PHP server"() {
        given:
        def php = SandboxServer.builder().seed(Seed.DEMO).defaultFormat(Format.XML).htmlContentType(true).build().start()
        def client = new LoopbackHttp(php)
        def t = client.token()

        when:
        def r = client.get("database.php?token=$t&method=agents&action=read&limit=1")

        then:
        r.contentType == 'text/html; charset=utf-8'
        r.text().startsWith('<?xml')
        client.get("token.php?action=validate&token=$t").text().startsWith('{"success":true')

        cleanup:
        php?.close()
    }

    def "the server's address, account and URLs are what the in-process API reports"() {
        expect:
        server.baseUri().toString() == "http://127.0.0.1:${server.port()}/"
        server.apiBaseUri().toString() == "http://127.0.0.1:${server.port()}/api/"
        server.loopbackOnly()
        server.accountId() == '20001'
        server.apiUsername() == 'demo'
        !server.toString().contains('demo/demo')
    }

    def "a port in use is reported in one line"() {
        when:
        SandboxServer.builder().port(server.port()).build().start()

        then:
        def e = thrown(SandboxException)
        e.message == "cannot listen on 127.0.0.1:${server.port()}: address already in use"
    }
}
