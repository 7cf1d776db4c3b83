package io.cnsh.bulk

import com.fasterxml.jackson.databind.ObjectMapper
import io.cnsh.client.ContactNow
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.util.function.Consumer

/** A resume goes to the account its run was made for, in the run's batch size; a run says where it is as it starts. */
class ResumeTargetSpec extends Specification {

    static final String SCRIPT = 'scripts/bulk-update.groovy'

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    Bulk bulk(Map options = [:]) {
        def b = Bulk.builder((options.client ?: cnsh.client) as ContactNow).runs(RunStore.at(cnsh.runs))
        if (options.batchSize) {
            b.batchSize(options.batchSize as int)
        }
        if (options.progress) {
            b.progress(options.progress as Progress)
        }
        if (options.notices != null) {
            b.notices(options.notices as Consumer<String>)
        }
        b.build()
    }

    /** An update of the twelve users of {@link ResumeSpec}, stopped after two rows sent in batches of two. */
    RunResult stoppedRun() {
        def csv = cnsh.file('moves.csv', 'username,userfield\n' + ResumeSpec.USERS.collect { "${it},Relocated" }.join('\n') + '\n')
        def plan = bulk(batchSize: 2).planUpdate(csv)
        def result = JournalRepairSpec.interrupted(2) { Progress p -> bulk(batchSize: 2, progress: p).apply(plan) }
        assert result.stopped() && cnsh.requests('agents/update')*.records() == [2]
        result
    }

    /** Rewrites the journal's start event. */
    static void editStart(RunResult run, Closure<Map> edit) {
        def json = new ObjectMapper()
        def lines = Files.readAllLines(run.run().journal())
        Map start = edit(json.readValue(lines[0], Map))
        lines[0] = json.writeValueAsString(start)
        Files.write(run.run().journal(), (lines.join('\n') + '\n').getBytes('UTF-8'))
    }

    def "--resume sends batches of the run's own size #how"() {
        given:
        def first = stoppedRun()

        when:
        def run = cnsh.run(SCRIPT, ['--resume', first.runId()] + args)

        then:
        run.exitCode == 0
        run.out.contains("Applied run ${first.runId()}: 12 updated.")
        cnsh.requests('agents/update')*.records() == [2] + sizes
        cnsh.written('agents/update') == 12

        where:
        how                               | args                    || sizes
        'when no --batch-size is given'   | []                      || [2, 2, 2, 2, 2]
        'unless --batch-size says otherwise' | ['--batch-size', '4'] || [4, 4, 2]
    }

    def "a resume refuses a run made #what, before it reads or sends anything"() {
        given:
        def first = stoppedRun()
        def requestsBefore = cnsh.requests.size()
        def other = ContactNow.builder().baseUrl(url.replace('PORT', String.valueOf(cnsh.client.baseUri().port)))
                .credentials(user, 'demo').build()

        when:
        bulk(client: other).resume(first.runId())

        then:
        def e = thrown(BulkException)
        e.message == "run ${first.runId()} was made against ${cnsh.client.baseUri()} as demo, not ${other.baseUri()} as ${user};".toString() +
                ' resume it with the target it was made for'
        cnsh.requests.size() == requestsBefore
        cnsh.written('agents/update') == 2

        cleanup:
        other?.close()

        where:
        what                                 | url                           | user
        'against another base URL'           | 'https://10.255.255.1:9443'   | 'demo'
        'as another API user'                | 'http://127.0.0.1:PORT'       | 'ops'
        'against another loopback host name' | 'http://localhost:PORT'       | 'demo'
    }

    def "a run made against a sandbox on this machine resumes when the sandbox has a new port"() {
        given: 'the in-process sandbox listens on a new port each time it starts'
        def first = stoppedRun()
        editStart(first) { Map start -> start + [target: 'http://127.0.0.1:1'] }

        when:
        def second = bulk().resume(first.runId())

        then:
        second.exitCode() == 0
        second.count(RowStatus.UPDATED) == 12
        cnsh.written('agents/update') == 12
    }

    def "a journal that does not name its account is resumed against this client, and the notices say so"() {
        given: 'a journal as an older cnsh wrote it'
        def first = stoppedRun()
        editStart(first) { Map start -> start.findAll { k, v -> !(k in ['target', 'username']) } }
        def notices = []

        when:
        def second = bulk(notices: { String line -> notices << line }).resume(first.runId())

        then:
        second.exitCode() == 0
        cnsh.written('agents/update') == 12
        notices[0] == "Run ${first.runId()}: its journal does not say which account it was made for; resuming it against ${cnsh.client.baseUri()} as demo".toString()
    }

    def "a run says its id and files before its first batch is sent, and journals its account"() {
        given:
        def csv = cnsh.file('one.csv', 'username,userfield\ngokafor,Moved\n')
        def notices = []
        def b = bulk(notices: { String line -> notices << [line, cnsh.requests('agents/update').size()] })

        when:
        def result = b.apply(b.planUpdate(csv))
        def start = Journal.read(result.run().journal())[0]

        then:
        notices == [["Started run ${result.runId()}; if it stops, resume it with --resume ${result.runId()}".toString(), 0],
                    ["  journal ${result.run().journal()}, results ${result.run().results()}".toString(), 0]]
        start.path('target').asText() == cnsh.client.baseUri().toString()
        start.path('username').asText() == 'demo'

        when:
        notices.clear()
        b.resume(result.runId())

        then:
        notices*.getAt(0) == ["Resuming run ${result.runId()}; if it stops, resume it with --resume ${result.runId()}".toString(),
                              "  journal ${result.run().journal()}, results ${result.run().results()}".toString()]
    }
}
