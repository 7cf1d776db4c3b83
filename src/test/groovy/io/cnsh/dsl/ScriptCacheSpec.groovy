package io.cnsh.dsl

import groovy.lang.GroovyCodeSource
import io.cnsh.dsl.ScriptCacheKey.Toolchain
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.customizers.ImportCustomizer
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.nio.file.attribute.PosixFilePermissions
import java.time.Instant

/**
 * The compiled-script cache of {@code cnsh run}, through {@link ScriptRunner#runFile} with real files.
 * Hits and misses are seen in the lines the cache logs (cnsh prints them under {@code --debug}), the
 * entries in the cache directory; the toolchain (cnsh build, JDK, Groovy) is injected so a spec can
 * change one part of the key at a time.
 */
class ScriptCacheSpec extends Specification {

    static final Toolchain TOOLCHAIN = new Toolchain('0.1.0', 'jar 412000 2026-11-30T10:00:00Z',
            '17.0.17 17.0.17+10-Debian-1', '5.0.8', 'target/cnsh.jar')

    @TempDir
    Path dir

    List<String> log = []

    def "a script run a second time is loaded from the cache instead of compiled"() {
        given:
        Path script = write('hello.groovy', "println 'hello ' + args.join(' ')\n")

        when:
        def first = run(script, cache(), ['a', 'b'])
        def second = run(script, cache(), ['a', 'b'])

        then:
        first.out == 'hello a b\n'
        second == first
        log.size() == 2
        log[0] == "script cache: compiled hello.groovy, stored ${onlyEntry()}".toString()
        log[1] == "script cache: hit ${onlyEntry()}".toString()
    }

    def "#change makes another key: the script is compiled again"() {
        given:
        Path script = write('report.groovy', "println 'hello'\n")
        run(script, cache())

        when:
        Path changed = write(name, text)
        def r = run(changed, cache(toolchain))

        then:
        r.out == out
        log[-1].startsWith("script cache: compiled ${name}, stored ")
        entries().size() == 2

        where:
        change                     | name           | text                 | toolchain                                                                                            || out
        'one byte of the script'   | 'report.groovy' | "println 'hellp'\n" | TOOLCHAIN                                                                                            || 'hellp\n'
        'another file name'        | 'other.groovy' | "println 'hello'\n"  | TOOLCHAIN                                                                                            || 'hello\n'
        'a changed cnsh build'     | 'report.groovy' | "println 'hello'\n" | new Toolchain('0.1.0', 'jar 412000 2026-11-30T10:05:00Z', TOOLCHAIN.jdk(), '5.0.8', 'target/cnsh.jar') || 'hello\n'
        'another cnsh version'     | 'report.groovy' | "println 'hello'\n" | new Toolchain('0.2.0', TOOLCHAIN.build(), TOOLCHAIN.jdk(), '5.0.8', 'target/cnsh.jar')                 || 'hello\n'
        'a changed JDK version'    | 'report.groovy' | "println 'hello'\n" | new Toolchain('0.1.0', TOOLCHAIN.build(), '17.0.18 17.0.18+8-Debian-1', '5.0.8', 'target/cnsh.jar')  || 'hello\n'
        'another Groovy'           | 'report.groovy' | "println 'hello'\n" | new Toolchain('0.1.0', TOOLCHAIN.build(), TOOLCHAIN.jdk(), '5.0.9', 'target/cnsh.jar')                 || 'hello\n'
        'another class path'       | 'report.groovy' | "println 'hello'\n" | new Toolchain('0.1.0', TOOLCHAIN.build(), TOOLCHAIN.jdk(), '5.0.8', 'elsewhere/cnsh.jar')              || 'hello\n'
    }

    def "the script's path and time are not in the key: a copy elsewhere with the same name and bytes is a hit"() {
        given:
        Path script = write('same.groovy', "println 'same'\n")
        run(script, cache())
        Path copy = Files.createDirectories(dir.resolve('elsewhere')).resolve('same.groovy')
        Files.copy(script, copy)
        Files.setLastModifiedTime(copy, FileTime.from(Instant.parse('2020-01-01T00:00:00Z')))

        when:
        def r = run(copy, cache())

        then:
        r.out == 'same\n'
        log[-1].startsWith('script cache: hit ')
    }

