package io.cnsh.scripts

import io.cnsh.bulk.Bulk
import io.cnsh.bulk.JournalRepairSpec
import io.cnsh.bulk.Progress
import io.cnsh.bulk.RunStore
import io.cnsh.cli.Main
import io.cnsh.client.Confirmer
import io.cnsh.repl.DumbShell
import io.cnsh.testing.SandboxFixture
import io.cnsh.testing.ScriptRun
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files

/**
 * The bulk scripts under {@code cnsh --dry-run run}: {@code --apply}, {@code --resume}, {@code --revert
 * --apply} and {@code --apply-plan} send no write (the sandbox's request log proves it), start no run and
 * leave {@code runs/} byte for byte as it was; the bulk plan, one dry-run line and the dry run's plan
 * are printed, and the exit code is 4 (0 when nothing would change).
 */
class BulkDryRunScriptSpec extends Specification {

    static final String UPDATE = 'scripts/bulk-update.groovy'
    static final String CREATE = 'scripts/bulk-create.groovy'
    static final String HELD = 'Dry run: no run started and nothing journaled; '

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setupSpec() {
        Files.writeString(cnsh.home.resolve('config'), """\
            [profiles.lab]
            url = "${cnsh.server.baseUri()}"
            username = "demo"
            """.stripIndent())
    }

    def setup() {
        cnsh.reset()
    }

    def changes() {
        cnsh.file('changes.csv', 'username,auth_level,pin,userfield\n' +
                'gokafor,admin,771199,Moved\nmbell,,,Moved\npraman,agent,,\n')
    }

    /** Every file under runs/ with its bytes (empty when there is no runs/ yet). */
    Map<String, List<Byte>> runsNow() {
        if (!Files.isDirectory(cnsh.runs)) {
            return [:]
        }
        Files.list(cnsh.runs).withCloseable { files ->
            files.toList().collectEntries { [(it.fileName.toString()): Files.readAllBytes(it) as List<Byte>] }
        }
    }

    int writes() {
        cnsh.requests('agents/update').size() + cnsh.requests('agents/create').size()
    }

    ScriptRun dry(String script, Object... args) {
        cnshCli(['--profile', 'lab', '--dry-run', 'run', script] + (args as List)*.toString())
    }

