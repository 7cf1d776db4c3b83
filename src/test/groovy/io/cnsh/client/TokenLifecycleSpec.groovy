package io.cnsh.client

import io.cnsh.model.Agent
import io.cnsh.model.OwnerOnlyFiles
import io.cnsh.wire.Envelope
import io.cnsh.wire.Format
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.time.Duration
import spock.lang.TempDir

/** The token lifecycle against the sandbox: first use, the cache file, early renewal, repair, refusals. */
class TokenLifecycleSpec extends ClientSandboxSpec {

    @TempDir Path home

    def "the first call fetches a token and later calls reuse it"() {
        given:
        ContactNow cn = client()

        when:
        3.times { cn.agents().read(AgentQuery.all()) }

        then:
        sent('getToken').size() == 1
        sent('getToken')[0].contains('token.php?action=get&username=cnsh-api&password=****&format=json HTTP/1.1')
        sent('readAgents').size() == 3
        served('token/get', 1).size() == 1
        cn.tokens().current().get().token() ==~ /[0-9a-f]{40}/
        cn.tokens().current().get().expire() == clock.instant().plus(Duration.ofHours(12))
    }

    def "a new client reuses the token from the owner-only cache file without calling token.php"() {
        given:
        Path tokens = home.resolve('tokens')
        ContactNow first = client(tokenCache: tokens)
        first.agents().read(AgentQuery.all())
        String token = first.tokens().current().get().token()

        when:
        List<String> before = sent('getToken')
        ContactNow second = client(tokenCache: tokens)
        second.agents().read(AgentQuery.all())

        then:
        before.size() == 1
        sent('getToken').size() == 1
        second.tokens().current().get().token() == token
        served('token/get', 1).size() == 1
        served('agents/read', 2).size() == 2

        and: 'one file, readable by its owner only, holding no password and named without the username'
        List<Path> files = Files.list(tokens).toList()
        files.size() == 1
        PosixFilePermissions.toString(Files.getPosixFilePermissions(files[0])) == 'rw-------'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens)) == 'rwx------'
        !files[0].fileName.toString().contains(API_USER)
        Files.readString(files[0]).contains(token)
        !Files.readString(files[0]).contains(API_PASSWORD)
    }

    def "a cached token is not used with another password: the token request it makes instead is refused"() {
        given:
        Path tokens = home.resolve('tokens')
        client(tokenCache: tokens).tokens().token()
        String cachedFile = Files.readString(Files.list(tokens).toList()[0])

        when:
        client(tokenCache: tokens, password: 'Wr0ng-Pa55word').agents().read(AgentQuery.all())

        then:
        AuthenticationException e = thrown()
        e.operation() == 'token#get'
        sent('getToken').size() == 2
        sent('readAgents').empty
        served('token/get', 2)*.outcome() == ['ok', 'error: Authentication failure']

        and: 'the cached token stays for the right password, which uses it without asking token.php'
        Files.readString(Files.list(tokens).toList()[0]) == cachedFile

        when:
        client(tokenCache: tokens).agents().read(AgentQuery.all())

        then:
        sent('getToken').size() == 2
        served('agents/read', 1).size() == 1
        requests.count { it.operation() == 'token/get' } == 2
    }

    def "the cache file holds a salted slow hash of the password, a new salt each time, never the password"() {
        given:
        Path tokens = home.resolve('tokens')

        when:
        ContactNow first = client(tokenCache: tokens)
        first.tokens().token()
        Properties before = cacheFile(tokens)
        first.tokens().renew(first.tokens().current().get().token())
        Properties after = cacheFile(tokens)

        then:
        before.getProperty('password_check') ==~ /pbkdf2-sha256:${TokenCache.ITERATIONS}:[0-9a-f]{32}:[0-9a-f]{64}/
        after.getProperty('password_check') ==~ /pbkdf2-sha256:${TokenCache.ITERATIONS}:[0-9a-f]{32}:[0-9a-f]{64}/
        before.getProperty('password_check') != after.getProperty('password_check')
        !Files.list(tokens).toList().any { Files.readString(it).contains(API_PASSWORD) }
        !before.getProperty('password_check').contains(sha256Hex(API_PASSWORD))
    }

    def "a cache file without a password check, as earlier versions wrote, is not used"() {
        given:
        Path tokens = home.resolve('tokens')
        client(tokenCache: tokens).tokens().token()
        Path file = Files.list(tokens).toList()[0]
        Files.writeString(file, Files.readString(file).readLines().findAll { !it.startsWith('password_check=') }.join('\n'))

        when:
        client(tokenCache: tokens).agents().read(AgentQuery.all())

        then:
        sent('getToken').size() == 2
        served('token/get', 2)*.outcome() == ['ok', 'ok']
        cacheFile(tokens).getProperty('password_check') != null
    }

    def "a token file that cannot be written (disk full) leaves the last whole file and no temporary file, and says why"() {
        given: 'a cache holding a token, then a disk that fills after half of the next file'
        Path tokens = home.resolve('tokens')
        client(tokenCache: tokens).tokens().token()
        Path file = Files.list(tokens).toList()[0]
        String whole = Files.readString(file)
        List<String> warnings = []
        TokenCache full = new TokenCache(tokens, { String w -> warnings << w }, { channel, bytes ->
            channel.write(java.nio.ByteBuffer.wrap(bytes, 0, bytes.length.intdiv(2)))
            throw new java.nio.file.FileSystemException(tokens.resolve('token123.tmp').toString(), null, 'No space left on device')
        } as OwnerOnlyFiles.ContentWriter)

        when:
        full.store(server.baseUri().toString(), API_USER, null,
                new io.cnsh.model.TokenGrant('f' * 40, clock.instant().plusSeconds(3600)), API_PASSWORD.toCharArray())

        then:
        Files.list(tokens).toList() == [file]
        Files.readString(file) == whole
        warnings == ["cannot cache the token in $tokens: No space left on device; the next run asks for a new one".toString()]

        and: 'a client still finds the last whole token'
        client(tokenCache: tokens).agents().read(AgentQuery.all())
        sent('getToken').size() == 1
    }

    def "a token file is written through a temporary owner-only file in the same directory, then renamed"() {
        given:
        Path tokens = home.resolve('tokens')
        List<String> seen = []
        TokenCache watched = new TokenCache(tokens, { String w -> seen << w }, { channel, bytes ->
            Path tmp = Files.list(tokens).toList().find { it.fileName.toString() ==~ /token.*\.tmp/ }
            seen << PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp))
            OwnerOnlyFiles.ContentWriter.PLAIN.write(channel, bytes)
        } as OwnerOnlyFiles.ContentWriter)

        when:
        watched.store('http://127.0.0.1:1', API_USER, null,
                new io.cnsh.model.TokenGrant('e' * 40, clock.instant().plusSeconds(3600)), API_PASSWORD.toCharArray())

        then:
        seen == ['rw-------']
        List<String> names = Files.list(tokens).toList()*.fileName*.toString()
        names.size() == 1
        names[0] ==~ /[0-9a-f]{32}\.token/
        watched.load('http://127.0.0.1:1', API_USER, null, API_PASSWORD.toCharArray()).get().token() == 'e' * 40
        watched.load('http://127.0.0.1:1', API_USER, null, 'other'.toCharArray()).empty
    }

    def "a cached token of another base URL, user or address list is not used"() {
        given:
        Path tokens = home.resolve('tokens')
        client(tokenCache: tokens).tokens().token()

        when:
        client(tokenCache: tokens, address: ['127.0.0.1']).tokens().token()

        then:
        sent('getToken').size() == 2
        sent('getToken')[1].contains('&address=127.0.0.1')
        Files.list(tokens).count() == 2
    }

    def "the token is renewed ahead of its expiry: once within the margin, then at expiry before any call is refused"() {
        given:
        ContactNow cn = client(tokenMargin: Duration.ofMinutes(5))
        cn.agents().read(AgentQuery.all())
        String first = cn.tokens().current().get().token()

        when: 'four minutes short of the margin'
        clock.advance(Duration.ofHours(11).plusMinutes(54))
        cn.agents().read(AgentQuery.all())

        then:
        sent('getToken').size() == 1

        when: 'within the margin the API hands back the same token, so it is asked once only'
        clock.advance(Duration.ofMinutes(2))
        3.times { cn.agents().read(AgentQuery.all()) }

        then:
        sent('getToken').size() == 2
        cn.tokens().current().get().token() == first

        when: 'at expiry'
        clock.advance(Duration.ofMinutes(4))
        cn.agents().read(AgentQuery.all())

        then:
        sent('getToken').size() == 3
        cn.tokens().current().get().token() != first
        sent('readAgents').size() == 6
        served('agents/read', 6)*.outcome().every { it.startsWith('ok') }
    }

    def "in #format, an #answer answer mid-run is repaired with one renewal and the call repeated once"() {
        given:
        ContactNow cn = client(format: format)
        cn.agents().create(agents(2))

        when:
        if (answer == 'Expired token') server.faults().nextExpiredTokens(1) else server.faults().nextUnknownTokens(1)
        List<Agent> read = cn.agents().read(AgentQuery.all()).agents()

        then:
        read*.username() == ['agent1', 'agent2']
        sent('getToken').size() == 2
        sent('readAgents').size() == 2
        served('agents/read', 2)*.outcome().sort() == ["error: $answer", 'ok total=2 list=2']
        served('token/get', 2).size() == 2
        sleeper.sleeps.empty

        where:
        format      | answer
        Format.JSON | 'Expired token'
        Format.XML  | 'Expired token'
        Format.JSON | 'Unknown token'
        Format.XML  | 'Unknown token'
    }

    def "a create refused for its token is sent again after the renewal and creates its agent once"() {
        given:
        ContactNow cn = client()
        cn.tokens().token()
        server.faults().nextExpiredTokens(1)

        when:
        long key = cn.agents().create(agents(1)).key()

        then:
        stored()*.agentid() == [key]
        served('agents/create', 2)*.outcome().sort() == ['error: Expired token', "ok total=1 bad=0 key=$key"]
    }

    def "a token refused again right after its renewal ends in TokenRejectedException, without a loop"() {
        given:
        ContactNow cn = client()
        server.faults().nextExpiredTokens(2)

        when:
        cn.agents().read(AgentQuery.all())

        then:
        TokenRejectedException e = thrown()
        e.message == 'agents#read: the token was refused again after a fresh one was fetched ("Expired token")'
        e.apiError() == 'Expired token'
        sent('getToken').size() == 2
        sent('readAgents').size() == 2
    }

    def "a token bound with address to other machines is refused with TokenRejectedException that explains the binding and --address"() {
        given:
        ContactNow cn = client(address: ['203.0.113.7', '203.0.113.8'])

        when:
        cn.agents().read(AgentQuery.all())

        then:
        TokenRejectedException e = thrown()
        e.operation() == 'agents#read'
        e.apiError() == 'Invalid token'
        e.message == 'agents#read: the API refused the token ("Invalid token"): a token works only from the internet' +
                ' addresses it is bound to, and this client binds its tokens to 203.0.113.7,203.0.113.8, which' +
                ' does not include the address it calls from; to use it from this machine too, bind the token to' +
                ' their addresses (at most 10) with the profile\'s address list or cnsh token get --address IP,IP'
        sent('getToken').size() == 1
        sent('getToken')[0].contains('&address=203.0.113.7%2C203.0.113.8')
        sent('readAgents').size() == 1
    }

    def "a token bound to an address list that includes this machine works from here"() {
        given:
        ContactNow cn = client(address: ['203.0.113.7', '127.0.0.1'])

        when:
        cn.agents().create(agents(1))

        then:
        cn.agents().read(AgentQuery.all()).agents()*.username() == ['agent1']
        cn.tokens().address().get() == '203.0.113.7,127.0.0.1'
        sent('getToken').size() == 1
    }

    def "a client refuses to bind its tokens to more than 10 addresses"() {
        when:
        ContactNow.builder().address((1..11).collect { "10.0.0.$it".toString() })

        then:
        IllegalArgumentException e = thrown()
        e.message == 'a token can be bound to at most 10 addresses, got 11'
    }

    def "a token the API calls invalid is dropped with its cache file, so the next call asks for one for this address"() {
        given:
        Path tokens = home.resolve('tokens')
        ContactNow cn = client(tokenCache: tokens)
        cn.tokens().token()
        server.faults().nextInvalidTokens(1)

        when:
        cn.agents().read(AgentQuery.all())

        then:
        TokenRejectedException e = thrown()
        e.message.startsWith('agents#read: the API refused the token ("Invalid token"): a token works only from the' +
                ' internet address that requested it, and this one was requested from another')
        e.message.contains('it has been dropped, so the next call requests one for this address')
        e.message.contains('--address')
        cn.tokens().current().empty
        Files.list(tokens).count() == 0

        when:
        cn.agents().read(AgentQuery.all())

        then:
        sent('getToken').size() == 2
    }

    def "a refused API password ends in AuthenticationException, never retried, its message free of the password"() {
        given:
        ContactNow cn = client(password: 'Wr0ng-Pa55word')

        when:
        cn.agents().read(AgentQuery.all())

        then:
        AuthenticationException e = thrown()
        e.operation() == 'token#get'
        e.apiError() == 'Authentication failure'
        e.message == 'token#get: the API username or password was refused ("Authentication failure"); check the' +
                ' credentials issued by 8x8 support'
        !e.toString().contains('Wr0ng-Pa55word')
        sent('getToken').size() == 1
        sent('readAgents').empty
        served('token/get', 1)*.outcome() == ['error: Authentication failure']
        sleeper.sleeps.empty
    }

    def "validate answers the token's expiry in #format"() {
        given:
        ContactNow cn = client(format: format)

        when:
        Envelope v = cn.tokens().validate()

        then:
        v.isSuccess()
        v.expire() == cn.tokens().current().get().expire().epochSecond
        sent('validateToken').size() == 1
        sent('validateToken')[0].contains("token.php?action=validate&token=****&format=${format.wireName()}")

        where:
        format << [Format.JSON, Format.XML]
    }

    private static Properties cacheFile(Path tokens) {
        Properties p = new Properties()
        Files.newBufferedReader(Files.list(tokens).toList()[0]).withCloseable { p.load(it) }
        p
    }

    private static String sha256Hex(String text) {
        java.security.MessageDigest.getInstance('SHA-256').digest(text.getBytes('UTF-8')).encodeHex().toString()
    }
}
