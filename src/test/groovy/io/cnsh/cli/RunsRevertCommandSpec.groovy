package io.cnsh.cli

import io.cnsh.testing.SandboxFixture
import picocli.CommandLine
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/**
 * {@code revert} as it will sit under {@code cnsh runs}: registered here on a Main of its own, since
 * the {@code runs} command is registered elsewhere.
 */
class RunsRevertCommandSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    StringWriter out = new StringWriter()
    StringWriter err = new StringWriter()

    def setup() {
        cnsh.reset()
    }

    int revert(String... args) {
        Map<String, String> env = cnsh.environment + [CNSH_BASE_URL: cnsh.client.baseUri().toString(),
                                                      CNSH_USERNAME: 'demo', CNSH_PASSWORD: 'demo']
        Main main = new Main(env, DevTtyConfirmer.INSTANCE)
        CommandLine cli = new CommandLine(main)
        cli.addSubcommand(new RunsRevertCommand())
        cli.setOut(new PrintWriter(out, true))
        cli.setErr(new PrintWriter(err, true))
        cli.execute((['revert'] + args.toList()) as String[])
    }

    def "revert ID plans, and with --apply takes back, what a bulk run applied, like --revert"() {
        given:
        def csv = cnsh.file('changes.csv', 'username,auth_level\ngokafor,admin\n')
        def run = cnsh.run('scripts/bulk-update.groovy', csv, '--apply')
        def id = io.cnsh.scripts.RevertScriptSpec.runId(run)

        expect:
        revert(id) == Main.CHANGES
        out.toString().contains("auth_level  'admin' -> 'supervisor'")
        cnsh.agent(username: 'gokafor').auth_level == 'admin'

        when:
        int code = revert(id, '--apply')

        then:
        code == Main.OK
        cnsh.agent(username: 'gokafor').auth_level == 'supervisor'
        err.toString().contains('Started run update-')
    }

    def "a changed row is a conflict (exit 3 on apply) unless --force; an unknown run is one line, exit 1"() {
        given:
        def csv = cnsh.file('changes.csv', 'username,auth_level\ngokafor,admin\npraman,agent\n')
        def id = io.cnsh.scripts.RevertScriptSpec.runId(cnsh.run('scripts/bulk-update.groovy', csv, '--apply'))
        cnsh.eval("agents < update agentid: 550003, auth_level: 'agent' >")

        expect:
        revert(id, '--apply') == Main.PARTIAL
        cnsh.agent(username: 'gokafor').auth_level == 'agent'
        cnsh.agent(username: 'praman').auth_level == 'admin'
        revert(id, '--apply', '--force') == Main.OK
        cnsh.agent(username: 'gokafor').auth_level == 'supervisor'

        when:
        err.buffer.setLength(0)
        int code = revert('update-20260101-000000-abcd')

        then:
        code == Main.ERROR
        err.toString().readLines().size() == 1
        err.toString().startsWith('cnsh: no run update-20260101-000000-abcd in ')
    }
}
