package io.cnsh.cli

import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * A one-shot command starts only what it uses, seen from the classes a child JVM loads
 * ({@code -Xlog:class+load}): {@code -e} code that never touches the target starts no embedded
 * sandbox (no Jetty server, no H2, no {@code sandbox} directory), code that reads starts it as
 * before, and a base-URL target over plain HTTP starts neither the sandbox nor a TLS context (the JDK
 * still registers its security providers, TLS's among them, when the token cache derives its key).
 */
class LazyTargetSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture remote = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path dir

    def "cnsh -e 1 on a fresh CNSH_HOME prints 1 and starts no sandbox: no Jetty server, no H2, no sandbox directory"() {
        given:
        Path home = dir.resolve('home')

        when:
        def r = cnsh(home, ['-e', '1'])

        then:
        r.exit == 0
        r.out == '1\n'
        r.err == ''
        !Files.exists(home.resolve('sandbox'))
        sandboxClasses(r.classes).isEmpty()
    }

    def "cnsh -e that reads on a fresh CNSH_HOME starts the sandbox, creates its data and answers as before"() {
        given:
        Path home = dir.resolve('home')

        when:
        def r = cnsh(home, ['-e', 'agents < read limit: 1 >'])

        then:
        r.exit == 0
        r.out.contains('1 of 40 agents')
        Files.isDirectory(home.resolve('sandbox'))
        r.classes.any { it.startsWith('org.eclipse.jetty.server.Server ') }
        r.classes.any { it.startsWith('org.h2.') }
    }

    def "cnsh -e that shows the client opens the sandbox to name its address"() {
        when:
        def r = cnsh(dir.resolve('home'), ['-e', 'cn'])

        then:
        r.exit == 0
        r.out ==~ /ContactNow\[http:\/\/127\.0\.0\.1:\d+\/, user demo, json\]\n/
    }

    def "cnsh #args.last() on a base URL over plain HTTP starts no sandbox and sets up no TLS"() {
        given:
        Path home = dir.resolve('home')
        List<String> target = ['--base-url', remote.client.baseUri().toString(), '--username', 'demo']

        when:
        def r = cnsh(home, target + args)

        then:
        r.exit == 0
        r.out.contains(expected)
        sandboxClasses(r.classes).isEmpty()
        !r.classes.any { it.startsWith('sun.security.ssl.SSLContextImpl') } // the JDK's TLS set-up
        !Files.exists(home.resolve('sandbox'))

        where:
        args                                 | expected
        ['-e', 'agents < read limit: 1 >']   | '1 of 40 agents'
        ['token', 'get']                     | 'token for demo at 127.0.0.1 valid until'
    }

    /** The classes of a started sandbox: its HTTP server, its connector and its database. */
    private static List<String> sandboxClasses(List<String> classes) {
        classes.findAll {
            it.startsWith('org.h2.') || it.startsWith('org.eclipse.jetty.server.Server ')
                    || it.startsWith('org.eclipse.jetty.server.ServerConnector ')
        }
    }

    /** cnsh in a JVM of its own on the test class path, with {@code CNSH_HOME}; the names of the classes it loaded. */
    private Map cnsh(Path home, List<String> args) {
        Path log = dir.resolve("classes-${System.nanoTime()}.log")
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        def builder = new ProcessBuilder(['java', '-XX:-UsePerfData', '-XX:TieredStopAtLevel=1',
                                          "-Xlog:class+load=info:file=${log}".toString(), '-cp', cp, Main.name] + args)
        builder.environment().keySet().removeAll(['CNSH_PROFILE', 'CNSH_BASE_URL', 'CNSH_USERNAME', 'CNSH_ASSUME_YES'])
        builder.environment().putAll([CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo', TERM: 'dumb'])
        Path out = dir.resolve('out.txt')
        Path err = dir.resolve('err.txt')
        def process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start()
        assert process.waitFor(120, TimeUnit.SECONDS): "cnsh did not end:\n${Files.readString(err)}"
        List<String> classes = Files.readAllLines(log).findAll { it.contains('source:') }
                .collect { it.substring(it.indexOf('] ', it.indexOf('[class,load]')) + 2) }
        [exit: process.exitValue(), out: Files.readString(out), err: Files.readString(err), classes: classes]
    }
}
