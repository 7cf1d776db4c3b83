package io.cnsh.client

import feign.Request
import feign.RequestTemplate
import feign.RetryableException
import io.cnsh.model.Agent
import io.cnsh.wire.Format
import java.net.http.HttpTimeoutException
import java.time.Duration

/**
 * The client's Feign extension points on their own: the request interceptor that adds what every
 * request of the account carries, and the retryer that renews, backs off and never repeats a create
 * that may have arrived.
 */
class FeignSeamsSpec extends ClientSandboxSpec {

    static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), 0)

    def "every request names the format; database calls and validate carry the token; database calls the campaign; the token request neither"() {
        given:
        ContactNow cn = client(format: Format.XML, campaign: '12')

        when:
        long id = cn.agents().create(Agent.builder().name('Joe').username('joe').build()).key()
        cn.agents().update(Agent.builder().agentid(id).name('Joe Blogs').build())
        cn.agents().read(AgentQuery.where('username', 'joe'))
        cn.tokens().validate()

        then:
        sent('getToken').size() == 1
        sent('getToken').every { it.contains('format=xml') && !it.contains('token=') && !it.contains('campaign') }
        List<String> database = sent('writeAgents') + sent('readAgents')
        database.size() == 3
        database.every { it.contains('database.php?token=****&method=agents&action=') && it.contains('campaign=12') }
        sent('validateToken').every { it.contains('action=validate&token=****&format=xml') && !it.contains('campaign') }
        served('agents/read', 1).every { it.format() == 'xml' && it.outcome().startsWith('ok') }
    }

    def "the interceptor applied again, as Feign does before a repetition, sends one token: the current one"() {
        given:
        ContactNow cn = client(quiet: true)
        AccountParameters parameters = new AccountParameters('json', '12', 'application/json', cn.tokens(),
                new RateLimiter(0, sleeper, clock))
        RequestTemplate read = template('GET', '/database.php?method=agents&action=read&username=joe')

        when: 'the token expires between the two'
        parameters.apply(read)
        String first = AccountParameters.tokenOf(read)
        clock.advance(Duration.ofHours(13))
        parameters.apply(read)
        String second = cn.tokens().current().get().token()

        then:
        first != second
        read.queryLine() == "?token=$second&method=agents&action=read&format=json&campaign=12&username=joe"
    }

    def "the retryer never repeats a create whose answer was lost, though attempts are left"() {
        given:
        CallRetryer retryer = retryer()

        when:
        retryer.continueOrPropagate(lost(Operation.AGENTS_CREATE, new IOException('connection reset')))

        then:
        CallFailure f = thrown()
        f.cause instanceof CallRetryer.CreateOutcomeUnknown
        f.cause.message == 'agents#create failed: connection lost before the answer (IOException) (http://127.0.0.1:1)'
        sleeper.sleeps.empty
    }

    def "the retryer repeats a #what with backoff, then ends in a TransportException naming the attempts"() {
        given:
        CallRetryer retryer = retryer()
        RetryableException failure = lost(op, new HttpTimeoutException('request timed out'))

        when:
        2.times { retryer.continueOrPropagate(failure) }

        then:
        sleeper.sleeps == [Duration.ofMillis(200), Duration.ofMillis(400)]

        when:
        retryer.continueOrPropagate(failure)

        then:
        CallFailure f = thrown()
        f.cause instanceof TransportException
        f.cause.message == "${op.label()} failed: no answer within the read timeout (http://127.0.0.1:1) (after 3 attempts)"

        and: 'Feign clones the retryer per call, so the next call starts counting afresh'
        retryer.clone().continueOrPropagate(failure)
        sleeper.sleeps.size() == 3

        where:
        what     | op
        'read'   | Operation.AGENTS_READ
        'update' | Operation.AGENTS_UPDATE
    }

    def "the retryer repeats a create that could not connect, since it never reached the server"() {
        given:
        CallRetryer retryer = retryer()

        when:
        retryer.continueOrPropagate(lost(Operation.AGENTS_CREATE, new ConnectException()))

        then:
        sleeper.sleeps == [Duration.ofMillis(200)]
    }

    def "the retryer renews a refused token once, then lets the typed refusal through"() {
        given:
        ContactNow cn = client(quiet: true)
        String token = cn.tokens().token()
        CallRetryer retryer = new CallRetryer(POLICY, sleeper, new Random(7), cn.tokens(), new Redactor(), 'http://127.0.0.1:1')
        TokenRejectedException refusedAgain = new TokenRejectedException('agents#read', 'Expired token', 'refused again')
        CallFailure refused = CallFailure.tokenRefused(Operation.AGENTS_READ, token, refusedAgain,
                template('GET', '/database.php?method=agents&action=read').request())

        when:
        retryer.continueOrPropagate(refused)

        then: 'the token was asked for again, at once'
        served('token/get', 2).size() == 2
        sleeper.sleeps.empty

        when:
        retryer.continueOrPropagate(refused)

        then:
        CallFailure f = thrown()
        f.cause.is(refusedAgain)
    }

    private CallRetryer retryer() {
        new CallRetryer(POLICY, sleeper, new Random(7), null, new Redactor(), 'http://127.0.0.1:1')
    }

    /** Feign's own exception for a request whose answer never came. */
    private static RetryableException lost(Operation op, IOException cause) {
        String path = op.writes() ? "/database.php?method=agents&action=${op == Operation.AGENTS_CREATE ? 'create' : 'update'}&raw=1"
                : '/database.php?method=agents&action=read'
        Request request = template(op.writes() ? 'POST' : 'GET', path).request()
        new RetryableException(-1, 'lost', request.httpMethod(), cause, (Long) null, request)
    }

    private static RequestTemplate template(String method, String uri) {
        new RequestTemplate().method(Request.HttpMethod.valueOf(method)).uri(uri).target('http://127.0.0.1:1').resolve([:])
    }
}
