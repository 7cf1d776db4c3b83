package io.cnsh

import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * The dependency rules of ARCHITECTURE.md, checked on the main sources: arrows point down only, the
 * sandbox and the client meet only on the wire, JLine stays in the REPL, only the command line enters
 * the benchmarks, Java where the document says Java. Every feature fails when the scan finds too
 * little code to judge, and a failure names every violation: file, import, rule.
 */
class ArchitectureSpec extends Specification {

    /** The parts every build has, with the fewest source files each must hold for a scan to count. */
    static final Map<String, Integer> PARTS = [model: 5, wire: 5, client: 10, sandbox: 5, dsl: 5, repl: 5,
                                               report: 3, bulk: 5, cli: 3, testing: 2, bench: 3]

    /** Parts that may be empty (none since the benchmarks moved to their own room). */
    static final List<String> OPTIONAL_PARTS = []

    static final List<String> ALL_PARTS = PARTS.keySet().toList() + OPTIONAL_PARTS

    /** Parts written in Java only (ARCHITECTURE.md: typed, fast start). */
    static final List<String> JAVA_PARTS = ['model', 'wire', 'client', 'sandbox', 'cli']

    static final List<String> ROOTS = ['src/main/java', 'src/main/groovy']

    /** One source file: its path below io/cnsh, its part and each of our packages or foreign types it names. */
    static class Source {
        String path
        String part
        List<String> imports
        List<String> references
    }

    @Shared
    List<Source> sources = []

    def setupSpec() {
        ROOTS.each { root ->
            Path base = Paths.get(root, 'io', 'cnsh')
            if (!Files.isDirectory(base)) {
                return
            }
            Files.walk(base).withCloseable { stream ->
                stream.filter { it.toString() ==~ /.*\.(java|groovy)$/ }.each { Path file ->
                    Path relative = base.relativize(file)
                    String text = Files.readString(file)
                    List<String> imports = text.readLines().findAll { it ==~ /^\s*import\s+(static\s+)?[\w.]+(\.\*)?;?\s*$/ }
                            .collect { it.replaceAll(/^\s*import\s+(static\s+)?/, '').replaceAll(/;?\s*$/, '') }
                    // Fully qualified references in code count as dependencies too.
                    List<String> qualified = (text =~ /\bio\.cnsh\.(\w+)\.\w+/).collect { it[0] as String }.unique()
                    sources << new Source(path: relative.toString(),
                            part: relative.nameCount > 1 ? relative.getName(0).toString() : '(root)',
                            imports: imports, references: qualified - imports)
                }
            }
        }
    }

    def "the scan finds the code of every part, so that no rule passes on an empty tree"() {
        given:
        Map<String, Integer> found = sources.countBy { it.part }

        expect:
        PARTS.findAll { part, least -> (found[part] ?: 0) < least }.collect { part, least ->
            "${part}: ${found[part] ?: 0} source files under ${ROOTS.join(' or ')}/io/cnsh/${part}, at least ${least} expected"
        } == []
    }

    def "every source file lives in one of the parts"() {
        expect:
        report(sources.findAll { !(it.part in ALL_PARTS) }.collect { "${it.path}: not in a part (${ALL_PARTS.join(', ')})".toString() })
    }

    def "no part depends on a part it must not know"() {
        expect:
        report(violations(PART_RULE))
    }

    def "nothing but the command line imports the command line, and only it, the REPL and the benchmarks import the REPL"() {
        expect:
        report(violations { Source s, String dependency ->
            String target = ourPart(dependency)
            if (target == 'cli' && s.part != 'cli') {
                return 'nothing but cli imports cli'
            }
            target == 'repl' && !(s.part in ['cli', 'repl', 'bench']) ? 'nothing but cli (and bench) imports repl' : null
        })
    }

    def "only the command line imports the benchmarks"() {
        expect:
        report(violations { Source s, String dependency ->
            ourPart(dependency) == 'bench' && !(s.part in ['cli', 'bench']) ? 'only cli imports io.cnsh.bench' : null
        })
    }

