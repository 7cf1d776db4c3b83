package io.cnsh.cli

import io.cnsh.RunNotice
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit

/**
 * {@code cnsh -e}, {@code cnsh run FILE}, {@code cnsh FILE} and shebang scripts, run in-process
 * through {@link Main#run} with {@code CNSH_HOME} in a temporary directory, so that the embedded
 * sandbox (seeded with the demo agents on first use) is the target.
 */
class ScriptCliSpec extends Specification {

    static final Path REPO = Path.of('').toAbsolutePath()

    @TempDir
    Path home

    @TempDir
    Path dir

    def "-e prints a read as a table with its count"() {
        when:
        def r = cnsh('-e', "agents < read auth_level: 'admin' >")

        then:
        r.code == 0
        r.out == '''\
            agentid  name            username     auth_level  selfserve_id  filter
            -------  --------------  -----------  ----------  ------------  ------
            550000   Priya Raman     praman       admin       3101          0
            550001   Tom Hargreaves  thargreaves  admin       3102          0
            2 agents
            '''.stripIndent()
        r.err == ''
    }

    def "-e prints a created agentid, and the agent is there for the next run"() {
        when:
        def created = cnsh('-e', "agents < create name: 'Joe', pin: '123456' >")
        def counted = cnsh('-e', "(agents < read name: 'Joe' >).size()")

        then:
        created.code == 0
        created.out == '550040\n'
        counted.code == 0
        counted.out == '1\n'
    }

    def "-e prints #what as its plain text"() {
        when:
        def r = cnsh('-e', code)

        then:
        r.code == 0
        r.out == shown
        what == 'a write' ? RunNotice.onlyIn(r.err, home) : r.err == ''

        where:
        what                  | code                                                         || shown
        'a number'            | '(agents < read >).size()'                                   || '40\n'
        'a string'            | "(agents < read username: 'praman' >)[0].name"               || 'Priya Raman\n'
        'a write'             | "agents < update agentid: 550004, moh: 'none' >"             || 'updated 1 agent\n'
        'a map'               | "(agents < read >).countBy('auth_level')"                    || '[agent:34, supervisor:4, admin:2]\n'
        'nothing for null'    | 'null'                                                       || ''
        'only what it prints' | "println 'hello'\nnull"                                      || 'hello\n'
    }

    def "-e prints any list of agents as a table"() {
        when:
        def r = cnsh('-e', "(agents < read >).findAll { it.pin == '0000' }")

        then:
        r.code == 0
        r.out == '''\
            agentid  name              username    auth_level  selfserve_id  filter
            -------  ----------------  ----------  ----------  ------------  ------
            550004   Daniel Whitfield  dwhitfield  supervisor  3102          0
            550015   Liam O'Connor     loconnor    agent       3102          0
            550036   Maya Levi         mlevi       agent       3102          0
            3 agents
            '''.stripIndent()
    }

    def "-e speaks XML to the sandbox with --format xml"() {
        expect:
        cnsh('--format', 'xml', '-e', "(agents < read filter: '!= 999' >).size()").out == '39\n'
    }

    def "--sandbox --sandbox-data keeps the sandbox's data where it is told"() {
        given:
        def data = dir.resolve('data')

        when:
        def r = cnsh('--sandbox', '--sandbox-data', data.toString(), '-e', "agents < create name: 'Ann' >")

        then:
        r.out == '550040\n'
        Files.list(data).count() > 0
        !Files.exists(home.resolve('sandbox'))
        cnsh('--sandbox-data', data.toString(), '-e', "(agents < read name: 'Ann' >).size()").out == '1\n'
    }

    def "#how runs a script with its arguments"() {
        given:
        def script = write('hello.groovy', '''\
            println "args: ${args.toList()}"
            println((agents < read auth_level: 'admin' >).pluck('username').join(' '))
            '''.stripIndent())

        when:
        def r = cnsh(*(prefix + [script.toString(), 'a', '--b']))

        then:
        r.code == 0
        r.out == 'args: [a, --b]\npraman thargreaves\n'
        r.err == ''

        where:
        how                          | prefix
        'cnsh run FILE ARGS'         | ['run']
        'cnsh FILE ARGS'             | []
        'cnsh --format xml run FILE' | ['--format', 'xml', 'run']
        'cnsh run --format xml FILE' | ['run', '--format', 'xml']
    }

