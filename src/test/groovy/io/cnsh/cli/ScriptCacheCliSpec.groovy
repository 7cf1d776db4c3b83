package io.cnsh.cli

import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit

/**
 * The compiled-script cache as {@code cnsh run} uses it, against a loopback sandbox: in-process
 * through {@link Main#run} where only the output matters, in child processes where the process
 * does (a umask of 000, two processes filling one entry at once). A hit or a miss shows in the
 * {@code debug script cache:} line that {@code --debug} prints.
 */
class ScriptCacheCliSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture sandbox = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path dir

    Path home

    def setup() {
        sandbox.reset()
        home = dir.resolve('home')
    }

    def "cnsh run of a script it has run before loads it from \$CNSH_HOME/cache/scripts"() {
        given:
        Path script = write('admins.groovy', "println((agents < read auth_level: 'admin' >).size())\n")

        when:
        def first = cnsh('--debug', 'run', script.toString())
        def second = cnsh('--debug', 'run', script.toString())

        then:
        first.code == 0
        first.out == '2\n'
        cacheLines(first.err) == ["debug script cache: compiled admins.groovy, stored ${entry()}".toString()]
        second.code == 0
        second.out == '2\n'
        cacheLines(second.err) == ["debug script cache: hit ${entry()}".toString()]
    }

    def "without --debug the cache says nothing, and cnsh FILE uses it too"() {
        given:
        Path script = write('hello.groovy', "println 'hello'\n")

        when:
        def first = cnsh(script.toString())
        def second = cnsh('--debug', script.toString())

        then:
        first.out == 'hello\n'
        first.err == ''
        cacheLines(second.err) == ["debug script cache: hit ${entry()}".toString()]
    }

    def "#what: the same output, error line and exit code from the cache as when compiled"() {
        given:
        Path script = write(name, code)

        when:
        def compiled = cnsh('run', script.toString())
        def cached = cnsh('run', script.toString())

        then:
        compiled.code == exit
        compiled.err == err
        cached.code == compiled.code
        cached.out == compiled.out
        cached.err == compiled.err
        entries().size() == (stored ? 1 : 0)

        where:
        what                  | name          | code                                                         || exit | stored | err
        'a throw at line 3'   | 'boom.groovy' | "println 'start'\n\nthrow new IllegalStateException('boom')\n" || 1    | true   | 'cnsh: boom.groovy:3: IllegalStateException: boom\n'
        'a syntax error'      | 'bad.groovy'  | "agents < read >\ndef x = = 1\n"                             || 1    | false  | "cnsh: bad.groovy:2: Unexpected input: '='\n"
        'an unknown verb'     | 'verb.groovy' | "def a = 1\nagents < craete name: 'X' >\n"                   || 1    | true   | "cnsh: verb.groovy:2: unknown verb 'craete' — did you mean 'create'?\n"
        'exit 3'              | 'quit.groovy' | "println 'before'\nexit 3\n"                                 || 3    | true   | ''
        'a read'              | 'read.groovy' | "println((agents < read >).size())\n"                        || 0    | true   | ''
    }

    def "entries and directories are created owner-only even under umask 000"() {
        given:
        Path script = write('private.groovy', "def pin = '482913'\nprintln 'ok'\n")

        when:
        def child = child(['run', script.toString()], dir.resolve('umask'), '000')

        then:
        child.waitFor() == 0
        child.out == 'ok\n'
        perms(home) == 'rwx------'
        perms(home.resolve('cache')) == 'rwx------'
        perms(home.resolve('cache/scripts')) == 'rwx------'
        perms(entry()) == 'rw-------'
    }

    def "two processes filling the same entry at once both succeed with the right output"() {
        given:
        Path script = write('both.groovy', "println((agents < read auth_level: 'supervisor' >).size())\n")

        when:
        def one = child(['run', script.toString()], dir.resolve('one'))
        def two = child(['run', script.toString()], dir.resolve('two'))
        int codeOne = one.waitFor()
        int codeTwo = two.waitFor()
        def third = cnsh('--debug', 'run', script.toString())

        then:
        codeOne == 0
        codeTwo == 0
        one.out == '4\n'
        two.out == '4\n'
        one.err == ''
        two.err == ''
        entries().size() == 1 // and no temporary file left behind
        third.out == '4\n'
        cacheLines(third.err) == ["debug script cache: hit ${entry()}".toString()]
    }

    // --- helpers

    private Path write(String name, String text) {
        Path file = dir.resolve('scripts').resolve(name)
        Files.createDirectories(file.parent)
        Files.writeString(file, text)
        file
    }

    private List<Path> entries() {
        Path scripts = home.resolve('cache/scripts')
        Files.isDirectory(scripts) ? Files.list(scripts).withCloseable { it.toList() } : []
    }

    private Path entry() {
        List<Path> all = entries()
        assert all.size() == 1
        all[0]
    }

    private static List<String> cacheLines(String err) {
        err.readLines().findAll { it.startsWith('debug script cache:') }
    }

    private static String perms(Path p) {
        PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
    }

    private ScriptCliSpec.Result cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        List<String> all = ['--base-url', sandbox.client.baseUri().toString(), '--username', 'demo'] + (args as List)
        int code = Main.run([CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo'], new PrintWriter(out), new PrintWriter(err),
                all as String[])
        new ScriptCliSpec.Result(code, out.toString(), err.toString())
    }

    /** {@code cnsh} in a process of its own with this spec's {@code CNSH_HOME}, under {@code umask} when given. */
    private Child child(List<String> args, Path outDir, String umask = null) {
        Files.createDirectories(outDir)
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        List<String> command = ['java', '-XX:-UsePerfData', '-XX:TieredStopAtLevel=1', '-cp', cp, Main.name,
                                '--base-url', sandbox.client.baseUri().toString(), '--username', 'demo'] + args
        if (umask != null) {
            command = ['bash', '-c', "umask ${umask} && exec \"\$@\"".toString(), 'cnsh'] + command
        }
        def builder = new ProcessBuilder(command)
                .redirectOutput(outDir.resolve('out.txt').toFile()).redirectError(outDir.resolve('err.txt').toFile())
        builder.environment().keySet().removeAll(['CNSH_PROFILE', 'CNSH_BASE_URL', 'CNSH_USERNAME'])
        builder.environment().putAll([CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo', TERM: 'dumb'])
        new Child(builder.start(), outDir)
    }

    private static class Child {
        final Process process
        final Path dir

        Child(Process process, Path dir) {
            this.process = process
            this.dir = dir
        }

        int waitFor() {
            assert process.waitFor(120, TimeUnit.SECONDS): "cnsh did not end:\n${err}"
            process.exitValue()
        }

        String getOut() {
            Files.readString(dir.resolve('out.txt'))
        }

        String getErr() {
            Files.readString(dir.resolve('err.txt'))
        }
    }
}