    ScriptRun cnshCli(List<String> args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: cnsh.home.toString(), CNSH_PASSWORD: 'demo'],
                { String q -> Confirmer.Answer.NO_TERMINAL } as Confirmer,
                new PrintWriter(out), new PrintWriter(err), args as String[])
        new ScriptRun(code, out.toString(), err.toString())
    }

    static String runId(ScriptRun run) {
        (run.err =~ /Started run ((update|create)-[0-9]{8}-[0-9]{6}-[0-9a-f]{4})/)[0][1]
    }

    def "bulk-update --apply: the plan, one dry-run line and the dry run's plan; nothing sent, no run, exit 4"() {
        given:
        def csv = changes()
        def runs = runsNow()

        when:
        def r = dry(UPDATE, csv, '--apply')

        then:
        r.exitCode == 4
        r.out.contains("Plan: 3 agents to change (5 fields), 0 unchanged.\n${HELD}3 rows held, not sent (the dry run's plan lists them).\n")
        r.out.contains("~ update agent 550003 gokafor\n")
        r.out.endsWith('Dry run: 0 creates, 3 agents to change (5 fields), nothing sent.\n')
        !r.out.contains('Applied run') && !r.err.contains('Started run')
        !r.out.contains('771199') && !r.err.contains('771199')
        writes() == 0
        runsNow() == runs
    }

    def "bulk-create --apply holds the creates: placeholders in the dry run's plan, no run, exit 4"() {
        given:
        def csv = cnsh.file('new.csv', 'username,name,pin,auth_level\ntnew,Tess New,482913,agent\nunew,Una New,583920,agent\n')

        when:
        def r = dry(CREATE, csv, '--apply')

        then:
        r.exitCode == 4
        r.out.contains("${HELD}2 rows held, not sent")
        r.out.contains('+ create tnew (Tess New)')
        r.out.endsWith('Dry run: 2 creates, 0 agents to change, nothing sent.\n')
        !r.out.contains('482913')
        writes() == 0
        runsNow().isEmpty()
    }

    def "a plan with nothing to do exits 0 and holds nothing"() {
        given:
        def csv = cnsh.file('same.csv', 'username,auth_level\ngokafor,supervisor\n')

        when:
        def r = dry(UPDATE, csv, '--apply')

        then:
        r.exitCode == 0
        r.out.contains('Nothing to apply.\n')
        r.out.endsWith('Dry run: 0 creates, 0 agents to change, nothing sent.\n')
        writes() == 0
        runsNow().isEmpty()
    }

    def "--resume of a stopped run plans the rows not done and holds them; its journal stays byte for byte"() {
        given: 'a run stopped after its first row'
        def b = Bulk.builder(cnsh.client).runs(RunStore.at(cnsh.runs)).batchSize(1).build()
        def plan = b.planUpdate(changes())
        def first = JournalRepairSpec.interrupted(1) { Progress p ->
            Bulk.builder(cnsh.client).runs(RunStore.at(cnsh.runs)).batchSize(1).progress(p).build().apply(plan)
        }
        assert first.stopped()
        def runs = runsNow()
        int before = writes()

        when:
        def r = dry(UPDATE, '--resume', first.runId())

        then:
        r.exitCode == 4
        r.out.startsWith("Resume of run ${first.runId()}: 1 row done; the other 2 planned again against the live agents\n")
        r.out.contains("${HELD}2 rows held, not sent")
        r.out.contains('~ update agent 550006 mbell\n')
        !r.out.contains('~ update agent 550003')
        r.out.endsWith('Dry run: 0 creates, 2 agents to change (2 fields), nothing sent.\n')
        writes() == before
        runsNow() == runs
    }

    def "--revert RUN --apply holds the revert: no revert CSV, no new run, the run's files unchanged"() {
        given:
        def applied = cnsh.run(UPDATE, changes(), '--apply')
        assert applied.exitCode == 0
        def id = runId(applied)
        def runs = runsNow()
        int before = writes()

        when:
        def r = dry(UPDATE, '--revert', id, '--apply')

        then:
        r.exitCode == 4
        r.out.startsWith("Revert of run ${id}: 3 applied rows\n")
        r.out.contains("${HELD}3 rows held, not sent")
        r.out.contains("~ update agent 550003 gokafor\n      auth_level  'admin' -> 'supervisor'\n")
        r.out.endsWith('Dry run: 0 creates, 3 agents to change (4 fields), nothing sent.\n')
        writes() == before
        runsNow() == runs
    }

    def "cnsh --dry-run runs revert ID --apply holds the revert too and prints the dry run's plan"() {
        given:
        def id = runId(cnsh.run(UPDATE, changes(), '--apply'))
        def runs = runsNow()
        int before = writes()

        when:
        def r = cnshCli(['--profile', 'lab', '--dry-run', 'runs', 'revert', id, '--apply'])

        then:
        r.exitCode == 4
        r.out.contains("${HELD}3 rows held, not sent")
        r.out.endsWith('Dry run: 0 creates, 3 agents to change (4 fields), nothing sent.\n')
        !r.out.contains('Applied run') && !r.err.contains('Started run')
        writes() == before
        runsNow() == runs
    }

    def "--revert RUN --save-plan under --dry-run still writes the plan and the revert CSV it names, and sends nothing"() {
        given:
        def applied = cnsh.run(UPDATE, changes(), '--apply')
        def id = runId(applied)
        def runs = runsNow()
        def saved = cnsh.home.resolve('revert-plan.json')
        int before = writes()

        when:
        def r = dry(UPDATE, '--revert', id, '--save-plan', saved)

        then:
        r.exitCode == 4
        Files.exists(saved)
        (runsNow().keySet() - runs.keySet()).every { it ==~ /revert-${id}-[0-9a-f]{4}\.csv/ }
        (runsNow().keySet() - runs.keySet()).size() == 1
        writes() == before
    }

    def "--apply-plan FILE holds exactly the saved rows; nothing sent, no run"() {
        given:
        def saved = cnsh.home.resolve('plan.json')
        assert cnsh.run(UPDATE, changes(), '--save-plan', saved).exitCode == 4
        def runs = runsNow()

        when:
        def r = dry(UPDATE, '--apply-plan', saved)

        then:
        r.exitCode == 4
        r.out.contains('Plan: 3 agents to change (5 fields), 0 unchanged.\n')
        r.out.contains("${HELD}3 rows held, not sent")
        r.out.endsWith('Dry run: 0 creates, 3 agents to change (5 fields), nothing sent.\n')
        writes() == 0
        runsNow() == runs
    }

    def "--max-changes 1 refuses two rows under --dry-run as it does without"() {
        given:
        def csv = cnsh.file('two.csv', 'username,moh\ngokafor,jazz\nmbell,jazz\n')

        when:
        def plain = cnshCli(['--profile', 'lab', '--max-changes', '1', 'run', UPDATE, csv.toString(), '--apply'])
        def held = cnshCli(['--profile', 'lab', '--max-changes', '1', '--dry-run', 'run', UPDATE, csv.toString(), '--apply'])

        then:
        plain.exitCode == 2
        held.exitCode == 2
        held.err == plain.err
        held.err.contains('past --max-changes 1')
        writes() == 0
        runsNow().isEmpty()
    }

    def "the shell with /dry-run on: a bulk apply from code starts no run either"() {
        given:
        def csv = cnsh.file('one.csv', 'username,moh\ngokafor,jazz\n')
        def shell = new DumbShell(cnsh.home, DumbShell.sandboxTarget(cnsh.server))

        when:
        shell.run('/dry-run on', "io.cnsh.bulk.Bulk.builder(cn).runs(io.cnsh.bulk.RunStore.at(java.nio.file.Path.of('${cnsh.runs}')))" +
                ".build().planOrApply(io.cnsh.bulk.Plan.Kind.UPDATE, java.nio.file.Path.of('${csv}'), null, true, { println it })")
        String screen = shell.output()

        then:
        screen.contains("${HELD}1 row held, not sent (the dry run's plan lists it).")
        screen.contains('Dry run: 0 creates, 1 agent to change (1 field), nothing sent.')
        !screen.contains('Applied run')
        writes() == 0
        runsNow().isEmpty()
    }
}
