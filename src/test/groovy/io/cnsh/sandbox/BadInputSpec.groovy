package io.cnsh.sandbox

import java.nio.charset.StandardCharsets
import java.sql.DriverManager
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/** Bad input gets a clear one-line error, and the server keeps serving. */
class BadInputSpec extends Specification {

    static final int LIMIT = 64 * 1024

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().seed(Seed.DEMO).maxBodyBytes(LIMIT).build().start()
    @Shared LoopbackHttp http = new LoopbackHttp(server)
    @Shared String token
    @TempDir Path dir

    def setupSpec() {
        token = http.token()
    }

    Reply create(String format, Object payload) {
        byte[] body = payload instanceof byte[] ? payload : payload.toString().bytes
        http.post("database.php?token=$token&method=agents&action=create&format=$format&raw=1", body)
    }

    boolean stillServing() {
        http.get("database.php?token=$token&method=agents&action=read&limit=1").json().get('total').intValue() >= 40
    }

    def "a malformed #format payload is refused with where it broke: #why"() {
        when:
        def r = create(format, payload)

        then:
        r.status == 200
        expected instanceof java.util.regex.Pattern ? r.error() ==~ expected : r.error() == expected
        !r.error().contains('\n')
        stillServing()

        where:
        format | why                         | payload                                     || expected
        'json' | 'cut short'                 | '[{"name":"x"'                              || ~/Bad payload: malformed JSON at line 1, column \d+: .+/
        'json' | 'not JSON'                  | 'name=x'                                    || ~/Bad payload: malformed JSON at line 1, column \d+: .+/
        'json' | 'a string'                  | '"agents"'                                  || 'Bad payload: JSON payload must be an array of agent records, found a string'
        'json' | 'records not objects'       | '[1,2]'                                     || 'Bad payload: JSON payload record 1 is not an object (found a number)'
        'json' | 'trailing content'          | '[] []'                                     || 'Bad payload: JSON payload has content after its end'
        'json' | 'empty body'                | ''                                          || 'Bad payload: empty JSON body'
        'xml'  | 'unclosed element'          | '<dxi><agent><name>x</agent></dxi>'         || ~/Bad payload: malformed XML.*/
        'xml'  | 'not XML'                   | '{"name":"x"}'                              || ~/Bad payload: malformed XML.*/
        'xml'  | 'mixed shapes'              | '<dxi><agent><name>a</name></agent><name>b</name></dxi>' || ~/Bad payload: XML payload mixes <agent> records with fields directly under <dxi> \(name\)/
        'csv'  | 'more cells than header'    | 'name,pin\na,1,extra\n'                     || 'Bad payload: CSV row 2 has 3 cells but the header has 2'
        'csv'  | 'a header named twice'      | 'name,name\na,b\n'                          || "Bad payload: CSV header names 'name' twice"
        'csv'  | 'a nameless header'         | 'name,,pin\na,b,c\n'                        || 'Bad payload: CSV header column 2 has no name'
    }

    def "XML with a DOCTYPE is refused before parsing, so no external entity is read (#why)"() {
        given:
        def secret = dir.resolve('secret.txt')
        Files.writeString(secret, 'TOP-SECRET-CONTENT')

        when:
        def r = create('xml', payload.replace('SECRET', secret.toUri().toString()))

        then:
        r.error() == 'Bad payload: XML with a DOCTYPE is refused: DTDs and entity declarations are not allowed'
        !r.text().contains('TOP-SECRET')
        http.get("database.php?token=$token&method=agents&action=read&format=csv").text().contains('TOP-SECRET') == false
        stillServing()

        where:
        why               | payload
        'external entity' | '<?xml version="1.0"?><!DOCTYPE dxi [<!ENTITY x SYSTEM "SECRET">]><dxi><agent><name>&x;</name></agent></dxi>'
        'entity expansion' | '<!DOCTYPE dxi [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><dxi><name>&b;</name></dxi>'
        'after a comment' | '<!-- hi --><!DOCTYPE dxi SYSTEM "SECRET"><dxi/>'
    }