    def "#what gives the same output, error, line and exit code from the cache as compiled, and as without a cache"() {
        given:
        Path script = write(name, code)

        when:
        def compiled = run(script, cache(), args)
        def cached = run(script, cache(), args)
        def uncached = run(script, null, args)

        then:
        log[1].startsWith('script cache: hit ')
        cached == compiled
        uncached == compiled
        compiled.subMap(expected.keySet()) == expected

        where:
        what                             | name             | args            | code                                                                  || expected
        'a throw at line 3'              | 'boom.groovy'    | []              | "def a = 1\n\nthrow new IllegalStateException('boom')\n"               || [failure: 'boom.groovy:3: IllegalStateException: boom', out: '']
        'a failed assert in a closure'   | 'each.groovy'    | []              | "[1, 2].each {\n    assert it < 2\n}\n"                                || [failure: 'each.groovy:2: assertion failed: assert it < 2']
        'a missing property at line 2'   | 'typo.groovy'    | []              | "def total = 1\nprintln totl\n"                                        || [failure: "typo.groovy:2: no variable or property 'totl'"]
        'exit 3 after output'            | 'quit.groovy'    | []              | "println 'before'\nexit 3\nprintln 'after'\n"                          || [exit: 3, out: 'before\n', failure: null]
        'its arguments'                  | 'params.groovy'  | ['a', '--b']    | "println args.join(',')\nargs.size()\n"                                || [out: 'a,--b\n', value: 2]
        'its own class and closures'     | 'shapes.groovy'  | []              | "class Point { int x }\nprintln([1, 2].collect { new Point(x: it).x * 2 })\nprintln this.class.name\n" || [out: '[2, 4]\nshapes\n']
        'a file without .groovy'         | 'count'          | []              | "println this.class.name\n"                                            || [out: 'count\n']
        'a bad option to parseArgs'      | 'opts.groovy'    | ['--nope']      | "class O { @picocli.CommandLine.Option(names = '--n') int n }\nparseArgs(new O())\n" || [exit: 2, err: "opts.groovy: Unknown option: '--nope'\nTry 'opts.groovy --help' for usage.\n"]
    }

    def "a script that does not compile is never stored, and says the same each time"() {
        given:
        Path script = write('bad.groovy', "agents < read >\ndef x = = 1\n")

        when:
        def first = run(script, cache())
        def second = run(script, cache())
        def uncached = run(script, null)

        then:
        first.failure.startsWith("bad.groovy:2: Unexpected input: '='")
        second == first
        uncached == first
        log.isEmpty()
        !Files.exists(cacheDir()) || entries().isEmpty()
    }

    def "a damaged entry (#damage) is ignored, compiled again and replaced"() {
        given:
        Path script = write('fix.groovy', "println 'fixed'\n")
        run(script, cache())
        Path entry = onlyEntry()
        byte[] bytes = Files.readAllBytes(entry)
        Files.write(entry, damaged(bytes, write('other.groovy', "println 'other'\n")))

        when:
        def r = run(script, cache())
        def again = run(script, cache())

        then:
        r.out == 'fixed\n'
        r.failure == null
        log[1] == "script cache: ignored a damaged entry ${entry}; compiling again".toString()
        log[2].startsWith('script cache: compiled fix.groovy, stored ')
        again.out == 'fixed\n'
        log[3] == "script cache: hit ${entry}".toString()

        where:
        damage                  | damaged
        'cut short'             | { byte[] b, Path other -> Arrays.copyOf(b, b.length.intdiv(2)) }
        'one byte changed'      | { byte[] b, Path other -> byte[] c = b.clone(); int i = c.length.intdiv(2); c[i] = (byte) (c[i] ^ 0x20); c }
        'empty'                 | { byte[] b, Path other -> new byte[0] }
        'text in its place'     | { byte[] b, Path other -> 'not a cache entry'.bytes }
        "another script's entry" | { byte[] b, Path other -> CompiledScript.compile(source(other), DslCompiler.configuration(), getClass().classLoader).encode('another key') }
    }

    def "an entry that cannot be read (a directory in its place) is compiled over, and the run goes on"() {
        given:
        Path script = write('odd.groovy', "println 'ran'\n")
        run(script, cache())
        Path entry = onlyEntry()
        Files.delete(entry)
        Files.createDirectory(entry)

        when:
        def r = run(script, cache())

        then:
        r.out == 'ran\n'
        r.failure == null
        log[1].startsWith("script cache: ignored an unreadable entry ${entry} (")
        log[2].startsWith('script cache: compiled odd.groovy, not stored (')
    }

    def "a cache that cannot be written (#why) still runs the script, compiled each time"() {
        given:
        Path script = write('plain.groovy', "println 'ran'\n")
        Path cacheDir = prepare(dir)

        when:
        def first = run(script, new ScriptCache(cacheDir, { Optional.of(TOOLCHAIN) }, { log << it }))
        def second = run(script, new ScriptCache(cacheDir, { Optional.of(TOOLCHAIN) }, { log << it }))

        then:
        first.out == 'ran\n'
        second == first
        log.size() == 2
        log.every { it.startsWith('script cache: compiled plain.groovy, not stored (') }

        where:
        why                              | prepare
        'a file where a directory goes'  | { Path d -> Files.writeString(d.resolve('home'), 'a file'); d.resolve('home/cache/scripts') }
        'under /proc'                    | { Path d -> Path.of('/proc/self/cnsh-cache/scripts') }
    }

