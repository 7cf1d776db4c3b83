package io.cnsh.cli

import io.cnsh.RunNotice
import io.cnsh.testing.ScriptRun
import io.cnsh.client.Confirmer
import io.cnsh.testing.SandboxFixture
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The production guard and {@code --max-changes} as a user meets them on the command line:
 * {@code cnsh -e}, {@code cnsh run} and the bulk scripts, on profiles that point at a loopback
 * sandbox (40 demo agents, none with music on hold 'x'). The terminal is played by the spec: nobody
 * there, or a user who answers y or n.
 */
class ProductionGuardSpec extends Specification {

    static final String UPDATE_ALL = "(agents < read >).update(moh: 'x')"
    static final String LOOP_OF_30 = "(agents < read limit: 30 >).each { agents < update agentid: it.agentid, moh: 'x' > }"

    @Shared @AutoCleanup
    SandboxFixture sandbox = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path home

    /** The questions asked, and what the user at the terminal answers (null: no terminal). */
    List<String> questions = []
    List<Integer> changedWhenAsked = []
    String answer

    def setup() {
        sandbox.reset()
        Files.writeString(home.resolve('config'), """\
            [profiles.prod]
            url = "${sandbox.server.baseUri()}"
            username = "demo"
            production = true

            [profiles.lab]
            url = "${sandbox.server.baseUri()}"
            username = "demo"
            """.stripIndent())
    }

    def "a list update of 40 agents on production with no terminal is refused: exit 2, nothing sent"() {
        when:
        def r = cnsh('--profile', 'prod', '-e', UPDATE_ALL)

        then:
        r.exitCode == 2
        r.err == 'cnsh: -e:1: nothing sent: the update of 40 agents on production account prod needs a yes and' +
                ' there is no terminal to ask (give --yes or set CNSH_ASSUME_YES=1)\n'
        r.out == ''
        changed() == 0
        sandbox.requests('agents/update').isEmpty()
    }

    def "the same update is sent with #how"() {
        when:
        def r = cnsh(env, args as String[])

        then:
        r.exitCode == 0
        r.out == 'updated 40 agents\n'
        questions.isEmpty()
        changed() == 40

        where:
        how                      | env                      | args
        '--yes'                  | [:]                      | ['--profile', 'prod', '--yes', '-e', UPDATE_ALL]
        '--yes after -e'         | [:]                      | ['--profile', 'prod', '-e', UPDATE_ALL, '--yes']
        'CNSH_ASSUME_YES=1'      | [CNSH_ASSUME_YES: '1']   | ['--profile', 'prod', '-e', UPDATE_ALL]
        'CNSH_ASSUME_YES=true'   | [CNSH_ASSUME_YES: 'true'] | ['--profile', 'prod', '-e', UPDATE_ALL]
    }

    def "with a terminal the user is asked once; #typed #outcome"() {
        given:
        answer = typed

        when:
        def r = cnsh('--profile', 'prod', '-e', UPDATE_ALL)

        then:
        questions == ['update 40 agents on the production account prod? [y/N] ']
        changedWhenAsked == [0]
        r.exitCode == code
        changed() == count

        where:
        typed | outcome                    || code | count
        'y'   | 'sends the write'          || 0    | 40
        'n'   | 'refuses it, exit 2'       || 2    | 0
    }

    def "CNSH_ASSUME_YES=#value does not answer yes"() {
        when:
        def r = cnsh([CNSH_ASSUME_YES: value], '--profile', 'prod', '-e', UPDATE_ALL)

        then:
        r.exitCode == 2
        changed() == 0

        where:
        value << ['0', 'no', '']
    }

    def "a loop of 30 single updates counts as one command: asked once, at the 26th agent"() {
        given:
        answer = 'y'

        when:
        def r = cnsh('--profile', 'prod', '-e', LOOP_OF_30)

        then:
        r.exitCode == 0
        questions == ['update 26 agents on the production account prod? [y/N] ']
        changedWhenAsked == [25]
        changed() == 30
    }

    def "with no terminal, the loop stops at the 26th agent: 25 written, that write and the rest not sent, exit 2"() {
        when:
        def r = cnsh('--profile', 'prod', '-e', LOOP_OF_30)

        then:
        r.exitCode == 2
        // the 25 updates sent were journaled: their run id comes first
        RunNotice.isNotice(r.err.readLines()[0])
        r.err.readLines()[1].startsWith('cnsh: -e:1: nothing sent: the update of 1 agent on production account prod needs a yes')
        changed() == 25
        sandbox.requests('agents/update').size() == 25
    }

