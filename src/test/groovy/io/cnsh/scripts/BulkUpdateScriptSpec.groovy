package io.cnsh.scripts

import io.cnsh.bulk.Bulk
import io.cnsh.bulk.Progress
import io.cnsh.bulk.RunStore
import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

class BulkUpdateScriptSpec extends Specification {

    static final String SCRIPT = 'scripts/bulk-update.groovy'

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    def changes() {
        cnsh.file('changes.csv', 'username,auth_level,pin,phone\r\n' +
                'gokafor,admin,771199,\r\n' +
                'mbell,,,"+44 20 7946 0999"\r\n' +
                'praman,admin,,\r\n')
    }

    def "--help describes the script and exits 0"() {
        when:
        def run = cnsh.run(SCRIPT, '--help')

        then:
        run.exitCode == 0
        run.out.startsWith('Usage: bulk-update.groovy')
        ['--apply', '--resume=RUN_ID', '--batch-size=N', '--skip-invalid'].every { run.out.contains(it) }
    }

    def "#args is a usage error (exit 2)"() {
        when:
        def run = cnsh.run(SCRIPT, args)

        then:
        run.exitCode == 2
        run.errLines[0] == message
        cnsh.requests.isEmpty()

        where:
        args                                           || message
        []                                             || 'bulk-update.groovy: give CHANGES.csv, or --resume RUN_ID (not both)'
        ['a.csv', '--resume', 'update-x']              || 'bulk-update.groovy: give CHANGES.csv, or --resume RUN_ID (not both)'
        ['a.csv', '--batch-size', '0']                 || 'bulk-update.groovy: --batch-size must be at least 1, got 0'
        ['a.csv', '--frobnicate']                      || "bulk-update.groovy: Unknown option: '--frobnicate'"
    }

    def "the plan shows each change with secrets masked, sends nothing and exits 4"() {
        when:
        def run = cnsh.run(SCRIPT, changes())

        then:
        run.exitCode == 4
        run.outLines == [
                'Plan for changes.csv: 3 rows against 40 live agents',
                '',
                '~ row 2: agent 550003 gokafor (Grace Okafor)',
                "      auth_level  'supervisor' -> 'admin'",
                '      pin         **** -> ****',
                '~ row 3: agent 550006 mbell (Marcus Bell)',
                "      phone  '+1 202 555 0113' -> '+44 20 7946 0999'",
                '= row 4: no change',
                '',
                'Plan: 2 agents to change (3 fields), 1 unchanged.',
        ]
        cnsh.requests('agents/update').isEmpty()
        !run.out.contains('771199') && !run.out.contains('739204')
    }

    def "a plan without changes exits 0, and --apply then sends nothing"() {
        given:
        def same = cnsh.file('same.csv', 'username,auth_level\npraman,admin\n')

        expect:
        cnsh.run(SCRIPT, same).exitCode == 0

        when:
        def run = cnsh.run(SCRIPT, same, '--apply')

        then:
        run.exitCode == 0
        run.outLines.last() == 'Nothing to apply.'
        cnsh.requests('agents/update').isEmpty()
        !Files.exists(cnsh.runs)
    }

    def "--apply applies the plan, shows progress on err and leaves a journal and a results CSV without secrets"() {
        when:
        def run = cnsh.run(SCRIPT, changes(), '--apply', '--batch-size', '1')
        def id = (run.out =~ /Applied run (update-\S+): /)[0][1]
        def journal = Files.readString(cnsh.runs.resolve(id + '.jsonl'))
        def results = Files.readString(cnsh.runs.resolve(id + '.results.csv'))

        then:
        run.exitCode == 0
        run.out.contains("Applied run ${id}: 2 updated, 1 unchanged.")
        run.out.contains("Results: ${cnsh.runs.resolve(id + '.results.csv')}")
        run.errLines.size() == 6
        run.errLines[0] == "Started run ${id}; if it stops, resume it with --resume ${id}".toString()
        run.errLines[1] == "  journal ${cnsh.runs.resolve(id + '.jsonl')}, results ${cnsh.runs.resolve(id + '.results.csv')}".toString()
        run.errLines[2] == 'update: 2 rows to send'
        run.errLines[3].startsWith('update: 1/2 rows, 0 bad, ')
        run.errLines[4].startsWith('update: 2/2 rows, 0 bad, ')
        run.errLines[5].startsWith('update: finished 2/2 rows, 0 bad, in ')
        cnsh.requests('agents/update')*.records() == [1, 1]
        cnsh.agent(username: 'gokafor').pin == '771199'
        cnsh.agent(username: 'mbell').phone == '+44 20 7946 0999'

        and: 'the new and the old PIN appear nowhere'
        [run.out, run.err, journal, results].every { !it.contains('771199') && !it.contains('739204') }
        results.readLines()[1] == 'gokafor,admin,****,,updated,550003,'
    }

