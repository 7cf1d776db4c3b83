package io.cnsh.client

import io.cnsh.sandbox.TestClock
import io.cnsh.model.Agent
import io.cnsh.sandbox.RequestLog
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import io.cnsh.testing.SandboxFixture
import io.cnsh.wire.Format
import java.util.concurrent.CopyOnWriteArrayList
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * The base of the client specs: the project's {@link SandboxFixture} (a real sandbox on a loopback
 * port, shared by the features of a spec) with a test clock and the account {@value #API_USER}, and
 * clients built per feature with a recording sleeper; each feature starts from an empty store with no
 * faults. The sandbox is lenient unless {@link #strictSandbox()} says otherwise. Clients are built
 * against it with {@link #client}, and their log lines are kept in {@link #clientLog}.
 */
abstract class ClientSandboxSpec extends Specification {

    static final String API_USER = 'cnsh-api'
    static final String API_PASSWORD = 'Api-Pa55word!'

    /** Later than any real now, so that a client on the system clock finds the sandbox's tokens still valid. */
    @Shared TestClock clock = new TestClock(java.time.Instant.parse('2030-01-01T09:00:00Z'))
    @Shared @AutoCleanup SandboxFixture sandbox = SandboxFixture.start(seed: Seed.NONE, apiUser: API_USER, apiPassword: API_PASSWORD,
            clock: clock, strict: strictSandbox())

    /**
     * Whether the sandbox is strict (a fixed-schema server, {@link SandboxServer.Builder#strict}); a
     * spec's {@code Strict} subclass says yes, so that its features run against both modes.
     */
    boolean strictSandbox() {
        false
    }

    RecordingSleeper sleeper = new RecordingSleeper()
    List<String> clientLog = new CopyOnWriteArrayList<>()

    def setup() {
        sandbox.reset()
    }

    SandboxServer getServer() {
        sandbox.server
    }

    /** Every request the sandbox answered since the feature began, in order. */
    List<RequestLog.Entry> getRequests() {
        sandbox.requests
    }

    /** A client of the sandbox that never really sleeps; options override the builder's settings. */
    ContactNow client(Map options = [:]) {
        ContactNow.Builder b = ContactNow.builder().baseUrl(server.baseUri())
                .credentials(API_USER, (String) options.get('password', API_PASSWORD))
                .format((Format) options.get('format', Format.JSON))
                .clock(clock).sleeper(sleeper).random(new Random(7))
                .retryPolicy((RetryPolicy) options.get('retryPolicy', new RetryPolicy(4, java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5), 0)))
        if (!options.quiet) {
            b.logger({ String line -> clientLog << line }, (ContactNow.LogLevel) options.get('logLevel', ContactNow.LogLevel.BASIC))
        }
        options.each { k, v ->
            switch (k) {
                case 'batchSize': b.batchSize(v as int); break
                case 'concurrency': b.concurrency(v as int); break
                case 'pageSize': b.pageSize(v as int); break
                case 'rateLimit': b.rateLimit(v as double); break
                case 'tokenCache': b.tokenCache(v); break
                case 'tokenMargin': b.tokenMargin(v); break
                case 'address': b.address(v); break
                case 'campaign': b.campaign(v); break
                case 'readTimeout': b.readTimeout(v); break
            }
        }
        b.build()
    }

    /** The request lines this test's clients sent for one operation of {@link ContactNowApi}, e.g. {@code readAgents}. */
    List<String> sent(String method) {
        clientLog.findAll { it.startsWith("[ContactNowApi#$method] --->") }
    }

    /** The sandbox's log entries for an operation such as {@code agents/read}, once every answered request is logged. */
    List<RequestLog.Entry> served(String operation, int expected) {
        new PollingConditions(timeout: 5).eventually {
            assert requests.count { it.operation() == operation } >= expected
        }
        requests.findAll { it.operation() == operation }
    }

    /** Waits until the sandbox has logged what the condition expects (it logs after answering). */
    static void eventually(Closure<?> condition) {
        new PollingConditions(timeout: 5).eventually(condition)
    }

    /** Every agent in the sandbox, read over the wire by a fresh client that logs nothing. */
    List<Agent> stored() {
        client(quiet: true).agents().read(AgentQuery.all()).agents()
    }

    static List<Agent> agents(int n, String prefix = 'agent') {
        (1..n).collect { Agent.builder().name("Agent $prefix $it").username("$prefix$it").pin(String.format('%06d', it)).build() }
    }
}
