package io.cnsh.sandbox

import java.nio.charset.StandardCharsets
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * Clients that connect and then send slowly, partly or not at all: they cost the sandbox a
 * connection each, never a request thread, and are closed once silent for the read timeout.
 */
class HostileClientsSpec extends Specification {

    static final Duration READ_TIMEOUT = Duration.ofSeconds(10)
    static final int THREADS = 8

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().seed(Seed.DEMO)
            .threads(THREADS).readTimeout(READ_TIMEOUT).build().start()
    @Shared LoopbackHttp http = new LoopbackHttp(server)

    List<Socket> sockets = []

    def cleanup() {
        sockets.each { it.close() }
    }

    /** A connection that has sent {@code partial} and then waits. */
    Socket sendAndWait(SandboxServer to, String partial) {
        Socket s = new Socket()
        s.connect(to.address(), 5_000)
        s.outputStream.write(partial.getBytes(StandardCharsets.ISO_8859_1))
        s.outputStream.flush()
        sockets << s
        s
    }

    /** True while the server has neither answered nor closed the connection. */
    static boolean hanging(Socket s) {
        s.soTimeout = 1
        try {
            s.inputStream.read()
            false
        } catch (SocketTimeoutException ignored) {
            true
        } catch (IOException ignored) {
            false
        }
    }

    static final List<String> PARTIAL_REQUESTS = [
            'GET /token.php?action=get&usern',                                             // request line
            'GET /token.php?action=get HTTP/1.1\r\nHost: sandbox\r\nX-Slow: wai',           // header
            'POST /database.php?method=agents&action=create&raw=1 HTTP/1.1\r\nHost: sandbox\r\n'
                    + 'Content-Length: 1000\r\n\r\n[{"name":"slo',                                // body
    ]

    def "300 clients that send part of a request and wait neither block nor slow the others"() {
        given: '300 connections stuck in their request line, header or body, far more than the request threads'
        300.times { sendAndWait(server, PARTIAL_REQUESTS[it % 3]) }

        when: 'normal clients call while they hang'
        String token = http.token()
        List<Reply> reads = (1..20).collect {
            http.get("database.php?token=$token&method=agents&action=read&limit=5")
        }
        List<Reply> writes = (1..5).collect {
            http.post("database.php?token=$token&method=agents&action=create&raw=1",
                    LoopbackHttp.json([[name: "While Waiting $it", username: "waiting$it"]]))
        }

        then: 'every one is answered'
        reads.every { it.status == 200 && it.json().get('total').intValue() == 40 }
        writes.every { it.status == 200 && it.json().get('total').intValue() == 1 }

        and: 'all 300 were still hanging when they were'
        sockets.every { hanging(it) }

        and: 'each is closed once it has sent nothing for the read timeout'
        new PollingConditions(timeout: 60, delay: 1).eventually {
            assert sockets.count { hanging(it) } == 0
        }

        and: 'the half-sent create stored nothing'
        http.get("database.php?token=$token&method=agents&action=read&name=slo").json().get('total').intValue() == 0
    }

    def "at the connection bound, idle connections are closed so that a new client is answered"() {
        given:
        SandboxServer small = SandboxServer.builder().seed(Seed.DEMO).maxConnections(20)
                .readTimeout(Duration.ofMinutes(5)).build().start()
        List<Socket> idle = (1..20).collect { sendAndWait(small, '') }

        when:
        Reply r = new LoopbackHttp(small).get('token.php?action=get&username=demo&password=demo')

        then:
        r.json().get('success').booleanValue()
        idle.count { !hanging(it) } >= 1

        cleanup:
        small?.close()
    }
}
