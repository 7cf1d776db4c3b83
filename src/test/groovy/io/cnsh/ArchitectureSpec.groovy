package io.cnsh

import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/**
 * The dependency rules of ARCHITECTURE.md, checked on the import lines of the main sources:
 * arrows point down only, the sandbox and the client meet only on the wire, JLine stays in the REPL.
 */
class ArchitectureSpec extends Specification {

    static final List<String> PARTS = ['model', 'wire', 'client', 'sandbox', 'dsl', 'repl', 'report', 'bulk', 'cli', 'testing', 'bench']

    @Shared
    Map<String, Set<String>> importsByPart = [:]

    @Shared
    Map<String, List<String>> foreignImportsByFile = [:]

    def setupSpec() {
        PARTS.each { importsByPart[it] = [] as Set }
        ['src/main/java', 'src/main/groovy'].each { root ->
            Path base = Paths.get(root, 'io', 'cnsh')
            if (!Files.isDirectory(base)) {
                return
            }
            Files.walk(base).filter { it.toString() ==~ /.*\.(java|groovy)$/ }.each { Path file ->
                String part = base.relativize(file).getName(0).toString()
                List<String> imports = file.toFile().readLines().findAll { it ==~ /^\s*import\s+(static\s+)?[\w.]+(\.\*)?;?\s*$/ }
                        .collect { it.replaceAll(/^\s*import\s+(static\s+)?/, '').replaceAll(/;?\s*$/, '') }
                // Fully qualified references in code count as dependencies too.
                List<String> qualified = (file.toFile().text =~ /\bio\.cnsh\.(\w+)\./).collect { "io.cnsh.${it[1]}." as String }
                importsByPart.computeIfAbsent(part) { [] as Set }.addAll(imports + qualified)
                foreignImportsByFile[base.relativize(file).toString()] = imports
            }
        }
    }

    def "the sources are laid out by part"() {
        expect: 'every top-level package is one of the parts'
        !importsByPart.isEmpty()
        importsByPart.keySet().every { it in PARTS }
    }

    def "#part depends on none of #forbidden"() {
        given:
        Set<String> used = importsByPart[part] ?: [] as Set

        expect:
        forbidden.every { other -> !used.any { it.startsWith("io.cnsh.${other}.") } }

        where:
        part      || forbidden
        'model'   || PARTS - 'model'
        'wire'    || PARTS - ['wire', 'model']
        'client'  || ['dsl', 'repl', 'report', 'bulk', 'cli', 'sandbox', 'testing']
        'sandbox' || ['client', 'dsl', 'repl', 'report', 'bulk', 'cli', 'testing']
        'report'  || ['dsl', 'repl', 'bulk', 'cli', 'testing', 'sandbox']
        'bulk'    || ['dsl', 'repl', 'cli', 'testing', 'sandbox']
        'dsl'     || ['repl', 'cli', 'testing']
        'repl'    || ['cli', 'testing']
        'testing' || ['repl', 'cli']
    }

    def "nothing but the command line imports the command line or the REPL"() {
        expect:
        (PARTS - 'cli').every { part ->
            !(importsByPart[part] ?: []).any { it.startsWith('io.cnsh.cli.') || (part != 'repl' && it.startsWith('io.cnsh.repl.')) }
        }
    }

    def "the model imports nothing but the JDK"() {
        expect:
        foreignImportsByFile.findAll { file, imports -> file.startsWith('model/') }
                .every { file, imports -> imports.every { it.startsWith('java.') } }
    }

    def "JLine types are used only in the REPL and the progress bar of bulk runs"() {
        expect:
        foreignImportsByFile.findAll { file, imports -> imports.any { it.startsWith('org.jline.') } }
                .keySet().every { it.startsWith('repl/') || it.startsWith('bulk/') }
    }
}