    def "the model imports nothing but the JDK"() {
        expect:
        report(violations { Source s, String dependency ->
            s.part == 'model' && !dependency.startsWith('java.') && ourPart(dependency) != 'model'
                    ? 'model imports nothing but java.*' : null
        })
    }

    def "JLine types are used only in the REPL and the progress bar of bulk runs"() {
        expect:
        report(violations { Source s, String dependency ->
            dependency.startsWith('org.jline.') && !(s.part in ['repl', 'bulk']) ? 'JLine stays in repl (and the bulk progress bar)' : null
        })
    }

    def "model, wire, client, sandbox and cli are written in Java"() {
        expect:
        report(sources.findAll { it.part in JAVA_PARTS && it.path.endsWith('.groovy') }
                .collect { "${it.path}: ${it.part} is written in Java".toString() })
    }

    def "a failure names every broken rule with its file and import, in one message"() {
        given: 'a file of the client that imports the DSL and the benchmarks'
        def probe = new Source(path: 'client/Probe.java', part: 'client', imports: ['io.cnsh.dsl.Agents', 'io.cnsh.bench.Bench', 'java.util.List'],
                references: ['io.cnsh.report.Table'])

        when:
        report(violations(PART_RULE, [probe]))

        then:
        def e = thrown(AssertionError)
        e.message.contains("""3 violation(s):
client/Probe.java: import io.cnsh.dsl.Agents (client never imports dsl)
client/Probe.java: import io.cnsh.bench.Bench (client never imports bench)
client/Probe.java: reference io.cnsh.report.Table (client never imports report)""")
    }

    def "a scan that finds no code fails the rules instead of passing them"() {
        when:
        report(violations(PART_RULE, []), [])

        then:
        def e = thrown(AssertionError)
        e.message.contains('the scan found 0 source files: too few to judge the rules')
    }

    /** What each part must never import (ARCHITECTURE.md, "Rules"). */
    static final Map<String, List<String>> FORBIDDEN = [
            model  : ALL_PARTS - 'model',
            wire   : ALL_PARTS - ['wire', 'model'],
            client : ['dsl', 'repl', 'report', 'bulk', 'cli', 'sandbox', 'testing', 'bench'],
            sandbox: ['client', 'dsl', 'repl', 'report', 'bulk', 'cli', 'testing', 'bench'],
            report : ['dsl', 'repl', 'bulk', 'cli', 'testing', 'sandbox', 'bench'],
            bulk   : ['dsl', 'repl', 'cli', 'testing', 'sandbox', 'bench'],
            dsl    : ['repl', 'cli', 'testing', 'bench'],
            repl   : ['cli', 'testing', 'bench'],
            testing: ['repl', 'cli', 'bench'],
            bench  : ['cli'],
    ]

    /** The direction of dependencies: a part names none of the parts {@link #FORBIDDEN} to it. */
    static final Closure<String> PART_RULE = { Source s, String dependency ->
        String target = ourPart(dependency)
        target && target in (FORBIDDEN[s.part] ?: []) ? "${s.part} never imports ${target}".toString() : null
    }

    /** Our part a dependency names, e.g. {@code dsl} for {@code io.cnsh.dsl.Agents}; null for a foreign one. */
    static String ourPart(String dependency) {
        def m = dependency =~ /^io\.cnsh\.(\w+)\./
        m.find() ? m.group(1) : null
    }

    /** Every dependency the rule refuses, as {@code file: import x (rule)}; the rule returns null to allow. */
    List<String> violations(Closure<String> rule, List<Source> scanned = sources) {
        List<String> found = []
        scanned.each { Source s ->
            (s.imports.collect { ['import', it] } + s.references.collect { ['reference', it] }).each { kind, dependency ->
                String broken = rule(s, dependency)
                if (broken) {
                    found << "${s.path}: ${kind} ${dependency} (${broken})".toString()
                }
            }
        }
        found
    }

    /** Passes when nothing was found; otherwise fails with every violation, one per line. */
    boolean report(List<String> found, List<Source> scanned = sources) {
        assert scanned.size() >= PARTS.values().sum(): "the scan found ${scanned.size()} source files: too few to judge the rules"
        assert found.isEmpty(): "${found.size()} violation(s):\n" + found.join('\n')
        true
    }
}