    def "a spreadsheet's CSV (BOM, CRLF, quoted commas, quotes and line breaks, empty cells) is applied cell for cell"() {
        given:
        def text = 'agentid,userfield,name,phone\r\n' +
                '550003,"North, 2nd floor",,\r\n' +
                '550006,"Line one\r\nline two","Marcus ""Mo"" Bell",\r\n'
        def bom = [0xEF, 0xBB, 0xBF] as byte[]
        def csv = cnsh.file('excel.csv', (new ByteArrayOutputStream().tap { write(bom); write(text.getBytes('UTF-8')) }).toByteArray())

        when:
        def run = cnsh.run(SCRIPT, csv, '--apply')

        then:
        run.exitCode == 0
        run.out.contains(': 2 updated.')
        cnsh.agent(agentid: '550003').userfield == 'North, 2nd floor'
        cnsh.agent(agentid: '550003').name == 'Grace Okafor'
        cnsh.agent(agentid: '550003').phone == '+44 20 7946 0110'
        cnsh.agent(agentid: '550006').userfield == 'Line one\nline two'
        cnsh.agent(agentid: '550006').name == 'Marcus "Mo" Bell'
        cnsh.requests('agents/update')*.records() == [2]
    }

    def "rows with problems stop the plan (exit 1) unless --skip-invalid leaves them out"() {
        given:
        def csv = cnsh.file('mixed.csv', 'username,auth_level\ngokafor,admin\njsmith,admin\nnobody,agent\n')

        when:
        def plan = cnsh.run(SCRIPT, csv, '--apply')

        then:
        plan.exitCode == 1
        plan.out.contains("! row 3: username 'jsmith' is held by 2 agents (550007, 550008); key this row by agentid instead")
        plan.out.contains("! row 4: no agent has username 'nobody'")
        cnsh.requests('agents/update').isEmpty()

        when:
        def skipped = cnsh.run(SCRIPT, csv, '--apply', '--skip-invalid')

        then:
        skipped.exitCode == 0
        skipped.out.contains(': 1 updated, 2 invalid.')
        cnsh.agent(username: 'gokafor').auth_level == 'admin'
        cnsh.written('agents/update') == 1
    }

    def "a broken CSV is one line on err, exit 1, and no request"() {
        given:
        def csv = cnsh.file('broken.csv', 'username,auth_level,auth_level\ngokafor,admin,admin\n')

        when:
        def run = cnsh.run(SCRIPT, csv)

        then:
        run.exitCode == 1
        run.errLines == ["bulk-update.groovy: broken.csv: row 1: column 'auth_level' appears twice in the header (columns 2 and 3)"]
        run.out.isEmpty()
        cnsh.requests.isEmpty()
    }

    def "--resume finishes an interrupted run and reports unknown run ids"() {
        given: 'a run interrupted after its first batch'
        def reached = new CountDownLatch(1)
        def hold = new CountDownLatch(1)
        def progress = [start : { String t, long n -> },
                        update: { long done, long bad ->
                            reached.countDown()
                            try { hold.await() } catch (InterruptedException e) { Thread.currentThread().interrupt() }
                        },
                        finish: { -> }] as Progress
        def bulk = Bulk.builder(cnsh.client).runs(RunStore.at(cnsh.runs)).batchSize(1).progress(progress).build()
        def plan = bulk.planUpdate(changes())
        def first = null
        def worker = Thread.start { first = bulk.apply(plan) }
        assert reached.await(60, TimeUnit.SECONDS)
        worker.interrupt()
        worker.join(60_000)
        assert first.stopped()

        when:
        def run = cnsh.run(SCRIPT, '--resume', first.runId())

        then:
        run.exitCode == 0
        run.out.contains("Applied run ${first.runId()}: 2 updated, 1 unchanged.")
        cnsh.written('agents/update') == 2
        cnsh.agent(username: 'mbell').phone == '+44 20 7946 0999'

        when:
        def unknown = cnsh.run(SCRIPT, '--resume', 'update-20200101-000000-abcd')

        then:
        unknown.exitCode == 1
        unknown.errLines[0].startsWith("bulk-update.groovy: no run update-20200101-000000-abcd in ${cnsh.runs}; runs there: ${first.runId()}")
    }
}
