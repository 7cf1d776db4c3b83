package io.cnsh.cli

import io.cnsh.sandbox.SandboxServer
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * Networks as they are: a sandbox served over HTTPS with a self-signed certificate and a CONNECT
 * proxy in front of it, both started here; profiles with {@code ca_file}, {@code proxy} and timeouts,
 * and the proxy variables of the environment.
 */
class NetworkTargetSpec extends Specification {

    @Shared @TempDir Path shared
    @Shared SelfSignedTls tls
    @Shared @AutoCleanup SandboxServer sandbox
    @Shared @AutoCleanup ConnectProxy proxy
    @TempDir Path home
    StringWriter out = new StringWriter()
    StringWriter err = new StringWriter()

    def setupSpec() {
        tls = new SelfSignedTls(shared)
        sandbox = SandboxServer.builder().port(0).inMemory().tls(tls.serverContext()).build().start()
        proxy = new ConnectProxy()
    }

    def setup() {
        sandbox.faults().clear()
        proxy.targets.clear()
        proxy.tunnels.set(0)
        Files.copy(tls.pem, home.resolve('bundle.pem'))
    }

    private String getHostPort() {
        "127.0.0.1:${sandbox.baseUri().port}"
    }

    private void profile(String extra) {
        Files.writeString(home.resolve('config'), """[profiles.tls]
url = "${sandbox.baseUri()}"
username = "demo"
${extra}
""")
    }

