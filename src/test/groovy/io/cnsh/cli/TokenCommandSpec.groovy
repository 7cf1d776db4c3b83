package io.cnsh.cli

import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/** {@code cnsh token get|validate}, run in-process: expiry and binding are shown, the token never is. */
class TokenCommandSpec extends Specification {

    static final String API_USER = 'cnsh-api'
    static final String API_PASSWORD = 'Api-Pa55word!'
    static final String UNTIL = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in 1[12]h\d\dm\)/

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.NONE)
            .apiUser(API_USER, API_PASSWORD).build().start()

    @TempDir Path home
    StringWriter out = new StringWriter()
    StringWriter err = new StringWriter()

    private Map<String, String> env() {
        [CNSH_HOME: home.toString(), CNSH_BASE_URL: server.baseUri().toString(), CNSH_USERNAME: API_USER,
         CNSH_PASSWORD: API_PASSWORD]
    }

    private int cnsh(Map<String, String> env = env(), String... args) {
        Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args)
    }

    /** The token the command fetched, from its owner-only cache file. */
    private String cachedToken() {
        List<Path> files = Files.list(home.resolve('tokens')).toList()
        assert files.size() == 1
        Properties p = new Properties()
        Files.newBufferedReader(files[0]).withCloseable { p.load(it) }
        p.getProperty('token')
    }

    def "cnsh token get shows the expiry and the binding, never the token"() {
        when:
        int code = cnsh('token', 'get')

        then:
        code == Main.OK
        out.toString() ==~ /token for cnsh-api at 127\.0\.0\.1 valid until $UNTIL, bound to this machine's address\n/
        err.toString() == ''
        cachedToken() ==~ /[0-9a-f]{40}/
        !out.toString().contains(cachedToken())
    }

    def "cnsh token validate asks the API and shows the expiry, never the token"() {
        when:
        int code = cnsh('token', 'validate')

        then:
        code == Main.OK
        out.toString() ==~ /token valid until $UNTIL, bound to this machine's address\n/
        !out.toString().contains(cachedToken())
        err.toString() == ''
    }

    def "with --debug every request is logged to stderr, the token and the password masked"() {
        when:
        int code = cnsh('--debug', 'token', 'validate')

        then:
        code == Main.OK
        err.toString().contains('debug [ContactNowApi#validateToken] ---> GET')
        err.toString().contains('token=****')
        !(out.toString() + err.toString()).contains(cachedToken())
        !(out.toString() + err.toString()).contains(API_PASSWORD)
    }

    def "target options are taken before or after the subcommand"() {
        given:
        Files.writeString(home.resolve('config'), """[profiles.lab]\nurl = "${server.baseUri()}"\nusername = "$API_USER"\n""")
        Map<String, String> env = [CNSH_HOME: home.toString(), CNSH_PASSWORD: API_PASSWORD]

        expect:
        cnsh(env, '--profile', 'lab', 'token', 'get') == Main.OK
        cnsh(env, 'token', 'get', '--profile', 'lab') == Main.OK
        out.toString().readLines().every { it ==~ /token for cnsh-api at lab valid until $UNTIL, bound to this machine's address/ }
        out.toString().readLines().size() == 2
    }

    def "--address binds the token to other machines; validating it from here then reports it not valid"() {
        when:
        int got = cnsh('token', 'get', '--address', '203.0.113.7,203.0.113.8')

        then:
        got == Main.OK
        out.toString() ==~ /token for cnsh-api at 127\.0\.0\.1 valid until $UNTIL, bound to 203\.0\.113\.7,203\.0\.113\.8\n/

        when:
        int validated = cnsh('token', 'validate', '--address', '203.0.113.7,203.0.113.8')

        then:
        validated == Main.ERROR
        err.toString() == 'cnsh: token not valid: Invalid token\n'
        !(out.toString() + err.toString()).contains(cachedToken())
    }

    def "more than 10 addresses is a usage error"() {
        when:
        int code = cnsh('token', 'get', '--address', (1..11).collect { "10.0.0.$it" }.join(','))

        then:
        code == Main.USAGE
        err.toString() == 'cnsh: --address takes at most 10 addresses, got 11\n'
    }

    def "a wrong API password exits 1 with one line that does not show it"() {
        when:
        int code = cnsh(env() + [CNSH_PASSWORD: 'Wr0ng-Pa55word'], 'token', 'get')

        then:
        code == Main.ERROR
        err.toString() == 'cnsh: token#get: the API username or password was refused ("Authentication failure"); check the credentials issued by 8x8 support\n'
        out.toString() == ''
    }

    def "a token action other than get or validate is a usage error"() {
        when:
        int code = cnsh('token', 'show')

        then:
        code == Main.USAGE
        err.toString() == "cnsh: token takes get or validate, not 'show'\n"
    }

    def "on the default target, token get works against the in-process sandbox"() {
        when:
        int code = cnsh([CNSH_HOME: home.toString()], 'token', 'get')

        then:
        code == Main.OK
        out.toString() ==~ /token for demo at sandbox valid until $UNTIL, bound to this machine's address\n/
    }
}
