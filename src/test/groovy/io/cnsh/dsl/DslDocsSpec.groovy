package io.cnsh.dsl

import groovy.transform.Generated
import io.cnsh.cli.Main
import io.cnsh.model.AgentField
import io.cnsh.sandbox.SandboxServer
import io.cnsh.sandbox.Seed
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

/**
 * Keeps dsl-docs/ honest: runs every example of its pages (all but syntax.md, which
 * {@link DslSyntaxDocsSpec} covers) through the real command line against an in-process sandbox
 * reset to the demo agents before each example, compares the output each page shows, and fails
 * when a public DSL method has no executed example. The conventions are those of the "How the
 * examples are checked" section of dsl-docs/README.md:
 *
 * <ul>
 * <li>a {@code groovy} block is run as {@code cnsh -e}; when a {@code text} block follows it, that
 *     block is exactly what cnsh prints (output and errors), otherwise the example must succeed;</li>
 * <li>a block whose fence reads {@code LANG file=NAME} (a {@code groovy} script, a {@code csv}
 *     input) is a file called NAME, used by the page's {@code console} blocks;</li>
 * <li>a {@code groovy stored=PATH} block shows a file kept at PATH in the repository; the spec
 *     that owns the file checks the page shows it as stored and runs it;</li>
 * <li>a {@code console} block is a session: each {@code $ cnsh …} line runs cnsh, the lines up to
 *     the next {@code $} are its output, and {@code $ echo $?} shows the exit code of the command
 *     before it; {@code $ cp A B} copies one of the page's files over another. The sandbox, the
 *     home directory and the files are reset once per session. A word naming a page's file, or any
 *     {@code .csv} or {@code .json} file, names it in the session's directory, shown as the current
 *     one.</li>
 * <li>a run id in shown output ({@code update-}, {@code create-} or {@code code-} and
 *     {@code YYYYMMDD-HHMMSS-xxxx}, also inside a file name) stands for the id cnsh prints there:
 *     {@link ShownIds} binds it on its first match, then holds it to that id and puts that id in
 *     later commands; the home directory is shown as {@code ~/.cnsh} and the sandbox's base URL as
 *     {@link #SANDBOX};</li>
 * <li>what depends on the clock is not compared: instants, and the rate, ETA and duration of a bulk
 *     apply's progress lines ({@link #timed}). Everything else compares exactly.</li>
 * </ul>
 */
class DslDocsSpec extends Specification {

    static final File DOCS = new File('dsl-docs')
    /** The sandbox's base URL as the pages show it. */
    static final String SANDBOX = 'http://127.0.0.1:18080/'

    /** The line cnsh prints on stderr when a command sends its first write: a notice, not an error. */
    static final String NOTICE = /^cnsh: writes journaled as run code-/

    static final List<String> PAGES = ['README.md', 'agents.md', 'results.md', 'scripts.md', 'recipes.md', 'dry-runs.md', 'reverts.md']

    /**
     * Public members that are not things users call, with the reason. Everything else public in the
     * DSL classes must appear in an executed example.
     */
    static final Map<String, String> NOT_DSL = [
        'AgentsContext.methodMissing' : 'Groovy hook that reports unknown verbs',
        'AgentsContext.propertyMissing': 'Groovy hook that lets `agents.read` mean `agents.read()`',
        'AgentsContext.print'         : 'hands print inside a block back to the script',
        'AgentsContext.println'       : 'hands println inside a block back to the script',
        'AgentsContext.printf'        : 'hands printf inside a block back to the script',
        'AgentsContext.updateAll'     : 'the hook AgentList.update goes through, for shells to wrap',
        'AgentsContext.toString'      : 'Object plumbing',
        'AgentList.get'               : 'List plumbing; users index with list[0]',
        'AgentList.toString'          : 'Object plumbing',
    ]

    @Shared
    @AutoCleanup
    SandboxServer server = SandboxServer.builder().port(0).inMemory().seed(Seed.DEMO).apiUser('demo', 'demo').build().start()

    @Shared
    Path home = Files.createTempDirectory('cnsh-docs-home')

    @Shared
    Path files = Files.createTempDirectory('cnsh-docs-files')

    def cleanupSpec() {
        [home, files].each { it.toFile().deleteDir() }
    }

    def "#page: example #number shows what cnsh prints"() {
        given:
        server.reset(Seed.DEMO)
        scriptFiles(page)

        when:
        def run = cnsh('-e', example.code)

        then: 'an example whose output shows an error fails; every other one, the run id notice included, succeeds'
        (run.code != 0) == (example.output != null && example.output.readLines().any { it.startsWith('cnsh: ') && !(it =~ NOTICE) })
        example.output == null || shows(new ShownIds(), example.output, run.out)

        where:
        [page, number, example] << examples().findAll { it[2].kind == 'groovy' }
    }

