package io.cnsh.bulk

import com.fasterxml.jackson.databind.JsonNode
import io.cnsh.model.Agent
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

class BulkApplySpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    StringWriter progressText = new StringWriter()

    def setup() {
        cnsh.reset()
    }

    Bulk bulk(Map options = [:]) {
        Bulk.builder(cnsh.client).runs(RunStore.at(cnsh.runs)).batchSize((options.batchSize ?: 2) as int)
                .skipInvalid(options.skipInvalid as boolean)
                .progress(Progress.lines(new PrintWriter(progressText, true)))
                .build()
    }

    static List<JsonNode> events(RunResult r) {
        Journal.read(r.run().journal())
    }

    def "apply sends exactly the planned changes, in batches, and nothing for unchanged rows"() {
        given:
        def csv = cnsh.file('changes.csv', 'username,auth_level,selfserve_id\n' +
                'gokafor,admin,\npraman,admin,3101\nmbell,admin,3101\nakarimi,,3104\nsrossi,supervisor,\n')
        def plan = bulk().planUpdate(csv)
        def readsBefore = cnsh.requests('agents/read').size()

        when:
        def result = bulk().apply(plan)

        then: 'four agents changed in two requests of two; praman already matched'
        result.exitCode() == 0
        result.counts()[RowStatus.UPDATED] == 4
        result.counts()[RowStatus.UNCHANGED] == 1
        cnsh.requests('agents/update')*.records() == [2, 2]
        cnsh.written('agents/update') == 4
        cnsh.requests('agents/read').size() == readsBefore

        and: 'the live agents show the changes'
        cnsh.agent(username: 'gokafor').auth_level == 'admin'
        cnsh.agent(username: 'mbell').selfserve_id == '3101'
        cnsh.agent(username: 'akarimi').selfserve_id == '3104'
        cnsh.agent(username: 'akarimi').auth_level == 'supervisor'
        cnsh.agent(username: 'srossi').auth_level == 'supervisor'

        and: 'the journal records the plan, each batch before and after it was sent, and the end'
        def kinds = events(result)*.path('event')*.asText()
        kinds.first() == 'start'
        kinds.count('plan') == 5
        kinds.findAll { it.startsWith('batch') } == ['batch', 'batch-done', 'batch', 'batch-done']
        kinds.last() == 'end'
        events(result).last().path('status').asText() == 'complete'

        and: 'the progress lines count rows'
        progressText.toString().readLines() == progressText.toString().readLines().findAll { it.startsWith('update: ') }
        progressText.toString().contains('update: 4 rows to send')
        progressText.toString().contains('update: 2/4 rows, 0 bad')
        progressText.toString().contains('update: finished 4/4 rows, 0 bad')
    }

    def "the results CSV repeats the input columns and adds status, agentid and error"() {
        given:
        def csv = cnsh.file('changes.csv', 'username,name,"userfield"\r\ngokafor,"Okafor, Grace",\r\nnobody,X,\r\n')
        def b = bulk(skipInvalid: true)

        when:
        def result = b.apply(b.planUpdate(csv))
        def table = CsvTable.read(result.run().results())

        then:
        table.header() == ['username', 'name', 'userfield', 'status', 'agentid', 'error']
        table.rows().collect { it.cells() } == [
                [username: 'gokafor', name: 'Okafor, Grace', userfield: '', status: 'updated', agentid: '550003', error: ''],
                [username: 'nobody', name: 'X', userfield: '', status: 'invalid', agentid: '', error: "no agent has username 'nobody'"],
        ]
        result.exitCode() == 0
    }

    def "pins and passwords never reach the journal, the results CSV, the plan or the summary"() {
        given:
        def csv = cnsh.file('secrets.csv', 'username,pin,password\ngokafor,771199,Quiet-Harbour-77\nmbell,662288,Blue-Lantern-22\n')
        def b = bulk()
        def plan = b.planUpdate(csv)

        when:
        def result = b.apply(plan)
        def files = [result.run().journal(), result.run().results()].collect { Files.readString(it) }
        def shown = plan.lines() + result.lines() + progressText.toString() + plan.toString() + result.toString()

        then: 'the secrets were set'
        cnsh.agent(username: 'gokafor').pin == '771199'
        cnsh.agent(username: 'mbell').password == 'Blue-Lantern-22'

        and: 'no file or text shows a new or an old one'
        def secrets = ['771199', 'Quiet-Harbour-77', '662288', 'Blue-Lantern-22', '739204', 'Cedar!Stone88', '305817', 'Blue.Heron.5']
        secrets.every { s -> files.every { !it.contains(s) } && shown.every { !it.toString().contains(s) } }
        files[0].contains('"field":"pin","old":"****","new":"****"')
        files[1].contains('gokafor,****,****,updated,550003,')
    }

    def "a plan with problems is refused and nothing is sent"() {
        given:
        def csv = cnsh.file('changes.csv', 'username,auth_level\ngokafor,admin\njsmith,admin\n')
        def b = bulk()
        def plan = b.planUpdate(csv)

        when:
        b.apply(plan)

        then:
        def e = thrown(BulkException)
        e.message == 'changes.csv: row 3 has a problem; nothing was sent (fix them, or leave them out with --skip-invalid)'
        cnsh.requests('agents/update').isEmpty()
        !Files.exists(cnsh.runs) || Files.list(cnsh.runs).count() == 0
        cnsh.agent(username: 'gokafor').auth_level == 'supervisor'
    }

    def "a CSV with #problem is refused before any request is sent"() {
        given:
        def csv = cnsh.file('bad.csv', bytes)

        when:
        bulk().planUpdate(csv)

        then:
        def e = thrown(CsvFormatException)
        e.message.startsWith(message)
        cnsh.requests.isEmpty()

        where:
        problem              | bytes                                                                  || message
        'non-UTF-8 bytes'    | 'username,name\ngokafor,Ren\u00e9e\n'.getBytes('ISO-8859-1')           || 'bad.csv: row 2 is not UTF-8 text'
        'a duplicate header' | 'username,name,name\ngokafor,a,b\n'.getBytes('UTF-8')                  || "bad.csv: row 1: column 'name' appears twice"
        'an unknown column'  | 'username,nmae\ngokafor,x\n'.getBytes('UTF-8')                         || "bad.csv: row 1: unknown column 'nmae' (did you mean 'name'?)"
        'a broken quote'     | 'username,name\ngokafor,"Grace\n'.getBytes('UTF-8')                    || 'bad.csv: row 2: the quoted cell in column 2 is never closed'
    }

    def "a record the API refuses fails on its own row while the rest of its batch is applied"() {
        given: 'a plan made when agent 550099 existed; it is gone when the plan is applied'
        def live = cnsh.readAll() + [Agent.of(agentid: '550099', username: 'ghost', name: 'Ghost', filter: '0')]
        def table = CsvTable.parse('changes.csv', 'agentid,userfield\n550099,Moved\n550003,Moved\n550006,Moved\n'.getBytes('UTF-8'))
        def plan = Planner.plan(Plan.Kind.UPDATE, table, null, 'sha', live, new Plan.Options(false, false), false)

        when:
        def result = bulk(batchSize: 3).apply(plan)

        then:
        result.exitCode() == 3
        result.rows().values()*.status() == [RowStatus.FAILED, RowStatus.UPDATED, RowStatus.UPDATED]
        result.failures()[0].error() == 'refused by the API: Record id [550099] does not exist.'
        result.lines().contains('  row 2 failed: refused by the API: Record id [550099] does not exist.')
        cnsh.agentsWhere(userfield: 'Moved')*.username() == ['gokafor', 'mbell']
    }

    def "run ids name the kind and the time, and runs are kept owner-only"() {
        given:
        def csv = cnsh.file('changes.csv', 'username,auth_level\ngokafor,admin\n')
        def b = bulk()

        when:
        def result = b.apply(b.planUpdate(csv))

        then:
        result.runId() ==~ /update-\d{8}-\d{6}-[0-9a-f]{4}/
        b.runs().ids() == [result.runId()]
        Files.getPosixFilePermissions(cnsh.runs)*.toString().sort() == ['OWNER_EXECUTE', 'OWNER_READ', 'OWNER_WRITE']
        Files.getPosixFilePermissions(result.run().journal())*.toString().sort() == ['OWNER_READ', 'OWNER_WRITE']
        Files.getPosixFilePermissions(result.run().results())*.toString().sort() == ['OWNER_READ', 'OWNER_WRITE']
    }

    def "a drift plan is never applied"() {
        given:
        def b = bulk()
        def plan = b.planDrift(cnsh.file('desired.csv', 'username,auth_level\ngokafor,admin\n'))

        when:
        b.apply(plan)

        then:
        def e = thrown(BulkException)
        e.message == 'a drift plan only reports; apply the desired state with bulk-update'
        cnsh.requests('agents/update').isEmpty()
    }
}