    def "the same agent updated twice counts once, so 40 updates of 20 agents ask nothing"() {
        when:
        def r = cnsh('--profile', 'prod', '-e',
                "2.times { (agents < read limit: 20 >).each { agents < update agentid: it.agentid, moh: 'x' > } }")

        then:
        r.exitCode == 0
        questions.isEmpty()
        changed() == 20
    }

    def "--max-changes 10 on the sandbox refuses the 11th agent, even with --yes"() {
        when:
        def r = cnsh('--profile', 'lab', '--yes', '--max-changes', '10', '-e', LOOP_OF_30)

        then:
        r.exitCode == 2
        RunNotice.normalised(r.err) == "${RunNotice.SAID}\n" +
                'cnsh: -e:1: nothing sent: the update of 1 agent would take this command to 11 agents written,' +
                ' past --max-changes 10\n'
        changed() == 10
    }

    def "--max-changes caps a list write before any of it is sent, on production with --yes too"() {
        when:
        def r = cnsh('--profile', 'prod', '--yes', '--max-changes', '39', '-e', UPDATE_ALL)

        then:
        r.exitCode == 2
        r.err.contains('nothing sent: the update of 40 agents would take this command to 40 agents written, past --max-changes 39')
        changed() == 0
    }

    def "--max-changes #n lets a write of 40 agents through"() {
        expect:
        cnsh('--profile', 'lab', '--max-changes', n, '-e', UPDATE_ALL).exitCode == 0
        changed() == 40

        where:
        n << ['40', '2147483647']
    }

    def "--max-changes 0 refuses any write, on the in-process sandbox too"() {
        when:
        def r = cnsh('--sandbox', '--max-changes', '0', '-e', "agents < update agentid: 550004, moh: 'x' >")

        then:
        r.exitCode == 2
        r.err == 'cnsh: -e:1: nothing sent: the update of 1 agent would take this command to 1 agents written,' +
                ' past --max-changes 0\n'
    }

    def "--max-changes #value is a usage error and nothing is sent"() {
        when:
        def r = cnsh('--profile', 'lab', '--max-changes', value, '-e', UPDATE_ALL)

        then:
        r.exitCode == 2
        r.err.readLines()[0] == message
        sandbox.requests.isEmpty()
        changed() == 0

        where:
        value        || message
        '-1'         || 'cnsh: --max-changes must be a whole number of 0 or more, got -1'
        '2.9'        || "cnsh: Invalid value for option '--max-changes': '2.9' is not an int"
        '4294967296' || "cnsh: Invalid value for option '--max-changes': '4294967296' is not an int"
        'ten'        || "cnsh: Invalid value for option '--max-changes': 'ten' is not an int"
        ''           || "cnsh: Invalid value for option '--max-changes': '' is not an int"
    }

    def "CNSH_ASSUME_YES=maybe is a usage error and nothing is sent"() {
        when:
        def r = cnsh([CNSH_ASSUME_YES: 'maybe'], '--profile', 'prod', '-e', UPDATE_ALL)

        then:
        r.exitCode == 2
        r.err == "cnsh: CNSH_ASSUME_YES must be 1 (answer yes) or 0, got 'maybe'\n"
        changed() == 0
    }

    def "a script that catches the refusal and goes on has its later writes refused too, and exits 2"() {
        given:
        Path script = home.resolve('stubborn.groovy')
        Files.writeString(script, '''\
            try {
                (agents < read >).update(moh: 'x')
            } catch (Exception e) {
                println "caught: ${e.message}"
            }
            try {
                agents < update agentid: 550004, moh: 'x' >
            } catch (e) {
                println 'caught again'
            }
            cn.agents().update([io.cnsh.model.Agent.of(agentid: '550005', moh: 'x')])
            '''.stripIndent())

        when:
        def r = cnsh('--profile', 'prod', 'run', script.toString())

        then:
        r.exitCode == 2
        r.out.readLines()[0].startsWith('caught: ')
        r.out.readLines()[1] == 'caught again'
        r.err == 'cnsh: stubborn.groovy:11: nothing sent: this command had a write refused already (the update of' +
                ' 40 agents on production account prod needs a yes and there is no terminal to ask (give --yes or set' +
                ' CNSH_ASSUME_YES=1))\n'
        changed() == 0
    }