    def "#page: console session #number shows what cnsh prints"() {
        given:
        server.reset(Seed.DEMO)
        Map<String, Path> scripts = scriptFiles(page)

        def ids = new ShownIds()

        expect:
        session.steps.each { Step step ->
            assert shows(ids, step.output, replay(ids.command(step.command), scripts))
        }

        where:
        [page, number, session] << examples().findAll { it[2].kind == 'console' }
    }

    def "#page: script #name compiles with the production configuration"() {
        expect:
        new GroovyShell(DslCompiler.builder().scriptBaseClass(CnshScript).build()).parse(example.code, name)

        where:
        [page, name, example] << examples().findAll { it[2].kind == 'file' && it[2].lang == 'groovy' }.collect { [it[0], it[2].file, it[2]] }
    }

    def "every script and input file of a page is used by one of its console sessions"() {
        expect:
        examples().findAll { it[2].kind == 'file' }.each { page, number, Example file ->
            assert examples().any { it[0] == page && it[2].kind == 'console' && it[2].steps.any { Step s -> s.command.contains(file.file) } }
        }
    }

    def "every public DSL method has an executed example"() {
        given:
        String code = code()

        expect:
        members().each { String member, String pattern ->
            assert code =~ pattern, "${member} has no example in dsl-docs"
        }
        members().keySet().containsAll(['AgentsContext.create', 'AgentsContext.read', 'AgentsContext.update',
                                        'AgentsContext.call', 'AgentsContext.reveal', 'AgentList.where',
                                        'AgentList.total', 'CnshScript.parseArgs', 'CnshScript.exit'])
    }

    def "the method check notices a public method that no example uses"() {
        given:
        String code = code()

        when:
        def probe = members([UndocumentedProbe])

        then: 'its public method and property count, its private method and generated plumbing do not'
        probe.keySet() == ['UndocumentedProbe.frobnicate', 'UndocumentedProbe.colour'] as Set
        !(code =~ probe['UndocumentedProbe.frobnicate'])
        !(code =~ probe['UndocumentedProbe.colour'])
    }

    def "the field table of agents.md lists every documented field with its rule and the values seen"() {
        given:
        def rows = (new File(DOCS, 'agents.md').text =~ /(?m)^\| `([a-z_]+)` \| ([^|]+) \| ([^|]*) \|/).collect { m ->
            [m[1], m[2].trim(), m[3].trim()]
        }

        expect:
        rows == AgentField.values().collect { f ->
            [f.wireName(), f.ruleDescription(), f.knownValues().collect { "`${it}`" }.join(', ')]
        }
    }

    def "the pages show examples of every kind"() {
        expect:
        examples().count { it[2].kind == 'groovy' && it[2].output != null } >= 40
        examples().count { it[2].kind == 'console' } >= 3
        PAGES.every { p -> examples().any { it[0] == p } }
    }

    def "a shown run id matches a printed id of its kind, binds to it, and names it in later commands"() {
        given:
        def ids = new ShownIds()

        expect:
        ids.matches('Started run update-20261130-190950-975d\n', 'Started run update-20270101-000000-0a1b\n')
        ids.matches('Plan for revert-update-20261130-190950-975d.csv\n', 'Plan for revert-update-20270101-000000-0a1b.csv\n')
        ids.command('cnsh runs revert update-20261130-190950-975d --apply') == 'cnsh runs revert update-20270101-000000-0a1b --apply'
        ids.matches('cnsh: writes journaled as run code-20261130-190950-975e', 'cnsh: writes journaled as run code-20270101-000001-1c2d')
        ids.command('cnsh runs show code-20261130-190950-975e') == 'cnsh runs show code-20270101-000001-1c2d'
    }

    def "the run id match fails on #what"() {
        given:
        def ids = new ShownIds()
        assert ids.matches('run update-20261130-190950-975d', 'run update-20270101-000000-0a1b')

        expect:
        !ids.matches(shown, printed)

        where:
        what                                   | shown                                      | printed
        'an id of another kind'                | 'run code-20261130-190950-1111'            | 'run update-20270101-000000-2222'
        'a bound id printed as another id'     | 'again update-20261130-190950-975d'        | 'again update-20270101-000000-3333'
        'two shown ids for one printed id'     | 'run update-20261130-190950-4444'          | 'run update-20270101-000000-0a1b'
        'one shown id printed as two ids'      | 'update-20261130-190950-5555 update-20261130-190950-5555' | 'update-20270101-000000-6666 update-20270101-000000-7777'
        'a changed character beside an id'     | 'run update-20261130-190950-8888.'         | 'run update-20270101-000000-9999,'
        'a changed character elsewhere'        | 'Run update-20261130-190950-8888'          | 'run update-20270101-000000-9999'
    }

