package io.cnsh.client

import spock.lang.Specification
import spock.lang.TempDir

import javax.net.ssl.TrustManagerFactory
import javax.net.ssl.X509TrustManager
import java.nio.file.Path
import java.security.KeyStore

/** The pieces of {@link Network}: NO_PROXY as curl reads it, proxy URLs, and a CA bundle beside the JDK's trust. */
class NetworkSettingsSpec extends Specification {

    @TempDir Path dir

    def "NO_PROXY '#list' #verdict #url"() {
        expect:
        (NoProxy.match(list, URI.create(url)) != null) == matches

        where:
        list                        | url                               | matches
        '*'                         | 'https://api-106.dxi.eu/'         | true
        'dxi.eu'                    | 'https://api-106.dxi.eu/'         | true
        '.dxi.eu'                   | 'https://api-106.dxi.eu/'         | true
        'DXI.EU.'                   | 'https://api-106.dxi.eu/'         | true
        'xi.eu'                     | 'https://api-106.dxi.eu/'         | false
        'api-106.dxi.eu:443'        | 'https://api-106.dxi.eu/'         | true
        'api-106.dxi.eu:8443'       | 'https://api-106.dxi.eu/'         | false
        'example.com api-106.dxi.eu'| 'https://api-106.dxi.eu/'         | true
        ' , ,'                      | 'https://api-106.dxi.eu/'         | false
        ''                          | 'https://api-106.dxi.eu/'         | false
        'localhost'                 | 'http://127.0.0.1:8080/'          | false
        '127.0.0.1'                 | 'http://127.0.0.1:8080/'          | true
        '127.0.0.1:80'              | 'http://127.0.0.1/'               | true
        '::1'                       | 'http://[::1]:8080/'              | true
        '[::1]:8080'                | 'http://[::1]:8080/'              | true
        '[::1]:9'                   | 'http://[::1]:8080/'              | false
        '*.dxi.eu'                  | 'https://api-106.dxi.eu/'         | false
        verdict = matches ? 'matches' : 'does not match'
    }

    def "proxy URL '#url' is #shown"() {
        expect:
        HttpProxy.parse(url, 'HTTPS_PROXY').toString() == shown

        where:
        url                                   | shown
        'http://proxy.example.com:3128'       | 'http://proxy.example.com:3128'
        'proxy.example.com:3128'              | 'http://proxy.example.com:3128'
        'http://proxy.example.com'            | 'http://proxy.example.com:1080'
        'http://proxy.example.com:3128/'      | 'http://proxy.example.com:3128'
        'http://ops:s%40cret@10.0.0.1:3128'   | 'http://ops:***@10.0.0.1:3128'
        'HTTP://ops@10.0.0.1:3128'            | 'http://ops:***@10.0.0.1:3128'
    }

    def "'#url' is refused without its password: #says"() {
        when:
        HttpProxy.parse(url, 'HTTPS_PROXY')

        then:
        ConfigException e = thrown()
        e.message.startsWith('HTTPS_PROXY: ')
        e.message.contains(says)
        !e.message.contains('s3cret')

        where:
        url                                    | says
        'socks5://ops:s3cret@10.0.0.1:1080'    | "'socks5://ops:***@10.0.0.1:1080' is a socks5 proxy"
        'http://ops:s3cret@10.0.0.1:99999'     | 'is not a proxy URL'
        'http://ops:s3cret@10.0.0.1:0'         | 'is not a proxy URL'
        'http://ops:s3cret@10.0.0.1:3128/path' | 'is not a proxy URL'
        'http://ops:s3cret@ bad:3128'          | 'is not a proxy URL'
    }

    def "a proxy's credentials are decoded and answered to the proxy only"() {
        given:
        def auth = HttpProxy.parse('http://ops%3Aa:p%40ss+word@10.0.0.1:3128', 'proxy').authenticator()

        expect:
        auth.requestPasswordAuthenticationInstance('10.0.0.1', null, 3128, 'http', 'spec', 'basic', null,
                java.net.Authenticator.RequestorType.PROXY).with { userName == 'ops:a' && new String(password) == 'p@ss+word' }
        auth.requestPasswordAuthenticationInstance('api', null, 443, 'https', 'spec', 'basic', null,
                java.net.Authenticator.RequestorType.SERVER) == null
        HttpProxy.parse('http://10.0.0.1:3128', 'proxy').authenticator() == null
    }

    def "a bundle is trusted beside the JDK's own authorities, not instead of them"() {
        given:
        def tls = new io.cnsh.cli.SelfSignedTls(dir)
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.defaultAlgorithm)
        jdk.init((KeyStore) null)
        int defaults = (jdk.trustManagers[0] as X509TrustManager).acceptedIssuers.length

        when:
        CaBundle bundle = CaBundle.read(tls.pem, 'profile')
        X509TrustManager both = bundle.trustManagers()[0] as X509TrustManager

        then:
        defaults > 0
        both.acceptedIssuers.length == defaults + 1
        both.acceptedIssuers.any { it.subjectX500Principal.name == 'CN=cnsh spec sandbox' }
        bundle.toString() == "JDK default + ${tls.pem} (1 certificate)"
    }

    def "the environment's proxy is chosen by the base URL's scheme, lower case first; blank counts as unset"() {
        expect:
        Network.resolve(URI.create(url), env, null, null, 'p').toString().startsWith(expected)

        where:
        url                   | env                                                        | expected
        'https://a.example/'  | [:]                                                        | 'network: no proxy; CA: JDK default'
        'https://a.example/'  | [HTTP_PROXY: 'h:1']                                        | 'network: no proxy'
        'https://a.example/'  | [HTTPS_PROXY: 'H:2', https_proxy: 'l:1']                   | 'network: proxy http://l:1 (from https_proxy)'
        'https://a.example/'  | [HTTPS_PROXY: 'H:2', https_proxy: ' ']                     | 'network: proxy http://H:2 (from HTTPS_PROXY)'
        'http://a.example/'   | [HTTPS_PROXY: 'H:2', HTTP_PROXY: 'p:3']                    | 'network: proxy http://p:3 (from HTTP_PROXY)'
        'http://a.example/'   | [http_proxy: 'p:3', no_proxy: 'a.example', NO_PROXY: 'b']  | "network: no proxy (no_proxy entry 'a.example' matches a.example; http://p:3 not used)"
    }
}
