package io.cnsh.client

import io.cnsh.model.Agent
import io.cnsh.model.Secrets
import io.cnsh.wire.Format
import java.time.Duration

/**
 * A whole session logged at the fullest level, failures included: no log line, exception message or
 * toString() carries the API password, a token, an agent's pin or an agent's password.
 */
class SecretsSpec extends ClientSandboxSpec {

    static final String PIN = '482913'
    static final String NEW_PIN = '771105'
    static final String AGENT_PASSWORD = 'Agent-Pa55!word'
    static final String WRONG_PASSWORD = 'Wr0ng-Pa55word'

    def "in #format, a session logged in full shows requests and answers with every secret masked"() {
        given:
        ContactNow cn = client(format: format, logLevel: ContactNow.LogLevel.FULL)
        ContactNow intruder = client(format: format, password: WRONG_PASSWORD, logLevel: ContactNow.LogLevel.FULL)
        List<Object> shown = []
        List<String> tokens = []

        when:
        cn.tokens().token()
        tokens << cn.tokens().current().get().token()
        shown << cn.tokens().validate() << cn.tokens().current().get()
        Agent joe = Agent.builder().name('Joe Bloggs').username('joe').pin(PIN).password(AGENT_PASSWORD).build()
        long id = cn.agents().create(joe).key()
        shown << joe
        shown.addAll(cn.agents().read(AgentQuery.where('username', 'joe')).agents())
        shown.addAll(cn.agents().read(AgentQuery.where('pin', PIN)).agents())
        shown << cn.agents().update(Agent.builder().agentid(id).pin(NEW_PIN).build())
        shown.addAll(cn.agents().readAll(AgentQuery.all()).toList())
        server.faults().nextExpiredTokens(1)
        shown << cn.agents().read(AgentQuery.where('password', AGENT_PASSWORD))
        clock.advance(Duration.ofHours(13))
        shown << cn.agents().read(AgentQuery.where('pin', NEW_PIN))
        tokens << cn.tokens().current().get().token()
        shown << failure { intruder.agents().read(AgentQuery.all()) }
        shown << failure { cn.agents().update(Agent.builder().agentid(id).pin('12ab').build()) }
        server.faults().nextInvalidTokens(1)
        shown << failure { cn.agents().read(AgentQuery.all()) }
        cn.tokens().token()
        server.faults().nextLostResponses(1)
        shown << failure { cn.agents().create(joe.with('username', 'joe2')) }
        shown << failure { cn.agents().update(Agent.builder().agentid(999_999).pin(PIN).build()) }
        server.faults().nextHttpErrors(4, 500)
        shown << failure { cn.agents().read(AgentQuery.where('pin', NEW_PIN)) }
        tokens << cn.tokens().current().get().token()
        shown << cn << cn.tokens().current().get() << AgentQuery.where('pin', PIN).and('password', AGENT_PASSWORD)
        List<String> texts = clientLog + shown.collect { it.toString() } +
                shown.findAll { it instanceof Throwable }.collect { ((Throwable) it).message }

        then: 'the session happened and was logged'
        tokens.unique().size() == 2
        shown.count { it instanceof Throwable } == 6
        clientLog.size() > 50
        clientLog.any { it.startsWith('[ContactNowApi#getToken] ---> GET') && it.contains('password=****') }
        clientLog.any { it.startsWith('[ContactNowApi#writeAgents] ---> POST') && it.contains('token=****') }
        clientLog.any { it.contains(format == Format.JSON ? '"pin":"****"' : '<pin>****</pin>') }
        clientLog.any { it.contains(format == Format.JSON ? '"password":"****"' : '<password>****</password>') }
        clientLog.any { it.contains(format == Format.JSON ? '"token":"****"' : '<token>****</token>') }
        clientLog.any { it.contains('Joe Bloggs') }

        and: 'no secret in any of it'
        List<String> secrets = [API_PASSWORD, WRONG_PASSWORD, PIN, NEW_PIN, AGENT_PASSWORD] + tokens
        List<String> leaks = texts.findAll { text -> secrets.any { text.contains(it) || text.contains(URLEncoder.encode(it, 'UTF-8')) } }
        leaks.empty
        texts.count { it.contains(Secrets.MASK) } > 20

        where:
        format << [Format.JSON, Format.XML]
    }

    private static Throwable failure(Closure<?> action) {
        try {
            action()
        } catch (Throwable t) {
            return t
        }
        throw new AssertionError('expected a failure')
    }
}
