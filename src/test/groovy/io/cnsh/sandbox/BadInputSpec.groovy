package io.cnsh.sandbox

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
}
