package io.cnsh.cli

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * {@code cnsh completion bash|zsh}: the script bash accepts, and what its function offers when bash
 * runs it with {@code COMP_WORDS} set as bash does at a Tab: commands, {@code --format} values, and
 * the profiles of a {@code CNSH_HOME} read by the shell itself.
 */
class CompletionSpec extends Specification {

    @TempDir
    Path dir

    def "cnsh completion #shell prints a script that bash -n accepts"() {
        when:
        def r = cnsh('completion', shell)
        Path script = dir.resolve("cnsh.${shell}")
        Files.writeString(script, r.out)

        then:
        r.code == 0
        r.err == ''
        r.out.startsWith("# cnsh completion for ${shell}")
        r.out.contains('complete -o default -F _cnsh cnsh')
        bash('-n', script.toString()).code == 0

        where:
        shell << ['bash', 'zsh']
    }

    def "the zsh script says it runs through bashcompinit and loads it"() {
        expect:
        with(cnsh('completion', 'zsh').out) {
            it.readLines()[0].contains('bashcompinit')
            it.contains('autoload -U +X bashcompinit && bashcompinit')
        }
    }

    def "Tab after '#words' offers #expected"() {
        given: 'a CNSH_HOME with two profiles, one quoted, among comments and another table'
        Path home = dir.resolve('home')
        Files.createDirectories(home)
        Files.writeString(home.resolve('config'), '''\
            # my profiles
            [profiles.prod]
            base_url = "eu"
            username = "admin"

            [profiles."eu-test"]  # the test account
            username = "tester"

            [defaults]
            '''.stripIndent())

        expect:
        complete(home, words) == expected

        where:
        words                               || expected
        'cnsh ru'                           || ['run', 'runs']
        'cnsh --format '                    || ['json', 'xml']
        'cnsh --format x'                   || ['xml']
        'cnsh --profile '                   || ['prod', 'eu-test']
        'cnsh --profile e'                  || ['eu-test']
        'cnsh run --profile '               || ['prod', 'eu-test']
        'cnsh tok'                          || ['token']
        'cnsh --profile prod token '        || ['get', 'validate']
        'cnsh token --for'                  || ['--format']
        'cnsh completion '                  || ['bash', 'zsh']
        'cnsh sandbox --seed '              || ['demo', 'none']
        'cnsh --keep'                       || ['--keep-going']
        'cnsh --inter'                      || ['--interactive']
    }

    def "with no config file, --profile offers nothing and says nothing"() {
        expect:
        complete(dir.resolve('empty-home'), 'cnsh --profile ') == []
    }

    def "#what: a one-line error (picocli's own adds where to find usage), exit 2"() {
        when:
        def r = cnsh(args as String[])

        then:
        r.code == 2
        r.out == ''
        r.err.readLines() == [first] + more

        where:
        what                 | args                           || first                                                     | more
        'no shell'           | ['completion']                 || 'cnsh: completion needs a shell: cnsh completion bash|zsh' | []
        'an empty shell'     | ['completion', '']             || 'cnsh: completion needs a shell: cnsh completion bash|zsh' | []
        'an unknown shell'   | ['completion', 'fish']         || "cnsh: completion: unknown shell 'fish'; give bash or zsh" | []
        'two shells'         | ['completion', 'bash', 'zsh']  || "cnsh: Unmatched argument at index 2: 'zsh'"              | ["Try 'cnsh --help' for usage."]
    }

    /** The candidates the completion function gives for a command line typed up to its end. */
    private List<String> complete(Path home, String line) {
        Path script = dir.resolve('cnsh.bash')
        Files.writeString(script, cnsh('completion', 'bash').out)
        List<String> words = line.split(' ', -1).toList()
        String array = words.collect { "'${it}'" }.join(' ')
        String driver = """\
            source '${script}'
            cd '${dir}'
            COMP_WORDS=(${array}); COMP_CWORD=${words.size() - 1}; COMPREPLY=()
            _cnsh
            printf '%s\\n' "\${COMPREPLY[@]}"
            """.stripIndent()
        def r = bash(['CNSH_HOME': home.toString()], '-c', driver)
        assert r.code == 0: r.err
        r.out.readLines().findAll { it }
    }

    private static Map cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([:], new PrintWriter(out), new PrintWriter(err), args)
        [code: code, out: out.toString(), err: err.toString()]
    }

    private static Map bash(Map<String, String> env = [:], String... args) {
        def builder = new ProcessBuilder(['bash'] + args.toList())
        builder.environment().putAll(env)
        def process = builder.start()
        def err = new StringBuilder()
        process.consumeProcessErrorStream(err)
        String out = process.inputStream.text
        assert process.waitFor(30, TimeUnit.SECONDS)
        [code: process.exitValue(), out: out, err: err.toString()]
    }
}