    def "a body over the limit is refused whole, and the server keeps serving (#size bytes)"() {
        when:
        def r = create('json', ('[' + ('{"name":"' + 'x' * 1000 + '"},') * (size.intdiv(1012)) + '{}]').bytes)

        then:
        r.status == 200
        r.error() == "Bad payload: request body is over the limit of $LIMIT bytes"
        stillServing()

        where:
        size << [LIMIT + 2000, 3 * LIMIT]
    }

    def "a body far beyond the limit is cut off without bringing the server down"() {
        when:
        def outcome
        try {
            outcome = create('json', new byte[20 * 1024 * 1024]).error()
        } catch (IOException e) {
            outcome = 'connection closed'
        }

        then:
        outcome in ["Bad payload: request body is over the limit of $LIMIT bytes".toString(), 'connection closed']
        stillServing()
    }

    def "a malformed multipart body is refused"() {
        when:
        def r = http.post("database.php?token=$token&method=agents&action=read",
                '--xyz\r\nContent-Disposition: form-data; name="username"\r\n\r\njsmith', 'multipart/form-data; boundary=xyz')

        then:
        r.error() == 'Bad payload: malformed multipart body (last part is not closed)'
        stillServing()
    }

    def "form fields whose percent-escapes do not decode are taken literally"() {
        expect:
        http.post('database.php', "token=$token&method=agents&action=read&username=%zz%", 'application/x-www-form-urlencoded')
                .json().get('total').intValue() == 0
        stillServing()
    }

    /** Sends raw bytes from another thread and returns the status line, so an answer sent before the server read it all is heard. */
    String statusLine(SandboxServer to, String request) {
        Socket socket = new Socket()
        socket.connect(to.address(), 5_000)
        socket.soTimeout = 20_000
        Thread writer = Thread.start {
            try {
                socket.outputStream.write(request.getBytes(StandardCharsets.ISO_8859_1))
                socket.outputStream.flush()
            } catch (IOException ignored) {
                // the server may close once it has answered
            }
        }
        try {
            new BufferedReader(new InputStreamReader(socket.inputStream, StandardCharsets.ISO_8859_1)).readLine()
        } finally {
            socket.close()
            writer.join()
        }
    }

    def "an oversized #what is answered #status, and the server keeps serving"() {
        expect:
        statusLine(server, request).startsWith("HTTP/1.1 $status ")
        stillServing()

        where:
        what                                   | request                                                                                   || status
        'request line (a 1 MB query string)'   | "GET /database.php?method=agents&filter=${'a' * (1 << 20)} HTTP/1.1\r\nHost: sandbox\r\n\r\n"  || 414
        'request line (a 1 MB path)'           | "GET /${'a/' * (1 << 19)}token.php HTTP/1.1\r\nHost: sandbox\r\n\r\n"                        || 414
        'header (one of 1 MB)'                 | "GET /token.php HTTP/1.1\r\nHost: sandbox\r\nX-Big: ${'a' * (1 << 20)}\r\n\r\n"             || 431
        'header block (10,000 small headers)' | "GET /token.php HTTP/1.1\r\nHost: sandbox\r\n${(1..10_000).collect { "X-H$it: v\r\n" }.join()}\r\n" || 431
    }

    def "a query string just under the header limit is still read"() {
        expect:
        http.get("database.php?token=$token&method=agents&action=read&username=${'a' * 60_000}").json().get('total').intValue() == 0
    }

    def "repeated slashes in the path (#suffix) are served as one, as a base URL ending in / produces them"() {
        given:
        LoopbackHttp doubled = new LoopbackHttp(URI.create(server.baseUri().toString() + suffix))

        when:
        String t = doubled.token()
        Reply read = doubled.get("database.php?token=$t&method=agents&action=read&limit=1")

        then:
        read.status == 200
        read.json().get('total').intValue() >= 40
        doubled.get('index.php').status == 404

        where:
        suffix << ['/', '//', 'api//', '/api/']
    }

