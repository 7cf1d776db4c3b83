package io.cnsh.cli

import io.cnsh.client.Confirmer
import picocli.CommandLine
import spock.lang.Specification

/**
 * {@code --help} and {@code -h} on every command of the tree, read from picocli's model so that a
 * command added later is covered: usage on stdout, exit 0, even where the command requires a
 * parameter that is missing.
 */
class HelpEverywhereSpec extends Specification {

    def "'cnsh #path #option' prints its usage on stdout and exits 0"() {
        when:
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([:], new PrintWriter(out), new PrintWriter(err), *(path.split(' ').findAll() + option))

        then:
        code == 0
        err.toString() == ''
        out.toString().startsWith("Usage: cnsh${path ? ' ' + path.replace(' get', '') : ''} ")
        out.toString().contains('-h, --help')

        where:
        [path, option] << [commandPaths() + ['token get'], ['--help', '-h']].combinations()
    }

    def "the tree walked above holds every command of the CLI contract that exists"() {
        expect:
        commandPaths().containsAll(['', 'run', 'token', 'sandbox', 'test', 'bench', 'completion'])
    }

    /** Every command path of the tree ('' for cnsh itself), as typed after cnsh. */
    private static List<String> commandPaths() {
        List<String> paths = []
        Closure walk
        walk = { String path, CommandLine cl ->
            paths << path
            cl.subcommands.each { name, sub -> walk(path ? "${path} ${name}".toString() : name, sub) }
        }
        walk('', new CommandLine(new Main([:], Confirmer.NO_TERMINAL)))
        paths
    }
}
