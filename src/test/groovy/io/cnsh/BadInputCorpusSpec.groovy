package io.cnsh

import io.cnsh.cli.Main
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * Bad input through the command-line entry points (-e, script files): each mistake gives one
 * line naming what is wrong, the contract's exit code, no stack trace, and no agent written.
 */
class BadInputCorpusSpec extends Specification {

    @Shared @TempDir Path home

    Map cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: home.toString()], new PrintWriter(out), new PrintWriter(err),
                (['--sandbox', '--sandbox-data', home.resolve('data').toString()] + (args as List)) as String[])
        [code: code, out: out.toString(), err: err.toString()]
    }

    int agentCount() {
        def r = cnsh('-e', 'agents.read().total')
        assert r.code == 0 : r.err
        r.out.trim() as int
    }

    def "-e with #what fails in one line naming it, exit #exit, and writes nothing"() {
        given:
        int before = agentCount()

        when:
        def r = cnsh('-e', code)

        then:
        r.code == exit
        // a write the API refused was sent: the run id of its journal comes first, then the one line
        r.err.readLines().size() == (exit == 3 ? 2 : 1)
        exit != 3 || RunNotice.isNotice(r.err.readLines()[0])
        r.err.readLines().last().startsWith('cnsh: -e:')
        r.err.contains(mentions)
        !r.err.contains('\tat ')
        r.out.isEmpty()
        agentCount() == before

        where:
        what                         | code                                                                      || exit | mentions
        'a misspelt verb'            | "agents < raed >"                                                         || 1    | "unknown verb 'raed' — did you mean 'read'?"
        'a misspelt field'           | "agents < read auth_levl: 'admin' >"                                      || 1    | "unknown field 'auth_levl' — did you mean 'auth_level'?"
        'a Java-style field name'    | "agents < create name: 'A', authLevel: 'admin' >"                         || 1    | "did you mean 'auth_level'?"
        'a wrong type for limit'     | "agents < read limit: 'ten' >"                                            || 1    | "limit must be a whole number"
        'a Y/N flag given as yes'    | "agents < create name: 'A', auth_admin: 'yes' >"                          || 1    | "field 'auth_admin' must be Y or N, got 'yes'"
        'a pin with letters'         | "agents < create name: 'A', pin: '12ab' >"                                || 1    | "field 'pin' must be digits only, got ****"
        'an agentid on create'       | "agents < create agentid: 5, name: 'A' >"                                 || 1    | 'create does not take agentid'
        'an update without agentid'  | "agents < update name: 'A' >"                                             || 1    | 'update needs the agentid'
        'a bad record in a list'     | "agents.create([[name: 'Ok'], [name: 'Bad', aod: 'maybe']])"              || 1    | "field 'aod' must be yes or no, got 'maybe' (record 2)"
        'an unclosed block'          | "agents < create name: 'A'"                                               || 1    | 'never closed'
        'a Groovy syntax error'      | "def x = ("                                                               || 1    | '-e:1'
        'a misspelt resource'        | "agentz < read >"                                                         || 1    | 'needs a resource name (agents); is it misspelt?'
        'an unknown variable'        | "agentz.read()"                                                           || 1    | "no variable or property 'agentz'"
        'an unknown agentid'         | "agents < update agentid: 1, name: 'A' >"                                 || 3    | 'Record id [1] does not exist.'
    }

    def "--trace shows the stack of a syntax error without the pin of the line it quotes"() {
        when:
        def r = cnsh('--trace', '-e', "def patch = [agentid: 550001, pin: '987654'] )")

        then:
        r.code == 1
        r.err.contains('\tat ')
        r.err.contains("pin: '****'")
        !r.err.contains('987654')
    }

    def "a script's mistake names the script file and the user's line"() {
        given:
        def script = home.resolve('broken.groovy')
        script.toFile().text = "def n = 1\n\nagents < read auth_levl: 'admin' >\n"

        when:
        def r = cnsh('run', script.toString())

        then:
        r.code == 1
        r.err.trim() == "cnsh: broken.groovy:3: unknown field 'auth_levl' — did you mean 'auth_level'?"
    }

    def "a missing script is a usage error"() {
        when:
        def r = cnsh('run', home.resolve('nope.groovy').toString())

        then:
        r.code == 2
        r.err.readLines().size() == 1
        r.err.contains('no such script')
    }

    def "an unknown option is a usage error in one line plus a hint"() {
        when:
        def r = cnsh('--frobnicate')

        then:
        r.code == 2
        r.err.readLines()[0] == "cnsh: Unknown option: '--frobnicate'"
        r.err.readLines()[1] == "Try 'cnsh --help' for usage."
    }
}