    def "a #format write of more records than the limit is refused whole, naming the limit; reads are not bounded"() {
        given:
        SandboxServer small = SandboxServer.builder().seed(Seed.DEMO).maxRecordsPerWrite(3).build().start()
        LoopbackHttp client = new LoopbackHttp(small)
        String t = client.token()
        String write = "database.php?token=$t&method=agents&format=$format&raw=1&action="
        List<Map<String, String>> four = (1..4).collect { [name: "Batch $it".toString(), username: "batch$it".toString()] }
        List<Map<String, String>> updates = [550001, 550002, 550003, 550004].collect { [agentid: it.toString(), name: 'Renamed'] }

        when:
        Reply create = client.post(write + 'create', encode(four))
        Reply update = client.post(write + 'update', encode(updates))
        Reply three = client.post(write + 'create', encode(four.take(3)))

        then:
        create.error() == 'Bad payload: 4 records in one request, over the limit of 3 records per write; send them in smaller batches'
        update.error() == create.error()
        three.text() =~ /"total":"?3/ || three.xmlValue('total') == '3'
        total(client, "database.php?token=$t&method=agents&action=read&username=batch4") == 0
        total(client, "database.php?token=$t&method=agents&action=read&name=Renamed") == 0
        total(client, "database.php?token=$t&method=agents&action=read&username=batch1") == 1

        and: 'a read returns every agent'
        client.get("database.php?token=$t&method=agents&action=read").json().get('list').size() == 43

        cleanup:
        small?.close()

        where:
        format << ['json', 'xml']
        encode << [{ List<Map<String, String>> records -> LoopbackHttp.json(records) },
                   { List<Map<String, String>> records ->
                       '<dxi>' + records.collect { r -> '<agent>' + r.collect { k, v -> "<$k>$v</$k>" }.join() + '</agent>' }.join() + '</dxi>'
                   }]
    }

    static int total(LoopbackHttp client, String pathAndQuery) {
        client.get(pathAndQuery).json().get('total').intValue()
    }

    def "text XML cannot carry is refused at #action in JSON, naming the record and field; nothing of it is stored"() {
        when:
        Reply r = http.post("database.php?token=$token&method=agents&action=$action&format=json&raw=1", payload)

        then:
        r.json().get('bad').intValue() == 1
        r.error() == expected
        http.get("database.php?token=$token&method=agents&action=read&format=xml&username=ctl").status == 200
        http.get("database.php?token=$token&method=agents&action=read&agentid=550003").json().get('list').get(0).get('name').asText() != 'A\u0000B'

        where:
        action   | payload                                              || expected
        'create' | '[{"name":"A\\u0000B","username":"ctl"}]'            || "Record 1: field 'name' holds the control character U+0000 (character 2), which XML 1.0 cannot carry; remove it."
        'update' | '[{"agentid":"550003","name":"A\\u0000B"}]'          || "Record 1: field 'name' holds the control character U+0000 (character 2), which XML 1.0 cannot carry; remove it."
    }

    def "an agent stored with text XML cannot carry, before the rule, still reads as XML with the character replaced"() {
        given: 'a store whose agent 550003 was written with U+0000 and an unpaired surrogate'
        Path data = dir.resolve('old-store')
        SandboxServer.builder().dataDir(data).seed(Seed.DEMO).build().start().close()
        DriverManager.getConnection("jdbc:h2:file:${data.toAbsolutePath().resolve('cnsh-sandbox')}", 'sa', '').withCloseable { c ->
            def update = c.prepareStatement('UPDATE "agents" SET "name" = ?, "userfield" = ? WHERE "agentid" = 550003')
            update.setString(1, 'A\u0000B')
            update.setString(2, '\ud800')
            assert update.executeUpdate() == 1
        }
        SandboxServer old = SandboxServer.builder().dataDir(data).build().start()
        LoopbackHttp client = new LoopbackHttp(old)
        String t = client.token()

        when:
        Reply all = client.get("database.php?token=$t&method=agents&action=read&format=xml")
        Reply one = client.get("database.php?token=$t&method=agents&action=read&format=xml&agentid=550003")

        then:
        all.status == 200
        all.xmlValue('total') == '40'
        one.xml().getElementsByTagName('name').item(0).textContent == 'A\uFFFDB'
        one.xml().getElementsByTagName('userfield').item(0).textContent == '\uFFFD'

        and: 'JSON gives the stored text as it is'
        client.get("database.php?token=$t&method=agents&action=read&agentid=550003").json().get('list').get(0).get('name').asText() == 'A\u0000B'

        cleanup:
        old?.close()
    }
}
