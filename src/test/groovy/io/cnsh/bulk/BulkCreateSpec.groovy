package io.cnsh.bulk

import com.fasterxml.jackson.databind.JsonNode
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

class BulkCreateSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'none')

    def setup() {
        cnsh.reset()
    }

    def newAgents(int n) {
        cnsh.file('new.csv', 'username,name,pin,auth_level,selfserve_id\n' +
                (1..n).collect { "new${it},New Agent ${it},${580100 + it},agent,3101" }.join('\n') + '\n')
    }

    Bulk bulk(Map options = [:]) {
        Bulk.builder(cnsh.client).runs(RunStore.at(cnsh.runs)).batchSize(2)
                .updateExisting(options.updateExisting as boolean)
                .progress(options.progress ?: Progress.none())
                .build()
    }

    static List<JsonNode> events(RunResult r, String kind) {
        Journal.read(r.run().journal()).findAll { it.path('event').asText() == kind }
    }

    /** Every live agent's username, which must each be held once, mapped to its agentid. */
    Map<String, String> idsByUsername() {
        def agents = cnsh.readAll()
        assert agents*.username().unique(false).size() == agents.size()
        agents.collectEntries { [it.username(), it.get('agentid')] }
    }

    def "creates learn every new agentid by username and list them in the results CSV"() {
        given:
        def b = bulk()

        when:
        def result = b.apply(b.planCreate(newAgents(5)))
        def ids = idsByUsername()
        def results = CsvTable.read(result.run().results())

        then:
        result.exitCode() == 0
        result.count(RowStatus.CREATED) == 5
        ids.size() == 5
        results.header() == ['username', 'name', 'pin', 'auth_level', 'selfserve_id', 'status', 'agentid', 'error']
        results.rows().every { it.get('status') == 'created' && it.get('agentid') == ids[it.get('username')] }
        results.rows()*.get('pin').every { it == '****' }
        cnsh.requests('agents/create')*.records() == [2, 2, 1]
    }

    def "answers lost after the server created the agents leave no duplicates"() {
        given:
        def b = bulk()
        def plan = b.planCreate(newAgents(10))
        cnsh.faults.lostResponseRate(0.3)

        when:
        def result = b.apply(plan)

        then: 'some creates lost their answers, were looked up by username and found'
        !events(result, 'unknown').isEmpty()
        events(result, 'batch').every { it.path('resend_after_lost_answer').isMissingNode() }

        and: 'every agent exists once and was created by one request'
        result.count(RowStatus.CREATED) == 10
        idsByUsername().size() == 10
        cnsh.written('agents/create') == 10
        CsvTable.read(result.run().results()).rows().every { it.get('agentid') == idsByUsername()[it.get('username')] }
    }

    def "a create cut off before the server saw it is looked up, found missing and sent again, once"() {
        given:
        def b = bulk()
        def plan = b.planCreate(newAgents(10))
        cnsh.faults.resetRate(0.3)

        when:
        def result = b.apply(plan)

        then:
        !events(result, 'unknown').isEmpty()
        events(result, 'batch').any { it.path('resend_after_lost_answer').asInt() > 0 }
        result.count(RowStatus.CREATED) == 10
        idsByUsername().size() == 10
        cnsh.written('agents/create') == 10
    }

    def "an interrupted create run, resumed, creates the rest and nothing twice"() {
        given: 'a run stopped after two batches, whose journal then loses what followed the second batch being sent'
        def reached = new CountDownLatch(1)
        def b = bulk(progress: ResumeSpec.holdAfter(4, reached))
        def plan = b.planCreate(newAgents(10))
        RunResult first = null
        Thread worker = Thread.start { first = b.apply(plan) }
        assert reached.await(60, TimeUnit.SECONDS)
        worker.interrupt()
        worker.join(60_000)
        def lines = Files.readAllLines(first.run().journal())
        int second = lines.findIndexOf { it.contains('"event":"batch"') && it.contains('"batch":2,') }
        Files.write(first.run().journal(), lines.subList(0, second + 1).collect { it + '\n' }.join().getBytes('UTF-8'))

        when:
        def resumed = bulk().resume(first.runId())

        then:
        resumed.count(RowStatus.CREATED) == 10
        idsByUsername().size() == 10
        cnsh.written('agents/create') == 10
        CsvTable.read(resumed.run().results()).rows().every { it.get('agentid') == idsByUsername()[it.get('username')] }
    }

    def "running the same file again creates nothing"() {
        given:
        def b = bulk()
        b.apply(b.planCreate(newAgents(3)))

        when:
        def again = b.planCreate(newAgents(3))

        then:
        again.rows()*.action().every { it == RowAction.SKIP }
        again.exitCode() == 0
        cnsh.written('agents/create') == 3
    }

    def "with update-existing an existing username is updated and a new one created"() {
        given:
        def b = bulk(updateExisting: true)
        b.apply(b.planCreate(newAgents(2)))
        def file = cnsh.file('mixed.csv', 'username,name,auth_level\nnew1,New Agent 1,supervisor\nnew9,Nine,agent\n')

        when:
        def result = b.apply(b.planCreate(file))

        then:
        result.rows().values()*.status() == [RowStatus.UPDATED, RowStatus.CREATED]
        cnsh.agent(username: 'new1').auth_level == 'supervisor'
        cnsh.agent(username: 'new9').name == 'Nine'
        idsByUsername().size() == 3
    }
}