    def "a script prints only what it prints itself, not its last value"() {
        given:
        def script = write('quiet.groovy', "println 'reading'\nagents < read auth_level: 'admin' >\n")

        when:
        def r = cnsh('run', script.toString())

        then:
        r.code == 0
        r.out == 'reading\n'
    }

    def "a script may start with a #!/usr/bin/env cnsh line"() {
        given:
        def script = write('count', '#!/usr/bin/env cnsh\nprintln((agents < read auth_level: args[0] >).size())\n')

        when:
        def r = cnsh(script.toString(), 'supervisor')

        then:
        r.code == 0
        r.out == '4\n'
    }

    def "a script declaring options with picocli prints usage for --help and exits 0"() {
        when:
        def r = cnsh('run', reportsScript().toString(), '--help')

        then:
        r.code == 0
        r.out == '''\
            Usage: reports.groovy [-h] [--apply] [--level=LEVEL] CAMPAIGN...
            Gives agents of some campaigns the reports right.
                  CAMPAIGN...     The selfserve_id of a campaign.
                  --apply         Make the change; without it, only count.
              -h, --help          Show this help message and exit.
                  --level=LEVEL   Only agents of this auth_level (default: agent).
            '''.stripIndent()
        r.err == ''
    }

    def "a script's bad arguments print what is wrong and exit 2: #args"() {
        when:
        def r = cnsh(*(['run', reportsScript().toString()] + args))

        then:
        r.code == 2
        r.out == ''
        r.err == "reports.groovy: ${problem}\nTry 'reports.groovy --help' for usage.\n"

        where:
        args                || problem
        []                  || "Missing required parameter: 'CAMPAIGN'"
        ['3101', '--bogus'] || "Unknown option: '--bogus'"
        ['--level']         || "Missing required parameter for option '--level' (LEVEL)"
    }

    def "a script's own options drive it, and exit N ends it with N"() {
        when:
        def plan = cnsh(reportsScript().toString(), '3101', '3102')
        def apply = cnsh(reportsScript().toString(), '--apply', '3101', '3102')

        then: 'agents (not admins or supervisors) of campaigns 3101 and 3102 in the demo data: 8 and 9'
        plan.code == 4
        plan.out == 'would update 17 agents\n'
        apply.code == 0
        apply.out == 'updated 17 agents\n'
    }

    def "a user mistake prints one line with file:line and exits 1: #what"() {
        given:
        def script = write('bad.groovy', code)

        when:
        def r = cnsh('run', script.toString())

        then:
        r.code == 1
        r.err == "cnsh: bad.groovy:${line}: ${message}\n"
        !r.err.contains('\tat ')

        where:
        what               | code                                                      || line | message
        'an unknown field' | "agents < read >\n\nagents < read auth_levl: 'admin' >\n"  || 3    | "unknown field 'auth_levl' — did you mean 'auth_level'?"
        'a bad value'      | "agents <\n    create name: 'X', pin: 'abc1'\n>\n"        || 2    | "field 'pin' must be digits only, got ****"
        'no agentid'       | "agents < update name: 'X' >\n"                           || 1    | 'update needs the agentid of the agent to change'
        'an unknown verb'  | "def a = 1\nagents < craete name: 'X' >\n"                || 2    | "unknown verb 'craete' — did you mean 'create'?"
        'a syntax error'   | "agents < read >\ndef x = = 1\n"                          || 2    | "Unexpected input: '='"
        'a null'           | "def a = null\na.size()\n"                                || 2    | 'NullPointerException: Cannot invoke method size() on null object'
        'a failed assert'  | "def n = (agents < read >).size()\nassert n == 3\n"       || 2    | 'assertion failed: assert n == 3'
        'an unknown name'  | "println nme\n"                                           || 1    | "no variable or property 'nme'"
        'endless recursion' | "def a = 1\ndef down(n) { down(n + 1) }\ndown(1)\n"       || 2    | 'StackOverflowError'
        'a missing file'   | "new File('/no/such/file.csv').text\n"                   || 1    | 'FileNotFoundException: /no/such/file.csv (No such file or directory)'
    }