    def "the cache's directories are created rwx------ and its entries rw-------"() {
        given:
        Path script = write('private.groovy', "def pin = '482913'\n")

        when:
        run(script, cache())

        then:
        perms(dir.resolve('home')) == 'rwx------'
        perms(dir.resolve('home/cache')) == 'rwx------'
        perms(cacheDir()) == 'rwx------'
        perms(onlyEntry()) == 'rw-------'
        Files.list(cacheDir()).count() == 1
    }

    def "a compiler configuration is keyed by what changes its output, and one with parts it cannot see into is not cached"() {
        expect:
        ScriptCacheKey.describe(config(['agents'], CnshScript)) == ScriptCacheKey.describe(config(['agents'], CnshScript))
        ScriptCacheKey.describe(config(['agents'], CnshScript)) != ScriptCacheKey.describe(config(['agents', 'campaigns'], CnshScript))
        ScriptCacheKey.describe(config(['agents'], CnshScript)) != ScriptCacheKey.describe(config(['agents'], Script))

        when:
        def withImports = config(['agents'], CnshScript)
        withImports.addCompilationCustomizers(new ImportCustomizer().addStarImports('java.time'))
        Path script = write('imports.groovy', "println 'imports'\n")
        def compiled = cache().compiled(source(script), Files.readAllBytes(script), withImports, getClass().classLoader)

        then:
        ScriptCacheKey.describe(withImports).isEmpty()
        ScriptCacheKey.describe(DslCompiler.configuration().tap { pluginFactory = null }).isEmpty()
        compiled.mainClass() == 'imports'
        log == ['script cache: not used (the compiler configuration has parts it cannot key)']
        !Files.exists(cacheDir())
    }

    def "cnsh's build is the jar's size and time, or from classes a digest of every class file's name, size and time"() {
        given:
        Path classes = Files.createDirectories(dir.resolve('classes/io/cnsh'))
        Files.writeString(classes.resolve('A.class'), 'aaaa')
        Files.writeString(classes.resolve('B.class'), 'bbbb')
        Path jar = dir.resolve('cnsh.jar')
        Files.writeString(jar, 'jar bytes')

        when:
        def before = Toolchain.buildId(dir.resolve('classes')).get()
        Files.setLastModifiedTime(classes.resolve('B.class'), FileTime.from(Instant.parse('2026-01-01T00:00:00Z')))
        def touched = Toolchain.buildId(dir.resolve('classes')).get()
        Files.writeString(classes.resolve('B.class'), 'bbbbb')
        def resized = Toolchain.buildId(dir.resolve('classes')).get()
        def jarBefore = Toolchain.buildId(jar).get()
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse('2026-01-01T00:00:00Z')))
        def jarTouched = Toolchain.buildId(jar).get()

        then:
        before.startsWith('classes ')
        [before, touched, resized].unique().size() == 3
        jarBefore.startsWith('jar 9 ')
        jarTouched == 'jar 9 2026-01-01T00:00:00Z'
        Toolchain.buildId(dir.resolve('nothing-here')).isEmpty()
        Toolchain.current().get().build().startsWith('classes ') // the specs run from target/classes
    }

    // --- helpers

    private static GroovyCodeSource source(Path script) {
        new GroovyCodeSource(Files.readString(script), script.fileName.toString(), '/groovy/script')
    }

    private static CompilerConfiguration config(List<String> resources, Class base) {
        DslCompiler.builder().resources(resources).scriptBaseClass(base).build()
    }

    private Path cacheDir() {
        dir.resolve('home/cache/scripts')
    }

    private ScriptCache cache(Toolchain toolchain = TOOLCHAIN) {
        new ScriptCache(cacheDir(), { Optional.of(toolchain) }, { log << it })
    }

    private List<Path> entries() {
        Files.list(cacheDir()).withCloseable { it.toList() }
    }

    private Path onlyEntry() {
        List<Path> all = entries()
        assert all.size() == 1
        all[0]
    }

    private static String perms(Path p) {
        PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
    }

    private Path write(String name, String text) {
        Path file = dir.resolve('scripts').resolve(name)
        Files.createDirectories(file.parent)
        Files.writeString(file, text)
        file
    }

    /** Runs the script as {@code cnsh run} does (no target) and returns what it printed, its value, failure or exit code. */
    private Map run(Path script, ScriptCache cache, List<String> args = []) {
        def out = new StringWriter()
        def err = new StringWriter()
        def runner = new ScriptRunner(null, new PrintWriter(out), new PrintWriter(err), [:], null, cache)
        Map r = [value: null, failure: null, exit: null]
        try {
            r.value = runner.runFile(script, args)
        } catch (ScriptExit e) {
            r.exit = e.code()
        } catch (DslScriptException e) {
            r.failure = e.message
        }
        r.out = out.toString()
        r.err = err.toString()
        r
    }
}
