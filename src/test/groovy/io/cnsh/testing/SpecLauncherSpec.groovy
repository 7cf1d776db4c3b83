package io.cnsh.testing

import io.cnsh.cli.Main
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** `cnsh test PATH`, run in-process through the CLI. */
class SpecLauncherSpec extends Specification {

    @TempDir
    Path dir

    Map cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: dir.resolve('home').toString()], new PrintWriter(out), new PrintWriter(err), args)
        [code: code, out: out.toString(), err: err.toString()]
    }

    static final String PASSING = '''
        import io.cnsh.testing.SandboxFixture
        import spock.lang.*

        class CountSpec extends Specification {
            @Shared @AutoCleanup SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

            def "the demo seed has forty agents"() {
                expect:
                cnsh.readAll().size() == 40
            }

            def "a recipe next to the spec is found and run"() {
                when:
                def run = cnsh.run('hello.groovy', 'world')

                then:
                run.exitCode == 0
                run.out == 'hello world\\n'
            }
        }
        '''.stripIndent()

    static final String FAILING = '''
        import spock.lang.*

        class WrongSpec extends Specification {
            def "arithmetic is not what it seems"() {
                expect:
                1 + 1 == 3
            }
        }
        '''.stripIndent()

    def "passing specs exit 0 with a line per feature and a summary"() {
        given:
        Files.writeString(dir.resolve('CountSpec.groovy'), PASSING)
        Files.writeString(dir.resolve('hello.groovy'), 'out.println "hello ${args[0]}"')

        when:
        def r = cnsh('test', dir.toString())

        then:
        r.code == 0
        r.out.readLines() == [
                '  ok    CountSpec > the demo seed has forty agents',
                '  ok    CountSpec > a recipe next to the spec is found and run',
                '',
                '2 tests, 2 passed, 0 failed',
        ]
    }

    def "a failing spec exits 1 and shows why"() {
        given:
        Files.writeString(dir.resolve('WrongSpec.groovy'), FAILING)

        when:
        def r = cnsh('test', dir.resolve('WrongSpec.groovy').toString())

        then:
        r.code == 1
        r.out.contains('  FAIL  WrongSpec > arithmetic is not what it seems')
        r.out.contains('        1 + 1 == 3')
        r.out.readLines().last() == '1 test, 0 passed, 1 failed'
    }

    def "a spec that does not compile exits 1 naming the file and line"() {
        given:
        Files.writeString(dir.resolve('BrokenSpec.groovy'), 'class BrokenSpec extends spock.lang.Specification {\n  def "x"() {\n    expect: (\n  }\n}\n')

        when:
        def r = cnsh('test', dir.toString())

        then:
        r.code == 1
        r.err.startsWith('cnsh test: BrokenSpec.groovy:')
        r.err.readLines().size() == 1
    }

    def "#what exits 2"() {
        given:
        Files.writeString(dir.resolve('notes.groovy'), 'println 1')

        when:
        def r = cnsh('test', dir.resolve(name).toString())

        then:
        r.code == 2
        r.err.startsWith(message)

        where:
        what                       | name          || message
        'a path that does not exist' | 'missing'   || 'cnsh test: no such file or directory: '
        'a directory without specs'  | ''          || 'cnsh test: no *Spec.groovy files in '
    }

    def "cnsh test --help describes the command"() {
        when:
        def r = cnsh('test', '--help')

        then:
        r.code == 0
        r.out.contains('Run Spock recipe specs (*Spec.groovy under PATH) against in-process sandboxes.')
    }
}