    def "a script that swallows every refusal still ends with exit 2, and says why"() {
        given:
        Path script = home.resolve('quiet.groovy')
        Files.writeString(script, '''\
            try { (agents < read >).update(moh: 'x') } catch (Throwable t) { }
            'done'
            '''.stripIndent())

        when:
        def r = cnsh('--profile', 'prod', 'run', script.toString())

        then:
        r.exitCode == 2
        r.err == 'cnsh: a write was refused (nothing sent: the update of 40 agents on production account prod needs' +
                ' a yes and there is no terminal to ask (give --yes or set CNSH_ASSUME_YES=1)); exit 2\n'
        changed() == 0
    }

    def "cnsh run takes --yes and --max-changes #where the subcommand"() {
        given:
        Path script = home.resolve('all.groovy')
        Files.writeString(script, UPDATE_ALL + '\n')

        when:
        def r = cnsh(args.collect { it == 'SCRIPT' ? script.toString() : it } as String[])

        then:
        r.exitCode == code
        changed() == count

        where:
        where    | args                                                                                 || code | count
        'before' | ['--profile', 'prod', '--yes', 'run', 'SCRIPT']                                      || 0    | 40
        'after'  | ['--profile', 'prod', 'run', '--yes', 'SCRIPT']                                      || 0    | 40
        'before' | ['--profile', 'prod', '--yes', '--max-changes', '5', 'run', 'SCRIPT']                 || 2    | 0
        'after'  | ['--profile', 'prod', '--max-changes', '50', 'run', '--max-changes', '5', 'SCRIPT']  || 2    | 0
    }

    def "a bulk --apply of 40 rows on production asks once, before the first batch"() {
        given:
        answer = 'y'
        Path csv = fortyRows()

        when:
        def r = cnsh('--profile', 'prod', 'run', 'scripts/bulk-update.groovy', csv.toString(), '--apply', '--batch-size', '10')

        then:
        r.exitCode == 0
        questions == ['update 40 agents on the production account prod? [y/N] ']
        changedWhenAsked == [0]
        changed() == 40
        sandbox.requests('agents/update').size() == 4
    }

    def "a bulk --apply of 40 rows on production with no terminal sends nothing and starts no run"() {
        given:
        Path csv = fortyRows()

        when:
        def r = cnsh('--profile', 'prod', 'run', 'scripts/bulk-update.groovy', csv.toString(), '--apply')

        then:
        r.exitCode == 2
        r.out.readLines().last() == 'Plan: 40 agents to change (40 fields), 0 unchanged.'
        r.err.readLines().last() ==~ /cnsh: bulk-update\.groovy:\d+: nothing sent: the update of 40 agents on production/ +
                / account prod needs a yes and there is no terminal to ask \(give --yes or set CNSH_ASSUME_YES=1\)/
        changed() == 0
        !Files.exists(home.resolve('runs')) || Files.list(home.resolve('runs')).count() == 0
    }

    def "a bulk --apply past --max-changes is refused before the first batch, --yes or not"() {
        given:
        Path csv = fortyRows()

        when:
        def r = cnsh('--profile', 'lab', '--yes', '--max-changes', '39', 'run', 'scripts/bulk-update.groovy', csv.toString(), '--apply')

        then:
        r.exitCode == 2
        r.err.readLines().last().endsWith('nothing sent: the update of 40 agents would take this command to 40 agents' +
                ' written, past --max-changes 39')
        changed() == 0
    }

    def "--help lists --yes and --max-changes, and exit code 2 for a refused write"() {
        when:
        def r = cnsh('--help')

        then:
        r.exitCode == 0
        r.out.contains('--yes')
        r.out.contains('--max-changes=N')
        r.out.contains('a write refused by the production guard or --max-changes')
    }

    /** A CSV that sets moh to 'x' on each of the 40 demo agents. */
    private Path fortyRows() {
        StringBuilder text = new StringBuilder('agentid,moh\n')
        sandbox.readAll().each { text.append(it.agentid()).append(',x\n') }
        Path csv = home.resolve('forty.csv')
        Files.writeString(csv, text.toString())
        csv
    }

    private int changed() {
        sandbox.readAll().count { it.moh() == 'x' } as int
    }

    private ScriptRun cnsh(String... args) {
        cnsh([:], args)
    }

    private ScriptRun cnsh(Map<String, String> env, String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        Confirmer terminal = { String question ->
            if (answer == null) {
                return Confirmer.Answer.NO_TERMINAL
            }
            questions << question
            changedWhenAsked << changed()
            Confirmer.isYes(answer) ? Confirmer.Answer.YES : Confirmer.Answer.NO
        } as Confirmer
        int code = Main.run([CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo'] + env, terminal,
                new PrintWriter(out), new PrintWriter(err), args)
        new ScriptRun(code, out.toString(), err.toString())
    }
}
