package io.cnsh.dsl

import groovy.lang.GroovyCodeSource
import io.cnsh.cli.Main
import io.cnsh.dsl.ScriptCacheKey.Toolchain
import org.codehaus.groovy.control.CompilerConfiguration
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * User code ({@code -e}, {@code run}, the shell's lines) is compiled without Spock's global AST
 * transformation, which Groovy would otherwise find on cnsh's class path and run over every
 * compile; {@code cnsh test} still compiles specifications with it. Seen in what the compiler made
 * of a class that only Spock would rewrite, in the classes a child JVM loads, and in the cache key.
 */
class UserCodeTransformsSpec extends Specification {

    /** A class Spock's transformation rewrites: its feature method becomes {@code $spock_feature_…}. */
    static final String SPEC_CLASS = '''
        class Probe extends spock.lang.Specification {
            def feature() { expect: 1 == 1 }
        }
        Probe.declaredMethods*.name.findAll { it == 'feature' || it.startsWith('$spock_feature') }.sort().join(',')
        '''.stripIndent()

    @TempDir
    Path dir

    def "a snippet (-e, the shell) and a script file are compiled without Spock's transformation"() {
        given:
        def out = new StringWriter()
        def runner = new ScriptRunner(null, new PrintWriter(out), new PrintWriter(out), [:])
        Path file = dir.resolve('probe.groovy')
        Files.writeString(file, SPEC_CLASS)

        expect: 'the feature method is left as written'
        runner.evaluate(SPEC_CLASS, '-e', runner.binding([])) == 'feature'
        runner.runFile(file, []) == 'feature'

        and: 'compiled with the transformation, as Groovy does by default, it would have been rewritten'
        new GroovyShell(new CompilerConfiguration()).evaluate(SPEC_CLASS) == '$spock_feature_0_0'
    }

    def "every DSL configuration disables it, and each gets a set of its own to change"() {
        given:
        CompilerConfiguration first = DslCompiler.configuration()
        CompilerConfiguration second = DslCompiler.builder().scriptBaseClass(CnshScript).build()

        when:
        first.disabledGlobalASTTransformations.add('some.OtherTransform')

        then:
        second.disabledGlobalASTTransformations == ['org.spockframework.compiler.SpockTransform'] as Set
        DslCompiler.DISABLED_GLOBAL_TRANSFORMS == ['org.spockframework.compiler.SpockTransform'] as Set
    }

    def "the cache key names the disabled transformations, so a script compiled with Spock's is not reused"() {
        given:
        Path script = dir.resolve('hello.groovy')
        Files.writeString(script, "println 'hello'\n")
        byte[] content = Files.readAllBytes(script)
        def source = new GroovyCodeSource(Files.readString(script), 'hello.groovy', '/groovy/script')
        List<String> log = []
        def toolchain = new Toolchain('0.1.0', 'jar 1 2026-11-30T10:00:00Z', '17', '5.0.8', 'cnsh.jar')
        def cache = new ScriptCache(dir.resolve('cache'), { Optional.of(toolchain) }, { log << it })
        CompilerConfiguration withSpock = DslCompiler.configuration().tap { disabledGlobalASTTransformations = [] as Set }

        when:
        cache.compiled(source, content, withSpock, getClass().classLoader)
        cache.compiled(source, content, DslCompiler.configuration(), getClass().classLoader)

        then:
        ScriptCacheKey.describe(DslCompiler.configuration()).get().contains('disabled [org.spockframework.compiler.SpockTransform]')
        ScriptCacheKey.describe(withSpock).get().contains('disabled []')
        log.size() == 2
        log.every { it.startsWith('script cache: compiled hello.groovy, stored ') }
        Files.list(dir.resolve('cache')).withCloseable { it.count() } == 2
    }

    def "cnsh -e in a JVM of its own loads no Spock class"() {
        when:
        Path classes = dir.resolve('classes.log')
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        def process = new ProcessBuilder('java', '-XX:-UsePerfData', '-XX:TieredStopAtLevel=1',
                "-Xlog:class+load=info:file=${classes}".toString(), '-cp', cp, Main.name, '-e', '[1, 2].sum()')
                .redirectErrorStream(true).tap { environment().put('CNSH_HOME', dir.resolve('home').toString()) }
                .start()
        String output = process.inputStream.text
        assert process.waitFor(120, TimeUnit.SECONDS)
        List<String> loaded = Files.readAllLines(classes)

        then:
        process.exitValue() == 0
        output == '3\n'
        loaded.any { it.contains('org.codehaus.groovy.control.CompilationUnit ') } // it did compile
        !loaded.any { it.contains('org.spockframework.') }
    }

    def "cnsh test still runs a specification with Spock's transformation, after user code in the same process"() {
        given:
        Path specs = Files.createDirectories(dir.resolve('specs'))
        Files.writeString(specs.resolve('SumSpec.groovy'), '''
            class SumSpec extends spock.lang.Specification {
                def "sums #a and #b"() {
                    expect:
                    [a, b].sum() == c
                    where:
                    a | b || c
                    1 | 2 || 3
                    2 | 2 || 5
                }
            }
            '''.stripIndent())
        Map env = [CNSH_HOME: dir.resolve('home').toString()]
        def out = new StringWriter()
        def err = new StringWriter()

        when:
        int snippet = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), '-e', '6 * 7')
        int test = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), 'test', specs.toString())

        then: 'the where: table made two iterations and the failing one shows the condition: Spock at work'
        snippet == 0
        test == 1
        out.toString().readLines()[0..2] == ['42', '  ok    SumSpec > sums #a and #b > sums 1 and 2',
                                              '  FAIL  SumSpec > sums #a and #b > sums 2 and 2']
        out.toString().contains('        [a, b].sum() == c\n         |  |  |     |  |\n         2  2  4     |  5\n')
        out.toString().readLines().last() == '3 tests, 2 passed, 1 failed'
        err.toString() == ''
    }
}
