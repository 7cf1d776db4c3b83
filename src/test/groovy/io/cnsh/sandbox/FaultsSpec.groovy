package io.cnsh.sandbox

import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * Injected faults, for client tests: latency, HTTP errors, resets, lost responses after a commit,
 * garbled bodies, forced token answers, and reads that ignore start or drop rows. Writes are POSTs
 * here: java.net.http repeats an idempotent GET on its own when a reused connection closes, which
 * would hide the fault.
 */
class FaultsSpec extends Specification {

    @Shared @AutoCleanup SandboxServer server = SandboxServer.builder().seed(Seed.NONE).build().start()
    @Shared LoopbackHttp http = new LoopbackHttp(server)
    @Shared String token

    def setupSpec() {
        token = http.token()
    }

    def cleanup() {
        server.faults().clear()
    }

    Reply create(String name, LoopbackHttp client = http) {
        client.post("database.php?token=$token&method=agents&action=create&format=json&raw=1", LoopbackHttp.json([[name: name]]))
    }

    int count(String name) {
        http.get("database.php?token=$token&method=agents&action=read&name=${LoopbackHttp.enc(name)}").json().get('total').intValue()
    }

    def "no fault is injected unless asked"() {
        expect:
        (1..30).every { create("Calm $it").status == 200 }
        server.faults().describe() == 'none'
    }

    def "latency delays each answer by the fixed part plus up to the jitter"() {
        given: 'the waits are recorded instead of slept'
        List<Long> waits = new CopyOnWriteArrayList<>()
        server.faults().pause({ long ms -> waits << ms } as Faults.Pause)
        server.faults().latency(Duration.ofMillis(120), Duration.ofMillis(40))

        when:
        def replies = (1..20).collect { http.get("token.php?action=validate&token=$token") }

        then: 'every request waited once, between 120 and 160 ms, not always the same'
        replies*.status.every { it == 200 }
        waits.size() == 20
        waits.every { it >= 120 && it <= 160 }
        waits.toSet().size() > 1
        server.faults().describe() == 'latency 120+40 ms'

        cleanup:
        server.faults().pause(null)
    }

    def "a request held by latency is counted while it waits, and no longer once answered"() {
        given: 'held requests wait for a latch'
        def release = new CountDownLatch(1)
        server.faults().pause({ long ms -> release.await() } as Faults.Pause)
        server.faults().latency(Duration.ofSeconds(30), Duration.ZERO)
        def conditions = new PollingConditions(timeout: 30, delay: 0.02)

        expect:
        server.faults().held() == 0

        when: 'a request is sent'
        Reply reply = null
        def caller = Thread.start { reply = http.get("token.php?action=validate&token=$token") }

        then: 'it is held'
        conditions.eventually { assert server.faults().held() == 1 }

        when: 'the wait ends'
        release.countDown()
        caller.join(30_000)

        then: 'it is answered and no longer counted'
        reply.status == 200
        server.faults().held() == 0

        cleanup:
        release.countDown()
        server.faults().pause(null)
    }

    def "the next N requests get an HTTP error page, and nothing is written"() {
        given:
        server.faults().nextHttpErrors(2, 502)

        when:
        def replies = (1..3).collect { create('Http Error') }

        then:
        replies*.status == [502, 502, 200]
        replies[0].contentType.startsWith('text/html')
        replies[0].text().contains('502 Bad Gateway')
        count('Http Error') == 1
    }

    def "an HTTP error rate picks from 500, 502 and 503"() {
        given:
        server.faults().httpErrorRate(1.0)

        when:
        def statuses = (1..30).collect { http.get("token.php?action=validate&token=$token").status }.toSet()

        then:
        statuses == [500, 502, 503].toSet()
    }

    def "a reset closes the connection before the request is handled: nothing is written"() {
        given:
        def before = count('Reset')
        server.faults().nextResets(1)

        when:
        create('Reset')

        then:
        thrown(IOException)
        count('Reset') == before
        create('Reset').status == 200
    }

    def "a lost response commits the write, then closes the connection unanswered"() {
        given:
        server.faults().nextLostResponses(1)

        when:
        create('Lost Answer')

        then:
        thrown(IOException)
        count('Lost Answer') == 1
    }

    def "a garbled body is an HTML page with status 200 in place of the API's answer"() {
        given:
        server.faults().nextGarbledBodies(1)

        when:
        def r = http.get("database.php?token=$token&method=agents&action=read")

        then:
        r.status == 200
        r.contentType.startsWith('text/html')
        r.text().startsWith('<html>')
    }

