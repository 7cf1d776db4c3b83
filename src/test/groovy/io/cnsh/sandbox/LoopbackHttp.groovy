package io.cnsh.sandbox

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.charset.StandardCharsets
import java.time.Duration

/**
 * Plain java.net.http calls to a sandbox over loopback, the way any client would make them:
 * GET with a query, POST with a raw body, a url-encoded form or a multipart form. Not the cnsh
 * client: the sandbox is tested against the wire itself.
 */
class LoopbackHttp {

    final URI base
    final HttpClient http

    LoopbackHttp(URI base) {
        this.base = base
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()
    }

    LoopbackHttp(SandboxServer server) {
        this(server.baseUri())
    }

    /** A GET of a path relative to the base, e.g. {@code database.php?token=…}. */
    Reply get(String pathAndQuery, Map<String, String> headers = [:]) {
        send(request(pathAndQuery, headers).GET().build())
    }

    /** A POST of a raw body. */
    Reply post(String pathAndQuery, byte[] body, String contentType = 'application/octet-stream',
               Map<String, String> headers = [:]) {
        def b = request(pathAndQuery, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        if (contentType != null) {
            b.header('Content-Type', contentType)
        }
        send(b.build())
    }

    Reply post(String pathAndQuery, String body, String contentType = 'application/octet-stream',
               Map<String, String> headers = [:]) {
        post(pathAndQuery, body.getBytes(StandardCharsets.UTF_8), contentType, headers)
    }

    /** A POST of an application/x-www-form-urlencoded form. */
    Reply postForm(String pathAndQuery, Map<String, String> fields, Map<String, String> headers = [:]) {
        post(pathAndQuery, encode(fields), 'application/x-www-form-urlencoded', headers)
    }

    /** A POST of a multipart/form-data form; {@code files} become file parts with a file name. */
    Reply postMultipart(String pathAndQuery, Map<String, String> fields, Map<String, byte[]> files = [:]) {
        String boundary = '----cnshTestBoundary7MA4YWxkTrZu0gW'
        def out = new ByteArrayOutputStream()
        def w = { String s -> out.write(s.getBytes(StandardCharsets.UTF_8)) }
        fields.each { k, v ->
            w("--$boundary\r\nContent-Disposition: form-data; name=\"$k\"\r\n\r\n$v\r\n")
        }
        files.each { k, v ->
            w("--$boundary\r\nContent-Disposition: form-data; name=\"$k\"; filename=\"${k}.dat\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n")
            out.write(v)
            w('\r\n')
        }
        w("--$boundary--\r\n")
        post(pathAndQuery, out.toByteArray(), "multipart/form-data; boundary=$boundary")
    }

    /** A token for the API user, from token.php. */
    String token(String user = 'demo', String password = 'demo', Map<String, String> headers = [:]) {
        def r = get("token.php?action=get&username=${enc(user)}&password=${enc(password)}", headers)
        assert r.json().get('success').asBoolean(): r.text()
        r.json().get('token').asText()
    }

    /** A value as JSON text, e.g. a list of maps as a create payload. */
    static String json(Object value) {
        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value)
    }

    static String encode(Map<String, String> fields) {
        fields.collect { k, v -> enc(k) + '=' + enc(v) }.join('&')
    }

    static String enc(String s) {
        URLEncoder.encode(s, StandardCharsets.UTF_8)
    }

    private HttpRequest.Builder request(String pathAndQuery, Map<String, String> headers) {
        def b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(20))
        headers.each { k, v -> b.header(k, v) }
        b
    }

    private Reply send(HttpRequest request) {
        def r = http.send(request, HttpResponse.BodyHandlers.ofByteArray())
        new Reply(r.statusCode(), r.headers().firstValue('Content-Type').orElse(null), r.body())
    }
}
