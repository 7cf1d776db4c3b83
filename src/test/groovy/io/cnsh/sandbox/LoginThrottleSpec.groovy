package io.cnsh.sandbox

import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicLong
import spock.lang.Specification

/**
 * token.php slows wrong passwords per caller address and never slows a correct one. The sandbox's
 * pauses move a test ticker instead of sleeping, and are recorded.
 */
class LoginThrottleSpec extends Specification {

    static final String CALLER = SandboxServer.CALLER_ADDRESS_HEADER

    AtomicLong ticker = new AtomicLong(1_000_000_000L)
    List<Duration> pauses = new CopyOnWriteArrayList<>()
    LoginThrottle throttle = new LoginThrottle(ticker::get, { Duration d ->
        pauses << d
        ticker.addAndGet(d.toNanos())
    } as LoginThrottle.Pause, 8)
    SandboxServer server = SandboxServer.builder().seed(Seed.NONE).apiUser('api-user', 'api-pass')
            .trustAddressHeader(true).loginThrottle(throttle).build().start()
    LoopbackHttp http = new LoopbackHttp(server)

    def cleanup() {
        server.close()
    }

    Reply login(String password, String address) {
        http.get("token.php?action=get&username=api-user&password=$password", [(CALLER): address])
    }

    boolean ok(Reply r) {
        r.json().get('success').asBoolean()
    }

    def "the first five wrong passwords are answered at once, then each waits twice as long as the last, up to 5 s"() {
        when:
        def answers = (1..12).collect { login('guess' + it, '10.2.0.1') }

        then:
        answers.every { it.text() == '{"success":false,"error":"Authentication failure"}' }
        pauses*.toMillis() == [250, 500, 1000, 2000, 4000, 5000, 5000]
    }

    def "a correct password after wrong ones is accepted without a pause and starts the address afresh"() {
        given:
        8.times { login('guess', '10.2.0.2') }
        pauses.clear()

        when:
        def good = login('api-pass', '10.2.0.2')
        def wrongAgain = (1..5).collect { login('guess', '10.2.0.2') }

        then:
        ok(good)
        wrongAgain.every { !ok(it) }
        pauses.empty
    }

    def "an address that guesses does not slow a correct login from another address"() {
        given:
        10.times { login('guess', '10.2.0.3') }
        pauses.clear()

        when:
        def other = login('api-pass', '10.2.0.4')
        def otherWrong = login('guess', '10.2.0.4')

        then:
        ok(other)
        !ok(otherWrong)
        pauses.empty
    }

    def "while an address waits out a failure its attempts are refused unchecked, so guessing in parallel gains nothing"() {
        given: 'six failures: the sixth earned a wait of 250 ms'
        throttle = new LoginThrottle(ticker::get, { Duration d -> pauses << d } as LoginThrottle.Pause, 8)
        server.close()
        server = SandboxServer.builder().seed(Seed.NONE).apiUser('api-user', 'api-pass')
                .trustAddressHeader(true).loginThrottle(throttle).build().start()
        http = new LoopbackHttp(server)
        6.times { login('guess', '10.2.0.5') }

        when: 'the right password comes before the wait is over, then after it'
        def early = login('api-pass', '10.2.0.5')
        ticker.addAndGet(Duration.ofMillis(250).toNanos())
        def inTime = login('api-pass', '10.2.0.5')

        then:
        !ok(early)
        ok(inTime)
        pauses*.toMillis() == [250]
    }

    def "an address is forgotten ten minutes after its last failure"() {
        given:
        8.times { login('guess', '10.2.0.6') }
        ticker.addAndGet(Duration.ofMinutes(10).plusSeconds(1).toNanos())
        pauses.clear()

        when:
        5.times { login('guess', '10.2.0.6') }

        then:
        pauses.empty
    }

    def "the delays double from 250 ms and stop at 5 s: failure #n waits #millis ms"() {
        expect:
        LoginThrottle.delay(n).toMillis() == millis

        where:
        n                 || millis
        0                 || 0
        5                 || 0
        6                 || 250
        7                 || 500
        10                || 4000
        11                || 5000
        Integer.MAX_VALUE || 5000
    }
}
