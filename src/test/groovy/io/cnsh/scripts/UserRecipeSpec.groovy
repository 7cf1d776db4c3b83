package io.cnsh.scripts

import io.cnsh.cli.Main
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The user-written recipe of dsl-docs/recipes.md and its spec (dsl-docs/examples), run the way a
 * user runs them: `cnsh test dsl-docs/examples`.
 */
class UserRecipeSpec extends Specification {

    @TempDir
    Path home

    def "cnsh test runs the documented recipe spec and every feature passes"() {
        given:
        def out = new StringWriter()
        def err = new StringWriter()

        when:
        int code = Main.run([CNSH_HOME: home.toString()], new PrintWriter(out), new PrintWriter(err),
                'test', 'dsl-docs/examples')

        then:
        code == 0
        err.toString().isEmpty()
        out.toString().readLines() == [
                '  ok    PromoteAdminsSpec > without --apply the recipe shows who would change and changes nothing',
                '  ok    PromoteAdminsSpec > with --apply the named agents get admin rights',
                '  ok    PromoteAdminsSpec > an admin already is left alone',
                '  ok    PromoteAdminsSpec > a username held by two agents stops the recipe before anything is sent',
                '',
                '4 tests, 4 passed, 0 failed',
        ]
    }

    def "the recipe page shows the recipe and its spec as they are stored"() {
        given:
        def page = new File('dsl-docs/recipes.md').text

        expect:
        page.contains('## Your own recipe and its spec')
        page.contains(fenced('dsl-docs/examples/promote-admins.groovy'))
        page.contains(fenced('dsl-docs/examples/PromoteAdminsSpec.groovy'))
    }

    /** The file as the page shows it: a groovy block whose info string names the file. */
    static String fenced(String path) {
        String text = new File(path).text
        '```groovy stored=' + path + '\n' + text + (text.endsWith('\n') ? '' : '\n') + '```'
    }
}