    def "forced token answers hit the next N database.php calls only: #error"() {
        given:
        force(server.faults())

        when:
        def validated = http.get("token.php?action=validate&token=$token")
        def replies = (1..3).collect { http.get("database.php?token=$token&method=agents&action=read&limit=1") }

        then:
        validated.json().get('success').booleanValue()
        replies[0].text() == expected
        replies[1].text() == expected
        replies[2].json().get('success').booleanValue()

        where:
        error           | force                                  || expected
        'Expired token' | { Faults f -> f.nextExpiredTokens(2) } || '{"success":false,"error":"Expired token","expire":-1}'
        'Unknown token' | { Faults f -> f.nextUnknownTokens(2) } || '{"success":false,"error":"Unknown token"}'
        'Invalid token' | { Faults f -> f.nextInvalidTokens(2) } || '{"success":false,"error":"Invalid token"}'
    }

    List<String> names(Reply r) {
        r.json().get('list').collect { it.get('name').asText() }
    }

    /** Creates agents named "TAG 1" to "TAG n", with TAG as userfield, so that a read can pick them out. */
    void tagged(String tag, int n) {
        def records = (1..n).collect { [name: "$tag $it" as String, userfield: tag] }
        assert http.post("database.php?token=$token&method=agents&action=create&format=json&raw=1", LoopbackHttp.json(records)).status == 200
    }

    Reply readTagged(String tag, String paging) {
        http.get("database.php?token=$token&method=agents&action=read&userfield=$tag&sort=agentid&$paging")
    }

    def "reads that ignore start answer every page from the first match, with limit and total honoured"() {
        given:
        tagged('Paged', 5)
        server.faults().ignoreStart(true)

        when:
        def second = readTagged('Paged', 'start=2&limit=2')

        then:
        second.json().get('total').intValue() == 5
        names(second) == ['Paged 1', 'Paged 2']
        server.faults().describe() == 'reads ignore start'

        when:
        server.faults().ignoreStart(false)

        then:
        names(readTagged('Paged', 'start=2&limit=2')) == ['Paged 3', 'Paged 4']
    }

    def "reads that ignore limit answer with every match from start"() {
        given:
        tagged('Unlimited', 5)
        server.faults().ignoreLimit(true)

        when:
        def r = readTagged('Unlimited', 'start=1&limit=2')

        then:
        r.json().get('total').intValue() == 5
        names(r) == ['Unlimited 2', 'Unlimited 3', 'Unlimited 4', 'Unlimited 5']
        server.faults().describe() == 'reads ignore limit'
    }

    def "the next N dropped rows are left out of read pages while total still counts them"() {
        given:
        tagged('Dropped', 5)
        server.faults().nextDroppedRows(2)

        when:
        def first = readTagged('Dropped', 'limit=3')
        def again = readTagged('Dropped', 'limit=3')

        then:
        first.json().get('total').intValue() == 5
        names(first) == ['Dropped 3']
        names(again) == ['Dropped 1', 'Dropped 2', 'Dropped 3']
        server.faults().describe() == 'none'
    }

    def "a drop rate leaves out rows drawn from the seeded random, the same rows for the same seed"() {
        given:
        tagged('Rate', 40)
        def read = {
            server.faults().seed(9).dropRowRate(0.25)
            names(readTagged('Rate', 'start=0'))
        }

        when:
        def first = read()
        def second = read()

        then:
        first == second
        first.size() in 20..39
        server.faults().describe() == 'dropped rows 25.0%'
    }

    def "rates are drawn from a seeded random: the same seed gives the same faults"() {
        given:
        def a = SandboxServer.builder().seed(Seed.NONE).faultSeed(42).build().start()
        def b = SandboxServer.builder().seed(Seed.NONE).faultSeed(42).build().start()
        [a, b].each { it.faults().httpErrorRate(0.5) }

        when:
        def run = { SandboxServer s ->
            def client = new LoopbackHttp(s)
            (1..40).collect { client.get('token.php?action=get&username=demo&password=demo').status }
        }
        def first = run(a)
        def second = run(b)

        then:
        first == second
        first.count(200) in 8..32
        a.faults().injected() == first.count { it != 200 }

        cleanup:
        a?.close()
        b?.close()
    }

    def "rates and counts are checked"() {
        when:
        server.faults().httpErrorRate(rate)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        rate || message
        1.5  || 'a rate is a share from 0 to 1, got 1.5'
        -0.1 || 'a rate is a share from 0 to 1, got -0.1'
    }
}
