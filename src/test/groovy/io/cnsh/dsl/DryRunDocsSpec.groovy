package io.cnsh.dsl

import io.cnsh.cli.Main
import io.cnsh.testing.SandboxFixture
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

/**
 * Every example of dsl-docs run again with {@code --dry-run} (the examples {@link DslDocsSpec}
 * finds): the sandbox's request log shows that none sends a create or an update, and every example
 * that writes prints a plan instead. No run or journal is written.
 */
class DryRunDocsSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture sandbox = SandboxFixture.start(seed: 'demo')

    @Shared
    Path home = Files.createTempDirectory('cnsh-dry-docs-home')

    @Shared
    Path files = Files.createTempDirectory('cnsh-dry-docs-files')

    def cleanupSpec() {
        [home, files].each { it.toFile().deleteDir() }
    }

    def "#page: example #number sends no write under --dry-run and prints its plan"() {
        given:
        sandbox.reset()
        scriptFiles(page)

        when:
        def run = cnsh('--dry-run', '-e', example.code)

        then:
        noWrites()
        !example.code.contains('agents <') || run.code != 0 || !writes(example.code) || run.out.contains('Dry run: ')
        run.code != 4 || run.out =~ /(?m)^Dry run: .*, nothing sent\.$/
        noRuns()

        where:
        [page, number, example] << DslDocsSpec.examples().findAll { it[2].kind == 'groovy' }
    }

    def "#page: console session #number sends no write when each cnsh in it runs with --dry-run"() {
        given:
        sandbox.reset()
        Map<String, Path> scripts = scriptFiles(page)

        when:
        List<Integer> codes = session.steps.findAll { it.command.startsWith('cnsh ') }.collect { step ->
            List<String> words = DslDocsSpec.words(step.command).drop(1).collect { DslDocsSpec.file(it, scripts, files)?.toString() ?: it }
            cnsh(*(words.contains('--dry-run') ? words : ['--dry-run'] + words)).code
        }

        then:
        noWrites()
        codes.every { it in [0, 1, 2, 3, 4] }

        where:
        [page, number, session] << DslDocsSpec.examples().findAll { it[2].kind == 'console' }
    }

    private static boolean writes(String code) {
        code =~ /\b(create|update)\b/ && !(code =~ /\bcatch\b/)
    }

    private boolean noWrites() {
        sandbox.requests('agents/create').isEmpty() && sandbox.requests('agents/update').isEmpty()
    }

    private boolean noRuns() {
        Path runs = home.resolve('runs')
        !Files.exists(runs) || Files.list(runs).withCloseable { it.count() } == 0
    }

    private Map<String, Path> scriptFiles(String page) {
        DslDocsSpec.pageFiles(page, files)
    }

    private DslDocsSpec.Run cnsh(String... args) {
        def out = new StringWriter()
        def writer = new PrintWriter(out)
        def env = [CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo']
        def target = ['--base-url', sandbox.server.baseUri().toString(), '--username', 'demo']
        int code = Main.run(env, writer, writer, *(target + (args as List)))
        new DslDocsSpec.Run(code: code, out: out.toString())
    }
}