    def "only instants and a progress line's rate, ETA and duration are left out of the comparison"() {
        expect:
        timed('update: 3/3 rows, 0 bad, 41.1 rows/s, ETA 0:00') == timed('update: 3/3 rows, 0 bad, 9.0 rows/s, ETA 0:01')
        timed('update: finished 3/3 rows, 0 bad, in 0.1 s') == timed('update: finished 3/3 rows, 0 bad, in 2.5 s')
        timed('  at: 2026-11-30T21:01:17.559240678Z') == timed('  at: 2027-01-01T00:00:00Z')
        timed('update: 3/3 rows, 0 bad, 41.1 rows/s, ETA 0:00') != timed('update: 2/3 rows, 0 bad, 41.1 rows/s, ETA 0:00')
        timed('update: finished 3/3 rows, 0 bad, in 0.1 s') != timed('update: finished 3/3 rows, 1 bad, in 0.1 s')
        timed('  at: 2026-11-30T21:01:17Z') != timed('  on: 2026-11-30T21:01:17Z')
        timed('Plan: 41.1 rows/s') != timed('Plan: 9.0 rows/s')
    }

    // --- running

    /** The text's lines, with instants and the rate, ETA and duration of a bulk apply's progress lines left out. */
    static String timed(String text) {
        text.readLines().collect { String line ->
            line.replaceAll(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\b/, '…')
                .replaceFirst(/^(\w+: \d+\/\d+ rows, \d+ bad), [\d.]+ rows\/s, ETA \S+$/, '$1, … rows/s, ETA …')
                .replaceFirst(/^(\w+: finished \d+\/\d+ rows, \d+ bad), in [\d.:]+( s)?$/, '$1, in …')
        }.join('\n')
    }

    private String code() {
        examples().findAll { it[2].kind != 'file' || it[2].lang == 'groovy' }.collect {
            it[2].code ?: it[2].steps*.command.join('\n')
        }.join('\n')
    }

    /** Whether printed, with the home and session directories as pages show them, is the shown output. */
    private boolean shows(ShownIds ids, String shown, String printed) {
        String seen = printed.replace(home.toString(), '~/.cnsh').replace(files.toString() + File.separator, '')
                .replace(server.baseUri().toString(), SANDBOX)
        boolean ok = ids.matches(timed(shown), timed(seen))
        ok
    }

    private Run cnsh(String... args) {
        def out = new StringWriter()
        def writer = new PrintWriter(out)
        def env = [CNSH_HOME: home.toString(), CNSH_PASSWORD: 'demo']
        def target = ['--base-url', server.baseUri().toString(), '--username', 'demo']
        int code = Main.run(env, writer, writer, *(target + (args as List)))
        new Run(code: code, out: out.toString())
    }

    private Integer lastCode

    /** Runs one console command and gives what a terminal would show. */
    private String replay(String command, Map<String, Path> scripts) {
        List<String> words = words(command)
        if (words == ['echo', '$?']) {
            assert lastCode != null, 'echo $? needs a cnsh command before it'
            return "${lastCode}\n"
        }
        if (words[0] == 'cp' && words.size() == 3) {
            Files.copy(file(words[1], scripts, files), file(words[2], scripts, files), StandardCopyOption.REPLACE_EXISTING)
            return ''
        }
        assert words[0] == 'cnsh', "console blocks run cnsh only, not: ${command}"
        def run = cnsh(*words.drop(1).collect { file(it, scripts, files)?.toString() ?: it })
        lastCode = run.code
        run.out
    }

    /** Empties the home and session directories, writes the page's files there and returns them by name. */
    private Map<String, Path> scriptFiles(String page) {
        [home, files].each { dir -> dir.toFile().listFiles().each { it.isDirectory() ? it.deleteDir() : it.delete() } }
        pageFiles(page, files)
    }

    /** Writes the page's files into dir and returns them by name. */
    static Map<String, Path> pageFiles(String page, Path dir) {
        examples().findAll { it[0] == page && it[2].kind == 'file' }.collectEntries { p, n, Example e ->
            Path f = dir.resolve(e.file)
            Files.writeString(f, e.code)
            [(e.file): f]
        }
    }

