package io.cnsh.bulk

import io.cnsh.model.Agent
import io.cnsh.model.ContactNowException
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/**
 * What the live agents say about a create whose answer was lost or refused, asked of a real sandbox
 * before anything is sent again (the runs that use it are in BulkCreateSpec).
 */
class CreateReconcilerSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'none')

    def setup() {
        cnsh.reset()
    }

    /** The planned create rows of new agents with these usernames. */
    List<PlannedRow> creates(String... usernames) {
        def csv = cnsh.file('new.csv', 'username,name,pin,auth_level,selfserve_id\n' +
                usernames.collect { "${it},Agent ${it},580101,agent,3101" }.join('\n') + '\n')
        Bulk.builder(cnsh.client).runs(RunStore.at(cnsh.runs)).build().planCreate(csv).rows()
    }

    String created(String username, Map fields = [:]) {
        Agent.Builder b = Agent.builder().username(username).name("Agent ${username}").authLevel('agent').selfserveId('3101')
        fields.each { k, v -> b.set(k as String, v as String) }
        String.valueOf(cnsh.client.agents().create(b.build()).key())
    }

    CreateReconciler reconciler(int maxCreateAttempts = 3) {
        new CreateReconciler(cnsh.client, maxCreateAttempts)
    }

    def "a create whose answer was lost and that reached the server counts as created, with its agentid"() {
        given:
        def row = creates('alee')[0]
        def id = created('alee')

        expect:
        reconciler().afterLostAnswer(row, lost) == new CreateReconciler.Created(id, null)

        where:
        lost << [0, 2]
    }

    def "a create not on the server whose answer was lost #times of #max allowed times: #outcome"() {
        given:
        def row = creates('alee')[0]

        expect:
        reconciler(max).afterLostAnswer(row, lost) == outcome

        where:
        max | lost || outcome
        3   | 0    || new CreateReconciler.SendAgain(1)
        3   | 1    || new CreateReconciler.SendAgain(2)
        3   | 2    || new CreateReconciler.Failed('the answer to its create was lost 3 times and the agent does not exist; it was not sent again')
        1   | 0    || new CreateReconciler.Failed('the answer to its create was lost 1 times and the agent does not exist; it was not sent again')
        times = lost + 1
    }

    def "a deleted agent holding the username does not count as the create, another username neither"() {
        given:
        def row = creates('alee')[0]
        created('alee', [filter: '999'])
        created('alee2')

        expect:
        reconciler().afterLostAnswer(row, 0) == new CreateReconciler.SendAgain(1)
    }

    def "when several live agents hold the username the create counts as created, without an agentid, and the note names them"() {
        given:
        def row = creates('alee')[0]
        def first = created('alee')
        def second = created('alee')

        expect:
        reconciler().afterLostAnswer(row, 0) == new CreateReconciler.Created(null, "2 agents hold this username now (${first}, ${second})")
    }

    def "a lookup that fails is thrown after a lost answer, so nothing is decided and nothing is resent"() {
        given:
        def row = creates('alee')[0]
        cnsh.faults.httpErrorRate(1.0, 500)

        when:
        reconciler().afterLostAnswer(row, 0)

        then:
        thrown(ContactNowException)
        cnsh.requests('agents/create').isEmpty()
    }

    def "a refused create counts as created when the username is there after all, and fails with the refusal when it is not"() {
        given:
        def rows = creates('alee', 'bkhan')
        def id = created('alee')

        expect:
        reconciler().afterRefusal(rows[0], 'refused by the API: no') == new CreateReconciler.Created(id, null)
        reconciler().afterRefusal(rows[1], 'refused by the API: no') == new CreateReconciler.Failed('refused by the API: no')
    }

    def "a refused create whose lookup fails ends with the refusal"() {
        given:
        def row = creates('alee')[0]
        created('alee')
        cnsh.faults.httpErrorRate(1.0, 500)

        expect:
        reconciler().afterRefusal(row, 'refused by the API: no') == new CreateReconciler.Failed('refused by the API: no')
    }

    def "the agentids of created rows come from one read of all agents, for the rows whose username is there"() {
        given:
        def rows = creates('alee', 'bkhan', 'cdiaz')
        def alee = created('alee')
        def cdiaz = created('cdiaz')
        int readsBefore = cnsh.requests('agents/read').size()

        when:
        def found = reconciler().agentids(rows)

        then:
        found == [(rows[0].row()): new CreateReconciler.Created(alee, null), (rows[2].row()): new CreateReconciler.Created(cdiaz, null)]
        cnsh.requests('agents/read').size() == readsBefore + 1
    }

    def "no rows, no read; a read that fails finds nothing"() {
        given:
        def rows = creates('alee')
        created('alee')
        int readsBefore = cnsh.requests('agents/read').size()

        expect:
        reconciler().agentids([]) == [:]
        cnsh.requests('agents/read').size() == readsBefore

        when:
        cnsh.faults.httpErrorRate(1.0, 500)

        then:
        reconciler().agentids(rows) == [:]
    }
}
