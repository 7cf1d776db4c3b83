package io.cnsh.sandbox

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.charset.StandardCharsets
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/**
 * The calls of 8x8's own PHP wrapper ({@code includes/api-wrappers.php}), byte for byte as it
 * sends them (shared/reference/contactnow-api.md §10): the base URL written with a trailing
 * slash, so every path starts {@code //}; a bogus {@code Accept-Encoding: UTF-8}; the token by GET
 * with a form content type and no body; every database.php call a POST with {@code raw=1} and
 * {@code campaign=0}, writes and unfiltered reads carrying the JSON array as a url-encoded body,
 * reads with arguments carrying them as multipart fields; and its token retry.
 */
class OfficialWrapperSpec extends Specification {

    static final String BOUNDARY = '------------------------a1b2c3d4e5f60718'

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().seed(Seed.DEMO).build().start()
    /** The base URL as the wrapper's README writes it, ending in a slash. */
    @Shared String base = server.baseUri().toString()
    @Shared HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()

    def setup() {
        server.reset(Seed.DEMO)
    }

    /** {@code base . '/token.php?…'}: GET, a form content type, no body. */
    Reply tokenGet(String user = 'demo', String password = 'demo') {
        send(request("token.php?action=get&format=json&username=$user&password=$password")
                .header('Content-type', 'application/x-www-form-urlencoded').GET().build())
    }

    String token() {
        Reply r = tokenGet()
        assert r.json().get('success').booleanValue()
        r.json().get('token').asText()
    }

    /** A write or an unfiltered read: the JSON array as the url-encoded body. */
    Reply database(String action, String token, String jsonArray) {
        send(request(databaseQuery(action, token))
                .header('Content-type', 'application/x-www-form-urlencoded')
                .POST(HttpRequest.BodyPublishers.ofString(jsonArray)).build())
    }

    /** A read with arguments: each one a multipart field, none in the query. */
    Reply databaseRead(String token, Map<String, String> arguments) {
        def body = new StringBuilder()
        arguments.each { k, v ->
            body << "--$BOUNDARY\r\nContent-Disposition: form-data; name=\"$k\"\r\n\r\n$v\r\n"
        }
        body << "--$BOUNDARY--\r\n"
        send(request(databaseQuery('read', token))
                .header('Content-Type', "multipart/form-data; boundary=$BOUNDARY")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build())
    }

    static String databaseQuery(String action, String token) {
        "database.php?method=agents&action=$action&token=$token&format=json&campaign=0&raw=1"
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.newBuilder(URI.create(base + '/' + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .header('Accept-Encoding', 'UTF-8')
    }

    Reply send(HttpRequest request) {
        def r = http.send(request, HttpResponse.BodyHandlers.ofByteArray())
        new Reply(r.statusCode(), r.headers().firstValue('Content-Type').orElse(null), r.body())
    }

    def "the token is fetched from //token.php by GET with a form content type and no body"() {
        when:
        Reply r = tokenGet()

        then:
        r.status == 200
        r.contentType.startsWith('application/json')
        r.json().get('success').booleanValue()
        r.json().get('token').asText() ==~ /[0-9a-f]{40}/
        r.json().get('expire').asLong() > 0
        tokenGet('demo', 'wrong').error() == 'Authentication failure'
    }

    def "creates and updates post the JSON array as a url-encoded body to //database.php with raw=1"() {
        given:
        String t = token()

        when:
        Reply created = database('create', t,
                '[{"name":"Php One","username":"php1","pin":"1234"},{"name":"Php Two","username":"php2"}]')
        long key = created.json().get('key').asLong()
        Reply updated = database('update', t, "[{\"agentid\":\"$key\",\"name\":\"Php Two Renamed\"}]")

        then:
        created.json().get('success').booleanValue()
        created.json().get('total').asInt() == 2
        created.json().get('bad').asInt() == 0
        updated.json().get('total').asInt() == 1
        updated.json().get('key').asInt() == 0
        databaseRead(t, [agentid: key.toString()]).json().get('list').get(0).get('name').asText() == 'Php Two Renamed'
    }

    def "a read of everything posts [] as its body, and a read with arguments sends them as multipart fields"() {
        given:
        String t = token()

        when:
        Reply all = database('read', t, '[]')
        Reply some = databaseRead(t, [filter: 'NOT IN (999, 505050)', sort: 'name', limit: '3', start: '1'])
        Reply byName = databaseRead(t, [username: 'jsmith'])

        then:
        all.json().get('total').asInt() == 40
        all.json().get('list').size() == 40
        some.json().get('list').size() == 3
        some.json().get('list')*.get('name')*.asText() == some.json().get('list')*.get('name')*.asText().sort()
        byName.json().get('total').asInt() == 2
        byName.json().get('list')*.get('username')*.asText().every { it == 'jsmith' }
    }

    def "the wrapper's token retry: an expired token is renewed and the call repeated once, and the whole token answer sent as the token is unknown"() {
        given:
        String first = token()
        server.faults().nextExpiredTokens(1)

        when: 'the call meets an expired token'
        Reply expired = database('read', first, '[]')

        then:
        expired.error() == 'Expired token'
        expired.json().get('expire').asLong() == -1

        when: 'it fetches a new token and repeats the call once'
        Reply tokenAnswer = tokenGet()
        Reply repeated = database('read', tokenAnswer.json().get('token').asText(), '[]')

        then:
        repeated.json().get('total').asInt() == 40

        when: 'later calls send the whole token answer, as the wrapper keeps it after a retry'
        String whole = "token[success]=1&token[token]=${tokenAnswer.json().get('token').asText()}&token[expire]=${tokenAnswer.json().get('expire').asLong()}"
        Reply bug = send(request("database.php?method=agents&action=read&$whole&format=json&campaign=0&raw=1")
                .header('Content-type', 'application/x-www-form-urlencoded')
                .POST(HttpRequest.BodyPublishers.ofString('[]')).build())

        then: 'the server answers Unknown token, and the wrapper retries again'
        bug.error() == 'Unknown token'
        database('read', token(), '[]').json().get('total').asInt() == 40
    }

    def "the doubled slash is served under /api/ too"() {
        expect:
        send(HttpRequest.newBuilder(URI.create(server.apiBaseUri().toString() + '/token.php?action=get&format=json&username=demo&password=demo'))
                .header('Accept-Encoding', 'UTF-8').GET().build()).json().get('success').booleanValue()
    }
}