    /** The file a command word names: one of the page's, or a .csv or .json file in the session's directory. */
    static Path file(String word, Map<String, Path> scripts, Path dir) {
        scripts.containsKey(word) ? scripts[word] : word ==~ /[\w.-]+\.(csv|json)/ ? dir.resolve(word) : null
    }

    /** A command line split into words; single and double quotes group, as in a shell. */
    static List<String> words(String line) {
        List<String> out = []
        StringBuilder word = null
        char quote = 0
        for (char c : line.toCharArray()) {
            if (quote) {
                if (c == quote) {
                    quote = 0
                } else {
                    word << c
                }
            } else if (c == ("'" as char) || c == ('"' as char)) {
                quote = c
                word = word ?: new StringBuilder()
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    out << word.toString()
                    word = null
                }
            } else {
                word = (word ?: new StringBuilder()) << c
            }
        }
        assert !quote, "unclosed quote in: ${line}"
        if (word != null) {
            out << word.toString()
        }
        out
    }

    // --- reading the pages

    static class Example {
        String kind
        String lang
        String code
        String output
        String file
        List<Step> steps

        @Override
        String toString() {
            kind == 'console' ? steps*.command.join(' ; ') : (file ?: code.readLines().find { it.trim() } ?: '')
        }
    }

    static class Step {
        String command
        String output
    }

    static class Run {
        int code
        String out
    }

    private static List<List> cache

    /** [page, number, example] for every example of every page, numbered from 1 within its page. */
    static synchronized List<List> examples() {
        if (cache == null) {
            cache = PAGES.collectMany { String page ->
                parse(new File(DOCS, page).text).withIndex(1).collect { Example e, int n -> [page, n, e] }
            }
        }
        cache
    }

    static List<Example> parse(String markdown) {
        def matcher = markdown =~ /(?ms)^```([a-z]*)([^\n]*)\n(.*?)^```[ \t]*$/
        List<Map> fences = []
        while (matcher.find()) {
            fences << [lang: matcher.group(1), info: matcher.group(2).trim(), body: matcher.group(3),
                       start: matcher.start(), end: matcher.end()]
        }
        List<Example> out = []
        fences.eachWithIndex { f, int i ->
            if (f.lang == 'groovy' && f.info.startsWith('stored=')) {
                // A file kept in the repository and shown as it is; the spec named beside it runs it.
            } else if (f.info.startsWith('file=')) {
                out << new Example(kind: 'file', lang: f.lang, file: f.info.substring(5), code: f.body)
            } else if (f.lang == 'groovy') {
                def next = i + 1 < fences.size() ? fences[i + 1] : null
                boolean shown = next != null && next.lang == 'text' && markdown.substring(f.end, next.start).trim().isEmpty()
                out << new Example(kind: 'groovy', code: f.body, output: shown ? next.body : null)
            } else if (f.lang == 'console') {
                out << new Example(kind: 'console', steps: steps(f.body))
            }
        }
        out
    }

    static List<Step> steps(String body) {
        List<Step> steps = []
        body.readLines().each { String line ->
            if (line.startsWith('$ ')) {
                steps << new Step(command: line.substring(2), output: '')
            } else {
                assert steps, "a console block starts with a \$ command line, not: ${line}"
                steps.last().output += line + '\n'
            }
        }
        steps
    }

    /** Each public DSL member (class.member) and the pattern its use has in example code. */
    static Map<String, String> members(List<Class> types = [AgentsContext, AgentList, CnshScript]) {
        Map<String, String> out = [:]
        types.each { Class type ->
            Set<String> properties = type.declaredFields.findAll {
                !Modifier.isStatic(it.modifiers) && !Modifier.isTransient(it.modifiers)
            }*.name as Set
            type.declaredMethods.findAll { Method m ->
                Modifier.isPublic(m.modifiers) && !m.synthetic && !m.bridge && !m.name.contains('$')
            }.each { Method m ->
                // A getter or setter of a field is used as a property (agents.reveal, list.total).
                def accessor = m.name =~ /^(?:get|is|set)([A-Z]\w*)$/
                String property = accessor.matches() ? accessor.group(1).uncapitalize() : null
                String name = property in properties ? property : m.name
                if (m.isAnnotationPresent(Generated) && name == m.name) {
                    return
                }
                String key = "${type.simpleName}.${name}"
                if (NOT_DSL.containsKey(key)) {
                    return
                }
                out[key] = name == 'call' ? /\bagents\s*[<{]/
                        : type == AgentList ? /\.${name}\b/
                        : /\b${name}\b/
            }
        }
        out
    }

    /** A class with one public method and one property that no page shows, for the check above. */
    static class UndocumentedProbe {
        String colour

        void frobnicate() {
        }

        private void hidden() {
        }
    }
}
