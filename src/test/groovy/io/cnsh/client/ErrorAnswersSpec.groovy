package io.cnsh.client

import io.cnsh.model.Agent
import io.cnsh.sandbox.RequestLog
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import io.cnsh.wire.Format
import java.util.concurrent.CopyOnWriteArrayList
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/**
 * The API's {@code success:false} answers are handled the same whatever HTTP status and content type
 * carry them: the sources leave both open, and the sandbox can answer either way.
 */
class ErrorAnswersSpec extends Specification {

    static final String USER = 'cnsh-api'
    static final String PASSWORD = 'Api-Pa55word!'

    @Shared List<String> log = new CopyOnWriteArrayList<>()
    @Shared @AutoCleanup SandboxServer plain = sandbox(200, false)
    @Shared @AutoCleanup SandboxServer strict = sandbox(401, true)

    private SandboxServer sandbox(int errorStatus, boolean html) {
        SandboxServer.builder().port(0).inMemory().seed(Seed.NONE).apiUser(USER, PASSWORD)
                .errorStatus(errorStatus).htmlContentType(html)
                .requestLog(RequestLog.lines { log << it }).build().start()
    }

    private ContactNow client(SandboxServer server, Format format, String password = PASSWORD) {
        ContactNow.builder().baseUrl(server.baseUri()).credentials(USER, password).format(format)
                .sleeper({ throw new AssertionError("no retry expected, asked to wait $it") } as Sleeper).build()
    }

    def setup() {
        [plain, strict]*.reset(Seed.NONE)
        [plain, strict]*.faults()*.clear()
    }

    def "with failures answered HTTP #status in #format, an expired token is still repaired"() {
        given:
        SandboxServer server = status == 200 ? plain : strict
        ContactNow cn = client(server, format)
        cn.agents().create(Agent.builder().name('Joe').username('joe').build())
        server.faults().nextExpiredTokens(1)

        expect:
        cn.agents().read(AgentQuery.all()).agents()*.username() == ['joe']

        where:
        status | format
        200    | Format.JSON
        401    | Format.JSON
        401    | Format.XML
    }

    def "with failures answered HTTP #status in #format, a wrong password is an AuthenticationException"() {
        when:
        client(status == 200 ? plain : strict, format, 'Wr0ng-Pa55word').tokens().token()

        then:
        AuthenticationException e = thrown()
        e.apiError() == 'Authentication failure'

        where:
        status | format
        200    | Format.XML
        401    | Format.JSON
        401    | Format.XML
    }

    def "with failures answered HTTP #status, an argument the API refuses is an ApiException with its text"() {
        when:
        client(status == 200 ? plain : strict, Format.JSON).agents().read(AgentQuery.all().sort('shoe_size'))

        then:
        ApiException e = thrown()
        e.class == ApiException
        e.operation() == 'agents#read'
        e.apiError() == 'Bad argument: sort'
        e.message == 'agents#read: the API answered "Bad argument: sort"'

        where:
        status << [200, 401]
    }
}