    def "-e reports a mistake as -e:line"() {
        when:
        def r = cnsh('-e', "agents < read auth_levl: 'admin' >")

        then:
        r.code == 1
        r.out == ''
        r.err == "cnsh: -e:1: unknown field 'auth_levl' — did you mean 'auth_level'?\n"
    }

    def "--trace adds the stack trace to the one line (#where)"() {
        given:
        def script = write('bad.groovy', "agents < read auth_levl: 'admin' >\n")

        when:
        def r = cnsh(*args.collect { it == 'FILE' ? script.toString() : it })

        then:
        r.code == 1
        r.err.readLines()[0] == "cnsh: bad.groovy:1: unknown field 'auth_levl' — did you mean 'auth_level'?"
        r.err.contains('io.cnsh.dsl.DslScriptException')
        r.err.contains('Caused by: io.cnsh.dsl.DslException')
        r.err.contains('\tat bad.run(bad.groovy:1)')

        where:
        where                 | args
        'before run'          | ['--trace', 'run', 'FILE']
        'after run'           | ['run', '--trace', 'FILE']
    }

    def "a write that some records fail exits 3"() {
        given:
        def script = write('partial.groovy', '''\
            println 'updating'
            agents < update([[agentid: 550000, moh: 'default'], [agentid: 999999, moh: 'default']]) >
            println 'not reached'
            '''.stripIndent())

        when:
        def r = cnsh('run', script.toString())

        then:
        r.code == 3
        r.out == 'updating\n'
        RunNotice.normalised(r.err) == "${RunNotice.SAID}\n" +
                'cnsh: partial.groovy:2: agents#update: 1 of 2 records failed: Record id [999999] does not exist.\n'
        cnsh('-e', "(agents < read agentid: 550000 >)[0].moh").out == 'default\n'
    }

    def "exit N in a script ends it with N, even inside a block"() {
        given:
        def script = write('quit.groovy', """\
            println 'before'
            agents <
                exit ${n}
            >
            println 'after'
            """.stripIndent())

        when:
        def r = cnsh(script.toString())

        then:
        r.code == n
        r.out == 'before\n'
        r.err == ''

        where:
        n << [0, 3, 4, 7]
    }

    def "a missing script is a usage error"() {
        when:
        def r = cnsh('run', dir.resolve('nope.groovy').toString())

        then:
        r.code == 2
        r.err == "cnsh: no such script: ${dir.resolve('nope.groovy')}\n"
    }

    // --- helpers

    private Path reportsScript() {
        write('reports.groovy', '''\
            #!/usr/bin/env cnsh
            import picocli.CommandLine.Command
            import picocli.CommandLine.Option
            import picocli.CommandLine.Parameters

            @Command(description = 'Gives agents of some campaigns the reports right.')
            class Options {
                @Option(names = '--level', paramLabel = 'LEVEL', description = 'Only agents of this auth_level (default: ${DEFAULT-VALUE}).')
                String level = 'agent'

                @Option(names = '--apply', description = 'Make the change; without it, only count.')
                boolean apply

                @Parameters(paramLabel = 'CAMPAIGN', arity = '1..*', description = 'The selfserve_id of a campaign.')
                List<String> campaigns
            }

            def opts = parseArgs(new Options())
            def chosen = (agents < read auth_level: opts.level >).where(selfserve_id: { it in opts.campaigns })
            if (!opts.apply) {
                println "would update ${chosen.size()} agents"
                exit 4
            }
            println chosen.update(auth_reports: 'Y')
            '''.stripIndent())
    }

    private Path write(String name, String text) {
        Path file = dir.resolve(name)
        Files.writeString(file, text)
        file
    }

    private Result cnsh(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: home.toString()], new PrintWriter(out), new PrintWriter(err), args)
        new Result(code, out.toString(), err.toString())
    }

    static class Result {
        final int code
        final String out
        final String err

        Result(int code, String out, String err) {
            this.code = code
            this.out = out
            this.err = err
        }

        @Override
        String toString() {
            "exit ${code}\nout:\n${out}\nerr:\n${err}"
        }
    }
}
