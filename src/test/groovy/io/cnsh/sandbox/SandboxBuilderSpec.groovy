package io.cnsh.sandbox

import java.nio.file.Path
import java.time.Duration
import spock.lang.Specification
import spock.lang.TempDir

/** SandboxServer.builder(): its checks, what build() keeps, and the lifecycle of the server it builds. */
class SandboxBuilderSpec extends Specification {

    @TempDir Path dir

    def "a setting out of range is refused when it is set, in words that name it: #setting"() {
        when:
        set(SandboxServer.builder())

        then:
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        setting                    | set                                         || message
        'port -1'                  | { it.port(-1) }                             || 'port must be 0 to 65535, got -1'
        'port 65536'               | { it.port(65_536) }                         || 'port must be 0 to 65535, got 65536'
        'token TTL 0'              | { it.tokenTtl(Duration.ZERO) }              || 'token TTL must be positive, got PT0S'
        'error status 199'         | { it.errorStatus(199) }                     || 'error status must be 200 to 599, got 199'
        'error status 600'         | { it.errorStatus(600) }                     || 'error status must be 200 to 599, got 600'
        'threads 0'                | { it.threads(0) }                           || 'threads must be 1 to 1024, got 0'
        'threads 1025'             | { it.threads(1025) }                        || 'threads must be 1 to 1024, got 1025'
        'read timeout -1 s'        | { it.readTimeout(Duration.ofSeconds(-1)) }  || 'read timeout must be positive, got PT-1S'
        'max connections 0'        | { it.maxConnections(0) }                    || 'max connections must be at least 1, got 0'
        'max header bytes 1023'    | { it.maxHeaderBytes(1023) }                 || 'max header bytes must be at least 1024, got 1023'
        'max records per write 0'  | { it.maxRecordsPerWrite(0) }                || 'max records per write must be at least 1, got 0'
        'first agent id 0'         | { it.firstAgentId(0) }                      || 'first agent id must be positive, got 0'
        'max body bytes 0'         | { it.maxBodyBytes(0) }                      || 'maxBodyBytes must be positive, got 0'
    }

    def "every setter returns the builder, so a chain ends in build()"() {
        when:
        def b = SandboxServer.builder().port(0).bind('127.0.0.1').inMemory().seed(Seed.NONE).apiUser('u', 'p')
                .accountId('9').strict(true).deleteEnabled(true).tokenTtl(Duration.ofSeconds(60)).readTimeout(Duration.ofSeconds(5))
                .maxConnections(10).maxHeaderBytes(2048).maxRecordsPerWrite(5).firstAgentId(7).threads(2).faultSeed(3)

        then:
        b instanceof SandboxServer.Builder
        b.build() instanceof SandboxServer
    }

    def "a server keeps the settings it was built with; later changes to its builder do not reach it"() {
        given:
        def b = SandboxServer.builder().port(0).inMemory().accountId('111').apiUser('first', 'pw-1')
        def server = b.build()

        when:
        b.accountId('222').apiUser('second', 'pw-2').strict(true).dataDir(dir)
        server.start()

        then:
        server.accountId() == '111'
        server.apiUsername() == 'first'
        !server.strict()
        !server.dataDir().isPresent()
        new LoopbackHttp(server).token('first', 'pw-1')

        cleanup:
        server?.close()
    }

    def "neither the builder nor the server shows the API password"() {
        given:
        def b = SandboxServer.builder().port(0).inMemory().apiUser('ops', 'Secret-Sandbox-Pw')

        expect:
        b.toString() == 'SandboxServer.Builder[port=0, bind=127.0.0.1, apiUser=ops, apiPassword=****]'
        b.build().start().withCloseable { !it.toString().contains('Secret-Sandbox-Pw') && it.toString().contains('account 20001, in memory') }
    }

    def "a server that cannot listen releases its data directory and cannot be started again"() {
        given:
        def running = SandboxServer.builder().port(0).inMemory().build().start()
        def data = dir.resolve('data')
        def failing = SandboxServer.builder().port(running.port()).dataDir(data).build()

        when:
        failing.start()

        then:
        def e = thrown(SandboxException)
        e.message == "cannot listen on 127.0.0.1:${running.port()}: address already in use"

        when:
        failing.start()

        then:
        def again = thrown(IllegalStateException)
        again.message == 'this sandbox was closed; build a new one'

        when:
        def next = SandboxServer.builder().port(0).dataDir(data).build().start()

        then:
        next.dataDir().get() == data

        cleanup:
        running?.close()
        next?.close()
    }

    def "a server answers its address only while it runs, and runs once"() {
        given:
        def server = SandboxServer.builder().port(0).inMemory().build()

        when:
        server.port()

        then:
        def notStarted = thrown(IllegalStateException)
        notStarted.message == 'the sandbox is not started'

        when:
        server.start()
        int port = server.port()
        server.start()

        then:
        port > 0
        server.baseUri() == URI.create("http://127.0.0.1:$port/")
        server.apiBaseUri() == URI.create("http://127.0.0.1:$port/api/")
        server.loopbackOnly()
        def twice = thrown(IllegalStateException)
        twice.message == 'already started'

        when:
        server.close()
        server.close()
        server.start()

        then:
        def closed = thrown(IllegalStateException)
        closed.message == 'this sandbox was closed; build a new one'
    }

    def "an address that does not resolve is refused in one line before anything is opened"() {
        when:
        SandboxServer.builder().port(0).bind('no.such.host.invalid').dataDir(dir.resolve('data')).build().start()

        then:
        def e = thrown(SandboxException)
        e.message == 'cannot listen on no.such.host.invalid: unknown address'
        !dir.resolve('data').toFile().exists()
    }
}
