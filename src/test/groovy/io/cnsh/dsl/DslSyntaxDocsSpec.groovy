package io.cnsh.dsl

import org.codehaus.groovy.control.MultipleCompilationErrorsException
import spock.lang.Specification

/** Keeps dsl-docs/syntax.md honest: its Groovy examples compile, or fail as the page says they do. */
class DslSyntaxDocsSpec extends Specification {

    static final File PAGE = new File('dsl-docs/syntax.md')
    static final String REFUSED = '// refused: '

    def "example #number of the syntax page compiles with the production configuration"() {
        when:
        new GroovyShell(DslCompiler.configuration()).parse(example, 'example.groovy')

        then:
        noExceptionThrown()

        where:
        [number, example] << examples().findAll { !it[1].startsWith(REFUSED) }
    }

    def "refused example #number of the syntax page fails to compile with the message it shows"() {
        given:
        def expected = example.readLines().first().substring(REFUSED.length())

        when:
        new GroovyShell(DslCompiler.configuration()).parse(example, 'example.groovy')

        then:
        def e = thrown(MultipleCompilationErrorsException)
        DslSyntaxException.from(e).orElseThrow().description() == expected

        where:
        [number, example] << examples().findAll { it[1].startsWith(REFUSED) }
    }

    def "the syntax page shows each form, its rewriting and refused examples"() {
        expect:
        examples().size() >= 15
        examples().count { it[1].startsWith(REFUSED) } >= 3
    }

    /** The page's fenced groovy blocks, numbered from 1, with any list-item indentation removed. */
    static List<List> examples() {
        def blocks = []
        def matcher = PAGE.text =~ /(?ms)^( *)```groovy\n(.*?)^\1```$/
        matcher.each { List groups ->
            String indent = groups[1]
            blocks << groups[2].readLines().collect { it.startsWith(indent) ? it.substring(indent.length()) : it }.join('\n')
        }
        blocks.withIndex(1).collect { String text, int number -> [number, text] }
    }
}
