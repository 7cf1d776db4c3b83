package io.cnsh.cli

import io.cnsh.testing.SandboxFixture
import picocli.CommandLine
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/**
 * {@code cnsh runs revert}: on a Main with {@code revert} registered at its root (the command alone), and
 * through {@code Main.run} as users call it ({@code cnsh runs revert ID}).
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

    int runs(String... args) {
        Map<String, String> env = cnsh.environment + [CNSH_BASE_URL: cnsh.client.baseUri().toString(),
                                                      CNSH_USERNAME: 'demo', CNSH_PASSWORD: 'demo']
        Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args)
    }

    List<String> runFiles() {
        def dir = cnsh.home.resolve('runs')
        java.nio.file.Files.list(dir).withCloseable { s -> s.map { it.fileName.toString() }.sorted().toList() }
    }

    def "cnsh #where --apply sends nothing, starts and journals no run, prints the held revert as a dry-run plan, exit 4"() {
        given:
        def csv = cnsh.file('changes.csv', 'username,auth_level\ngokafor,admin\n')
        def id = io.cnsh.scripts.RevertScriptSpec.runId(cnsh.run('scripts/bulk-update.groovy', csv, '--apply'))
        def files = runFiles()
        def bytes = files.collectEntries { [it, java.nio.file.Files.readAllBytes(cnsh.home.resolve('runs').resolve(it))] }
        int writesBefore = cnsh.requests('agents/update').size() + cnsh.requests('agents/create').size()

        when:
        int code = runs(*(args.collect { it == 'ID' ? id : it }))

        then:
        code == Main.CHANGES
        cnsh.requests('agents/update').size() + cnsh.requests('agents/create').size() == writesBefore
        runFiles() == files
        files.every { java.nio.file.Files.readAllBytes(cnsh.home.resolve('runs').resolve(it)) == bytes[it] }
        cnsh.agent(username: 'gokafor').auth_level == 'admin'
        out.toString().contains("auth_level  'admin' -> 'supervisor'")
        out.toString().readLines().contains('Dry run: 0 creates, 1 agent to change (1 field), nothing sent.')
        !out.toString().contains('Applied run')
        !err.toString().contains('Started run')

        where:
        where                        | args
        '--dry-run runs revert ID'   | ['--dry-run', 'runs', 'revert', 'ID', '--apply']
        'runs revert ID --dry-run'   | ['runs', 'revert', 'ID', '--apply', '--dry-run']
    }

    def "runs revert takes --yes and --max-changes after it, as -e and run do: a cap below the revert refuses it, exit 2"() {
        given:
        def csv = cnsh.file('changes.csv', 'username,auth_level\ngokafor,admin\npraman,agent\n')
        def id = io.cnsh.scripts.RevertScriptSpec.runId(cnsh.run('scripts/bulk-update.groovy', csv, '--apply'))

        when:
        int code = runs('runs', 'revert', id, '--apply', '--yes', '--max-changes', '1')

        then:
        code == Main.USAGE
        cnsh.agent(username: 'gokafor').auth_level == 'admin'
        cnsh.agent(username: 'praman').auth_level == 'agent'
        err.toString().contains('--max-changes')
    }

    def "runs revert refuses --output: it prints no value of its own (exit 2)"() {
        expect:
        runs('runs', 'revert', 'update-20260101-000000-abcd', '-o', 'json') == Main.USAGE
        err.toString().readLines().size() == 1
        err.toString().contains('--output is for -e')
    }
}
