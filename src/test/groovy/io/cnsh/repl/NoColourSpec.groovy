package io.cnsh.repl

import io.cnsh.SpecResources
import spock.lang.AutoCleanup
import spock.lang.ResourceLock
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * NO_COLOR (no-color.org) and TERM=dumb: one decision ({@link Colour}) that the shell's highlighter,
 * its errors and picocli's help follow. On a real terminal (a tmux pane, read with the escape
 * sequences of its cells) colour shows without them and not with them.
 */
@ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'drives cnsh in tmux terminals')
class NoColourSpec extends Specification {

    static final String ESC = '\u001b'

    @TempDir
    Path tmp

    @AutoCleanup
    Tmux tmux = new Tmux()

    def setupSpec() {
        assert new File(Tmux.TMUX).canExecute(): 'this spec drives a real terminal with tmux: apt-get install tmux (.ci/run does)'
    }

    def "colour is allowed unless NO_COLOR is set and not empty, or TERM is dumb: #env"() {
        expect:
        Colour.allowed(env) == allowed

        where:
        env                                || allowed
        [:]                                || true
        [TERM: 'xterm-256color']           || true
        [NO_COLOR: '']                     || true
        [NO_COLOR: '1']                    || false
        [NO_COLOR: '0']                    || false
        [NO_COLOR: 'yes', TERM: 'xterm']   || false
        [TERM: 'dumb']                     || false
    }

    def "the shell on a terminal: typed code highlighted and errors in red #how; #withColour"() {
        given:
        tmux.start(cnsh(env, ['--sandbox', '--sandbox-data', tmp.resolve('sandbox').toString()]), 120, 40)
        tmux.waitFor('\ncnsh sandbox>')

        when: 'a line is typed and run that fails'
        tmux.type("agents < nosuch limit: 1 >")
        tmux.waitFor('nosuch limit: 1 >')
        String typed = coloured()
        tmux.press('Enter')
        tmux.waitFor("unknown verb 'nosuch'")
        tmux.waitUntil('the next prompt') { String s -> s.readLines().last() == 'cnsh sandbox>' }
        String after = coloured()

        then:
        typed.contains(ESC) == withColour
        after.contains(ESC) == withColour

        where:
        how                      | env                 || withColour
        'without NO_COLOR'       | [:]                 || true
        'with NO_COLOR=1'        | [NO_COLOR: '1']     || false
    }

    def "cnsh --help on a terminal #how; #withColour"() {
        given:
        tmux.start(cnsh(env, ['--help']), 150, 60)

        when:
        tmux.waitUntil('the help to end') { tmux.exited() }
        String help = coloured()

        then:
        help.contains('Exit codes:')
        help.contains(ESC) == withColour

        where:
        how                      | env                 || withColour
        'without NO_COLOR'       | [:]                 || true
        'with NO_COLOR=1'        | [NO_COLOR: '1']     || false
        'with TERM=dumb'         | [TERM: 'dumb']      || false
    }

    /** The pane with the escape sequences of its cells' colours and attributes. */
    private String coloured() {
        tmux.run('capture-pane', '-p', '-e', '-J', '-t', 'spec')
    }

    private String cnsh(Map<String, String> env, List<String> args) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        String classPath = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        List<String> words = ['exec', 'env', '-u', 'NO_COLOR', '-u', 'CNSH_PROFILE', '-u', 'CNSH_BASE_URL',
                              "CNSH_HOME=${tmp.resolve('home')}".toString()]
        env.each { k, v -> words << "${k}=${v}".toString() }
        words += [java, '-cp', classPath, 'io.cnsh.cli.Main'] + args
        words.collect { it == 'exec' || it == 'env' ? it : Tmux.quote(it) }.join(' ')
    }
}
