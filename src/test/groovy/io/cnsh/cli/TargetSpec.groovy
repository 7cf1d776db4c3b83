package io.cnsh.cli

import io.cnsh.client.AgentQuery
import io.cnsh.client.ConfigException
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import io.cnsh.wire.Format
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * Where commands go: the in-process sandbox (asked for, or by default), a profile, or an ad hoc
 * base URL, from the target options and the {@code CNSH_*} environment.
 */
class TargetSpec extends Specification {

    static final String API_USER = 'cnsh-api'
    static final String API_PASSWORD = 'Api-Pa55word!'

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.DEMO)
            .apiUser(API_USER, API_PASSWORD).build().start()

    @TempDir Path home
    List<Target> opened = []
    StringWriter log = new StringWriter()

    def cleanup() {
        opened*.close()
    }

    private Target open(Map<String, String> env, Map<String, Object> options = [:]) {
        TargetOptions o = new TargetOptions()
        options.each { k, v -> o."$k" = v }
        Target t = Target.open(o, [CNSH_HOME: home.toString()] + env, new PrintWriter(log, true))
        opened << t
        t
    }

    private void profiles(String toml) {
        Files.writeString(home.resolve('config'), toml.stripIndent())
    }

    private String labProfile(String extra = '') {
        """\
        [profiles.lab]
        url = "${server.baseUri()}"
        username = "$API_USER"
        $extra
        [profiles.other]
        url = "eu"
        username = "someone"
        """
    }

    def "with nothing configured the target is an in-process sandbox with its data under CNSH_HOME"() {
        when:
        Target t = open([:])

        then:
        t.isSandbox()
        t.label() == 'sandbox'
        !t.isProduction()
        t.client().format() == Format.JSON
        t.client().baseUri().host == '127.0.0.1'
        t.client().agents().read(AgentQuery.all()).total() == 40
        Files.isDirectory(home.resolve('sandbox'))
    }

    def "--sandbox wins over a profile and keeps its data under --sandbox-data"() {
        given:
        profiles labProfile()
        Path data = home.resolve('elsewhere')

        when:
        Target t = open([CNSH_PROFILE: 'lab', CNSH_PASSWORD: API_PASSWORD], [sandbox: true, sandboxData: data, format: 'xml'])

        then:
        t.isSandbox()
        t.client().format() == Format.XML
        t.client().agents().read(AgentQuery.all().limit(3)).agents().size() == 3
        Files.isDirectory(data)
        !Files.exists(home.resolve('sandbox'))
    }

    def "a profile named by #how is the target, with the password from CNSH_PASSWORD"() {
        given:
        profiles labProfile('format = "xml"\nproduction = true')

        when:
        Target t = open([CNSH_PASSWORD: API_PASSWORD] + env, options)

        then:
        !t.isSandbox()
        t.isProduction()
        t.label() == 'lab'
        t.client().baseUri() == server.baseUri()
        t.client().username() == API_USER
        t.client().format() == Format.XML
        t.client().agents().read(AgentQuery.all()).total() == 40
        Files.list(home.resolve('tokens')).count() == 1

        where:
        how                           | env                      | options
        '--profile'                   | [:]                      | [profile: 'lab']
        'CNSH_PROFILE'                | [CNSH_PROFILE: 'lab']    | [:]
        '--profile over CNSH_PROFILE' | [CNSH_PROFILE: 'other']  | [profile: 'lab']
    }

    def "--format overrides the profile's format"() {
        given:
        profiles labProfile('format = "xml"')

        expect:
        open([CNSH_PASSWORD: API_PASSWORD], [profile: 'lab', format: 'json']).client().format() == Format.JSON
    }

    def "a profile's saved password is used when CNSH_PASSWORD is not set"() {
        given:
        profiles labProfile()
        Path credentials = home.resolve('credentials')
        Files.writeString(credentials, "[profiles.lab]\npassword = \"$API_PASSWORD\"\n")
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString('rw-------'))

        expect:
        open([:], [profile: 'lab']).client().agents().read(AgentQuery.all().limit(1)).total() == 40
    }

    def "with no password anywhere and no terminal to ask on, the target says where a password can come from"() {
        given:
        profiles labProfile()

        when:
        open([:], [profile: 'lab'])

        then:
        ConfigException e = thrown()
        e.message == "no API password for $API_USER: set CNSH_PASSWORD, save one in \$CNSH_HOME/credentials, or run in a terminal to be asked"
    }

    def "an unknown profile is refused with the list of profiles"() {
        given:
        profiles labProfile()

        when:
        open([CNSH_PASSWORD: API_PASSWORD], [profile: 'prod'])

        then:
        ConfigException e = thrown()
        e.message == "no profile 'prod' in ${home.resolve('config')} (profiles: lab, other)"
    }

    def "CNSH_BASE_URL, CNSH_USERNAME and CNSH_PASSWORD make an ad hoc target"() {
        when:
        Target t = open([CNSH_BASE_URL: server.baseUri().toString(), CNSH_USERNAME: API_USER, CNSH_PASSWORD: API_PASSWORD])

        then:
        !t.isSandbox()
        t.label() == '127.0.0.1'
        t.client().username() == API_USER
        t.client().agents().read(AgentQuery.all()).total() == 40
        Files.list(home.resolve('tokens')).count() == 1
    }

    def "--base-url and --username win over the environment, and a region name is a base URL"() {
        when:
        Target t = open([CNSH_BASE_URL: 'http://127.0.0.1:1/', CNSH_USERNAME: 'env-user', CNSH_PASSWORD: 'pw'],
                [baseUrl: 'us', username: 'flag-user'])

        then:
        t.client().baseUri() == URI.create('https://api.contactnow.8x8.com/api/')
        t.client().username() == 'flag-user'
        t.label() == 'api.contactnow.8x8.com'
    }

    def "#what is a usage error: #expected"() {
        when:
        open(env, options)

        then:
        UsageException e = thrown()
        e.message == expected

        where:
        what                          | env                                 | options                                   || expected
        '--base-url without a user'   | [CNSH_PASSWORD: 'pw']               | [baseUrl: 'http://127.0.0.1:1/']          || '--base-url needs --username (or CNSH_USERNAME)'
        'CNSH_BASE_URL without a user'| [CNSH_BASE_URL: 'eu']               | [:]                                       || '--base-url needs --username (or CNSH_USERNAME)'
        'an ftp base URL'             | [CNSH_PASSWORD: 'pw']               | [baseUrl: 'ftp://example.com/', username: 'u'] || "--base-url 'ftp://example.com/' is neither eu, us nor an http(s) URL"
        'a base URL without scheme'   | [CNSH_PASSWORD: 'pw']               | [baseUrl: 'api.example.com', username: 'u']    || "--base-url 'api.example.com' is neither eu, us nor an http(s) URL"
        'a base URL with a space'     | [CNSH_PASSWORD: 'pw']               | [baseUrl: 'http://a b/', username: 'u']   || "--base-url 'http://a b/' is neither eu, us nor an http(s) URL"
        'format yaml'                 | [:]                                 | [format: 'yaml']                          || "--format 'yaml' is not json or xml"
    }

    def "--debug logs every request and answer with secrets masked"() {
        when:
        Target t = open([CNSH_BASE_URL: server.baseUri().toString(), CNSH_USERNAME: API_USER, CNSH_PASSWORD: API_PASSWORD],
                [debug: true])
        t.client().agents().read(AgentQuery.where('username', 'jsmith'))
        String token = t.client().tokens().current().get().token()

        then:
        log.toString().readLines().any { it.startsWith('debug [ContactNowApi#getToken] ---> GET') && it.contains('password=****') }
        log.toString().readLines().any { it.startsWith('debug [ContactNowApi#readAgents] <--- HTTP/1.1 200') }
        log.toString().contains('"pin":"****"')
        !log.toString().contains(API_PASSWORD)
        !log.toString().contains(token)
    }
}