    private int cnsh(Map<String, String> env = [:], String... args) {
        Main.run([CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo'] + env, new PrintWriter(out, true), new PrintWriter(err, true), args)
    }

    private static boolean oneLine(String text) {
        text.readLines().findAll { it.trim() }.size() == 1 && !text.contains('\tat ') && !text.contains('Exception')
    }

    def "the sandbox's self-signed certificate is refused in one line until the profile's ca_file adds it to the JDK's trust"() {
        given:
        profile('')

        when:
        int refused = cnsh('--profile', 'tls', 'token', 'get')

        then:
        refused == 1
        oneLine(err.toString())
        err.toString().contains("cannot connect to ${sandbox.baseUri().toString() - ~'/$'} securely")
        err.toString().contains("not signed by an authority cnsh trusts; add the authority's certificate to the profile's ca_file")

        when:
        profile('ca_file = "bundle.pem"')
        err.buffer.length = 0

        then:
        cnsh('--profile', 'tls', '-e', 'agents < read >') == 0
        err.toString() == ''
        out.toString().contains('jsmith')
    }

    def "reads go through the proxy of the #source, which saw the CONNECT to the sandbox"() {
        given:
        profile('ca_file = "bundle.pem"\n' + profileLine.replace('PROXY', proxy.url))

        when:
        int code = cnsh(env.collectEntries { k, v -> [k, v.replace('PROXY', proxy.url)] }, '--profile', 'tls', '-e', 'agents < read >')

        then:
        code == 0
        out.toString().contains('jsmith')
        proxy.tunnels.get() >= 1
        proxy.targets.every { it == hostPort }

        where:
        source                       | profileLine       | env
        'profile'                    | 'proxy = "PROXY"' | [:]
        'environment (HTTPS_PROXY)'  | ''                | [HTTPS_PROXY: 'PROXY']
        'environment (https_proxy)'  | ''                | [https_proxy: 'PROXY', HTTPS_PROXY: 'http://127.0.0.1:9']
        'profile, over HTTPS_PROXY'  | 'proxy = "PROXY"' | [HTTPS_PROXY: 'http://127.0.0.1:9']
    }

    def "NO_PROXY entry #entry sends the sandbox past the proxy"() {
        given:
        profile('ca_file = "bundle.pem"')

        when:
        int code = cnsh([HTTPS_PROXY: proxy.url, NO_PROXY: entry.replace('PORT', sandbox.baseUri().port as String)],
                '--debug', '--profile', 'tls', 'token', 'get')

        then:
        code == 0
        proxy.tunnels.get() == 0
        err.toString().readLines().count { it.startsWith('debug network: no proxy (NO_PROXY entry') } == 1

        where:
        entry << ['127.0.0.1', '*', 'example.com, 127.0.0.1:PORT', '.0.0.1']
    }

    def "a NO_PROXY entry for another host or port leaves the proxy in use"() {
        given:
        profile('ca_file = "bundle.pem"')

        expect:
        cnsh([HTTPS_PROXY: proxy.url, no_proxy: "localhost,127.0.0.1:1,example.com"], '--profile', 'tls', 'token', 'get') == 0
        proxy.tunnels.get() >= 1
    }

    def "the ad hoc target (--base-url) takes HTTPS_PROXY too"() {
        when: 'no ca_file for an ad hoc target: the certificate is refused, after the tunnel was opened'
        int code = cnsh([HTTPS_PROXY: proxy.url], '--base-url', sandbox.baseUri().toString(), '--username', 'demo', 'token', 'get')

        then:
        code == 1
        proxy.targets.contains(hostPort)
        oneLine(err.toString())
        err.toString().contains("through proxy ${proxy.url}")
    }

    def "a read_timeout shorter than the sandbox's latency ends in a one-line timeout error"() {
        given:
        // a connect timeout no busy machine reaches (it also covers the TLS handshake), so only the read can time out
        profile('ca_file = "bundle.pem"\nread_timeout = 0.3\nconnect_timeout = 120')
        sandbox.faults().latency(Duration.ofSeconds(5), Duration.ZERO)

        when:
        int code = cnsh('--profile', 'tls', 'token', 'get')

        then:
        code == 1
        oneLine(err.toString())
        err.toString().contains('no answer within the read timeout')
    }

    def "--debug says once which proxy and which CA were used, the proxy's password masked"() {
        given:
        profile('ca_file = "bundle.pem"')

        when:
        int code = cnsh([HTTPS_PROXY: "http://ops:pr0xy-Secret@127.0.0.1:${proxy.port}".toString()], '--debug', '--profile', 'tls', 'token', 'get')
        List<String> said = err.toString().readLines().findAll { it.startsWith('debug network: ') }

        then: 'the proxy asked for nothing, so the password was never sent'
        code == 0
        said == ["debug network: proxy http://ops:***@127.0.0.1:${proxy.port} (from HTTPS_PROXY); CA: JDK default + ${home.resolve('bundle.pem')} (1 certificate)".toString()]
        !(err.toString() + out.toString()).contains('pr0xy-Secret')
    }

    def "proxy credentials answer the proxy's challenge for the tunnel and appear nowhere in the output"() {
        given: 'a proxy that wants them, and cnsh in a process of its own (the JDK reads its tunnel setting once)'
        ConnectProxy guarded = new ConnectProxy('ops:pr0xy-Secret')
        profile('ca_file = "bundle.pem"')

        when:
        Map good = child(["http://ops:pr0xy-Secret@127.0.0.1:${guarded.port}"])
        home.resolve('tokens').toFile().deleteDir()
        Map bad = child(["http://ops:wr0ng-Secret@127.0.0.1:${guarded.port}"])
        home.resolve('tokens').toFile().deleteDir()
        Map none = child(["http://127.0.0.1:${guarded.port}"])

        then:
        good.code == 0
        guarded.authorizations.contains('Basic ' + 'ops:pr0xy-Secret'.bytes.encodeBase64().toString())
        guarded.tunnels.get() >= 1
        good.err.readLines().findAll { it.startsWith('debug network: ') } ==
                ["debug network: proxy http://ops:***@127.0.0.1:${guarded.port} (from HTTPS_PROXY); CA: JDK default + ${home.resolve('bundle.pem')} (1 certificate)".toString()]
        bad.code == 1
        bad.err.readLines().findAll { it.startsWith('cnsh: ') } == ["cnsh: token#get failed: the proxy refused the tunnel to ${sandbox.baseUri().toString() - ~'/$'} through proxy http://ops:***@127.0.0.1:${guarded.port} (407 proxy authentication required): check the user and password of the proxy URL".toString()]
        none.code == 1
        none.err.contains('cnsh: token#get failed: the proxy wants credentials to reach https://127.0.0.1:')
        [good, bad, none].every { r -> ['pr0xy-Secret', 'wr0ng-Secret', 'pr0xy-Secret'.bytes.encodeBase64().toString()].every { !(r.out + r.err).contains(it) } }

        cleanup:
        guarded?.close()
    }

    private Map child(List<String> httpsProxy) {
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        Path o = Files.createTempFile(home, 'out', '.txt')
        Path e = Files.createTempFile(home, 'err', '.txt')
        def pb = new ProcessBuilder('java', '-XX:TieredStopAtLevel=1', '-cp', cp, Main.name, '--debug', '--profile', 'tls', 'token', 'get')
                .redirectOutput(o.toFile()).redirectError(e.toFile())
        pb.environment().keySet().removeAll(['CNSH_PROFILE', 'CNSH_BASE_URL', 'CNSH_USERNAME', 'NO_PROXY', 'no_proxy', 'https_proxy'])
        pb.environment().putAll([CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo', HTTPS_PROXY: httpsProxy[0].toString(), TERM: 'dumb'])
        Process p = pb.start()
        assert p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)
        [code: p.exitValue(), out: Files.readString(o), err: Files.readString(e)]
    }

    def "bad #key in a profile is a one-line error naming the key and the profile"() {
        given:
        Files.writeString(home.resolve('empty.pem'), '')
        Files.writeString(home.resolve('text.pem'), '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n')
        profile(line)

        when:
        int code = cnsh('--profile', 'tls', 'token', 'get')

        then:
        code == 1
        oneLine(err.toString())
        err.toString().contains("[profiles.tls]: ${key}")
        err.toString().contains(says)
        !err.toString().contains('hunter2')

        where:
        key               | line                                            | says
        'connect_timeout' | 'connect_timeout = 0'                           | 'must be a positive number of seconds'
        'connect_timeout' | 'connect_timeout = -1'                          | 'got -1'
        'read_timeout'    | 'read_timeout = "ten"'                          | "got 'ten'"
        'read_timeout'    | 'read_timeout = 4294967296'                     | 'at most 86400'
        'proxy'           | 'proxy = ""'                                    | 'must be a non-empty string'
        'proxy'           | 'proxy = "socks5://127.0.0.1:1080"'             | 'cnsh speaks to http:// proxies only'
        'proxy'           | 'proxy = "http://ops:hunter2@:3128"'            | "'http://ops:***@:3128' is not a proxy URL"
        'ca_file'         | 'ca_file = "missing.pem"'                       | "${'missing.pem'} does not exist"
        'ca_file'         | 'ca_file = "empty.pem"'                         | 'holds no certificate'
        'ca_file'         | 'ca_file = "text.pem"'                          | 'is not a PEM bundle of certificates'
        'ca_file'         | 'ca_file = "."'                                 | 'is a directory'
    }

    def "a proxy variable that is no http:// proxy URL is a one-line error naming the variable"() {
        given:
        profile('ca_file = "bundle.pem"')

        when:
        int code = cnsh([HTTPS_PROXY: 'https://ops:hunter2@proxy.example.com:3128'], '--profile', 'tls', 'token', 'get')

        then:
        code == 1
        oneLine(err.toString())
        err.toString().contains("HTTPS_PROXY: 'https://ops:***@proxy.example.com:3128' is a https proxy")
        !err.toString().contains('hunter2')
    }
}
