package io.cnsh.cli

import io.cnsh.client.Confirmer
import io.cnsh.client.DryRun
import io.cnsh.testing.SandboxFixture
import io.cnsh.testing.ScriptRun
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * {@code cnsh --dry-run -e} and {@code cnsh --dry-run run} on a loopback sandbox (40 demo agents):
 * reads are sent, creates and updates are not (the sandbox's request log proves it), the plan is
 * printed in the bulk scripts' format with secrets masked, and the exit code is 4 or 0.
 */
class DryRunCliSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture sandbox = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path home

    List<String> questions = []

    def setup() {
        sandbox.reset()
        Files.writeString(home.resolve('config'), """\
            [profiles.prod]
            url = "${sandbox.server.baseUri()}"
            username = "demo"
            production = true
            """.stripIndent())
    }

    def "an AgentList update shows each agent's value before and after, sends no update and exits 4"() {
        when:
        def r = cnsh('--profile', 'prod', '--dry-run', '-e', "(agents < read username: 'gokafor' >).update(auth_level: 'agent')")

        then:
        r.exitCode == 4
        r.out.contains("~ update agent ${gokafor()} gokafor\n      auth_level  'supervisor' -> 'agent'\n")
        r.out.endsWith('Dry run: 0 creates, 1 agent to change (1 field), nothing sent.\n')
        noWrites()
    }

    def "an update of an agent not read before reads it itself, once, and shows before and after"() {
        given:
        long id = gokafor()
        sandbox.reset()

        when:
        def r = cnsh('--profile', 'prod', '--dry-run', '-e', "agents < update agentid: ${id}, name: 'Grace O.' >")

        then:
        r.exitCode == 4
        r.out.contains("~ update agent ${id} gokafor\n      name  'Grace Okafor' -> 'Grace O.'\n")
        sandbox.requests('agents/read').size() == 1
        noWrites()
    }

    def "a create answers with a placeholder that a later update can use; neither is sent and no secret is shown"() {
        given:
        def script = home.resolve('new.groovy')
        Files.writeString(script, '''\
            def id = agents < create username: 'tnew', name: 'Tess New', pin: '482913', password: 'Quiet!Harbour42' >
            agents < update agentid: id, auth_level: 'supervisor' >
            def found = agents < read agentid: id >
            println "placeholder ${id}, found ${found.size()}"
            '''.stripIndent())

        when:
        def r = cnsh('--profile', 'prod', '--dry-run', 'run', script.toString())

        then:
        r.exitCode == 4
        r.out.startsWith("placeholder ${DryRun.FIRST_PLACEHOLDER}, found 0\n")
        r.out.contains("+ create tnew (Tess New) as agent ${DryRun.FIRST_PLACEHOLDER} (a dry-run placeholder)\n")
        r.out.contains("      pin       ****\n")
        r.out.contains("~ update agent ${DryRun.FIRST_PLACEHOLDER} (a dry-run placeholder) tnew\n")
        r.out.endsWith('Dry run: 1 create, 1 agent to change (1 field), nothing sent.\n')
        !(r.out + r.err).contains('482913')
        !(r.out + r.err).contains('Quiet!Harbour42')
        r.err.count('reads do not see') == 1
        noWrites()
        sandbox.requests('agents/read').isEmpty()
    }

    def "an update of 40 agents on production with no terminal does not ask: the plan is printed"() {
        when:
        def r = cnsh('--profile', 'prod', '--dry-run', '-e', "(agents < read >).update(moh: 'x')")

        then:
        r.exitCode == 4
        questions.isEmpty()
        r.out.endsWith('Dry run: 0 creates, 40 agents to change (40 fields), nothing sent.\n')
        noWrites()
    }

    def "--max-changes still counts during a dry run"() {
        when:
        def r = cnsh('--profile', 'prod', '--dry-run', '--max-changes', '5', '-e', "(agents < read >).update(moh: 'x')")

        then:
        r.exitCode == 2
        r.err.contains('past --max-changes 5')
        noWrites()
    }

    def "code that only reads, or sets what is already set, exits 0 with an empty plan"() {
        when:
        def r = cnsh('--profile', 'prod', '--dry-run', '-e', code)

        then:
        r.exitCode == 0
        r.out.endsWith('Dry run: 0 creates, 0 agents to change, nothing sent.\n')
        noWrites()

        where:
        code << ["(agents < read >).size()", "(agents < read username: 'gokafor' >).update(auth_level: 'supervisor')"]
    }

    def "a dry run writes no run and no journal"() {
        when:
        cnsh('--profile', 'prod', '--dry-run', '-e', "(agents < read >).update(moh: 'x')")

        then:
        !Files.exists(home.resolve('runs')) || Files.list(home.resolve('runs')).withCloseable { it.count() } == 0
    }

    private long gokafor() {
        def r = cnsh('--profile', 'prod', '-o', 'csv', '-e', "(agents < read username: 'gokafor' >).collect { it.agentid }")
        r.out.readLines().find { it ==~ /\d+/ } as long
    }

    private boolean noWrites() {
        sandbox.requests('agents/create').isEmpty() && sandbox.requests('agents/update').isEmpty()
    }

    private ScriptRun cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        Confirmer terminal = { String question ->
            questions << question
            Confirmer.Answer.NO_TERMINAL
        } as Confirmer
        int code = Main.run([CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo'], terminal,
                new PrintWriter(out), new PrintWriter(err), args)
        new ScriptRun(code, out.toString(), err.toString())
    }
}
