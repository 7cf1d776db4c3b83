package io.cnsh.cli

import io.cnsh.SpecResources
import io.cnsh.sandbox.LoopbackHttp
import io.cnsh.sandbox.SandboxException
import io.cnsh.sandbox.SandboxServer
import java.nio.charset.StandardCharsets
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import picocli.CommandLine
import spock.lang.ResourceLock
import spock.lang.Specification
import spock.lang.TempDir

/** cnsh sandbox: its options, its mistakes, and a real run in its own process. */
@ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'starts standalone sandbox processes and signals them')
class SandboxCommandSpec extends Specification {

    @TempDir Path dir

    /** Runs cnsh in this JVM and returns the exit code and what it wrote to stderr. */
    Map cnsh(String... args) {
        def err = new StringWriter()
        def out = new StringWriter()
        int code = Main.run([CNSH_HOME: dir.toString()], new PrintWriter(out), new PrintWriter(err), args)
        return [code: code, err: err.toString()]
    }

    def "a mistake in the options is one line on stderr and exit code 2: #args"() {
        when:
        def r = cnsh(['sandbox'] + args as String[])

        then:
        r.code == 2
        r.err.readLines().size() == 1
        r.err.trim() == "cnsh sandbox: $message (see cnsh sandbox --help)"

        where:
        args                                        || message
        ['--port', 'http']                          || "--port must be a whole number from 0 to 65535, got 'http'"
        ['--port', '70000']                         || "--port must be a whole number from 0 to 65535, got '70000'"
        ['--port']                                  || '--port needs a value'
        ['--port', '--in-memory']                   || '--port needs a value'
        ['--seed', 'lots']                          || "--seed must be demo or none, got 'lots'"
        ['--data', '/tmp/x', '--in-memory']         || '--data and --in-memory exclude each other'
        ['--api-user', 'me']                        || 'give --api-user and --api-password together'
        ['--verbose']                               || "unknown option or argument '--verbose'"
        ['now']                                     || "unknown option or argument 'now'"
        ['--fault-http-errors', '5%']               || "--fault-http-errors must be a share from 0 to 1, got '5%'"
        ['--token-ttl', '0']                        || "--token-ttl must be a whole number from 1 to 2147483647, got '0'"
        ['--default-format', 'csv']                 || "--default-format must be json or xml, got 'csv'"
        ['--bind', 'no.such.host.invalid']          || "--bind names an unknown address 'no.such.host.invalid'"
    }

    def "a wrong limit is one line on stderr and exit code 2: #args"() {
        when:
        def r = cnsh(['sandbox'] + args as String[])

        then:
        r.code == 2
        r.err.readLines().size() == 1
        r.err.trim() == "cnsh sandbox: $message (see cnsh sandbox --help)"

        where:
        args                                   || message
        ['--max-records', '0']                 || "--max-records must be a whole number from 1 to 1000000, got '0'"
        ['--max-records', '-1']                || "--max-records must be a whole number from 1 to 1000000, got '-1'"
        ['--max-records', '2.9']               || "--max-records must be a whole number from 1 to 1000000, got '2.9'"
        ['--max-records', '4294967296']        || "--max-records must be a whole number from 1 to 1000000, got '4294967296'"
        ['--max-records', '']                  || '--max-records needs a value'
        ['--max-connections', 'many']          || "--max-connections must be a whole number from 1 to 100000, got 'many'"
        ['--read-timeout', '0']                || "--read-timeout must be a whole number from 1 to 86400, got '0'"
    }

    def "--max-records bounds the records of one write, not of a read"() {
        given:
        def cmd = new SandboxCommand()
        new CommandLine(cmd).parseArgs('--port', '0', '--in-memory', '--max-records', '2', '--read-timeout', '5',
                '--max-connections', '400', '--quiet')
        def server = cmd.configure([:], new PrintWriter(new StringWriter())).build().start()
        def http = new LoopbackHttp(server)
        String token = http.token()

        when:
        def three = http.post("database.php?token=$token&method=agents&action=create&raw=1",
                '[{"name":"A","username":"a1"},{"name":"B","username":"b1"},{"name":"C","username":"c1"}]')
        def two = http.post("database.php?token=$token&method=agents&action=create&raw=1",
                '[{"name":"A","username":"a1"},{"name":"B","username":"b1"}]')

        then:
        three.json().get('error').asText() == 'Bad payload: 3 records in one request, over the limit of 2 records per write; send them in smaller batches'
        two.json().get('total').intValue() == 2
        http.get("database.php?token=$token&method=agents&action=read").json().get('list').size() == 42

        cleanup:
        server?.close()
    }

    def "a repeated option keeps its last value"() {
        given:
        def cmd = new SandboxCommand()
        new CommandLine(cmd).parseArgs('--port', '1', '--port', '0', '--in-memory')

        expect:
        cmd.configure([:], new PrintWriter(new StringWriter())).build().start().withCloseable { it.port() > 1 }
    }

    def "the options configure the server: credentials, account, seed, port 0"() {
        given:
        def cmd = new SandboxCommand()
        new CommandLine(cmd).parseArgs('--port', '0', '--in-memory', '--seed', 'none', '--api-user', 'ops',
                '--api-password', 'pw-123', '--account-id', '777', '--enable-delete', '--quiet')

        when:
        def server = cmd.configure([:], new PrintWriter(new StringWriter())).build().start()
        def http = new LoopbackHttp(server)
        String token = http.token('ops', 'pw-123')

        then:
        server.accountId() == '777'
        http.get("database.php?token=$token&method=agents&action=read").json().get('total').intValue() == 0
        http.post("database.php?token=$token&method=agents&action=delete&raw=1", '[]').json().get('success').booleanValue()

        cleanup:
        server?.close()
    }

    def "the paging faults come from their flags, and a drop rate outside 0 to 1 is refused"() {
        given:
        def cmd = new SandboxCommand()
        new CommandLine(cmd).parseArgs('--port', '0', '--in-memory', '--seed', 'none', '--fault-ignore-start',
                '--fault-ignore-limit', '--fault-drop-rows', '0.1')

        when:
        def server = cmd.configure([:], new PrintWriter(new StringWriter())).build().start()
        cmd.applyFaults(server)

        then:
        server.faults().describe() == 'reads ignore start, reads ignore limit, dropped rows 10.0%'

        when:
        def r = cnsh('sandbox', '--in-memory', '--fault-drop-rows', '1.5')

        then:
        r.code == 2
        r.err.trim() == "cnsh sandbox: --fault-drop-rows must be a share from 0 to 1, got '1.5' (see cnsh sandbox --help)"

        cleanup:
        server?.close()
    }

    def "the data directory defaults to \$CNSH_HOME/sandbox"() {
        given:
        def cmd = new SandboxCommand()
        new CommandLine(cmd).parseArgs('--port', '0')

        expect:
        cmd.configure([CNSH_HOME: dir.toString()], new PrintWriter(new StringWriter())).build().dataDir().get() ==
                dir.resolve('sandbox')
    }

    def "run standalone, it prints its URL without the password, serves, keeps its data dir locked and stops on SIGTERM"() {
        given:
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        def process = new ProcessBuilder('java', '-cp', cp, Main.name, 'sandbox', '--port', '0', '--data',
                dir.resolve('data').toString(), '--api-user', 'ops', '--api-password', 'Top-Secret-Pw')
                .redirectError(dir.resolve('stderr.log').toFile()).start()
        def out = new BufferedReader(new InputStreamReader(process.inputStream, StandardCharsets.UTF_8))
        def banner = (1..5).collect { out.readLine() }
        def base = URI.create((banner[0] =~ /listening on (\S+)/)[0][1] as String)
        def http = new LoopbackHttp(base)

        when:
        String token = http.token('ops', 'Top-Secret-Pw')
        int total = http.get("database.php?token=$token&method=agents&action=read").json().get('total').intValue()
        SandboxServer.builder().dataDir(dir.resolve('data')).build().start()

        then:
        banner[0].startsWith('cnsh sandbox: listening on http://127.0.0.1:')
        banner[1] == '  account id 20001, API user ops'
        banner[2] == "  data ${dir.resolve('data').toAbsolutePath()} (new store)"
        !banner.join('\n').contains('Top-Secret-Pw')
        total == 40
        def e = thrown(SandboxException)
        e.message == "sandbox data directory ${dir.resolve('data')} is in use by another process"

        when:
        process.destroy()
        boolean exited = process.waitFor(20, TimeUnit.SECONDS)
        def err = dir.resolve('stderr.log').toFile().getText('UTF-8')

        then:
        exited
        err.readLines().last() == 'cnsh sandbox: stopped'
        err.contains('GET /token.php token/get json records=0 -> 200 ok')
        !err.contains('Top-Secret-Pw')
        !err.contains(token)

        cleanup:
        process?.destroyForcibly()
    }

    /** The server the options and environment describe, started on port 0 in memory; the caller closes it. */
    SandboxServer configured(Map<String, String> env, String... args) {
        def cmd = new SandboxCommand()
        new CommandLine(cmd).parseArgs((['--port', '0', '--in-memory', '--quiet'] + (args as List)) as String[])
        cmd.configure(env, new PrintWriter(new StringWriter())).build().start()
    }

    def "the API password may come from a file or the environment instead of the command line: #how"() {
        given:
        def file = dir.resolve('api-password')
        java.nio.file.Files.writeString(file, 'From-File-Pw\n')
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString('rw-------'))
        def server = configured(env, *(args.collect { it.replace('FILE', file.toString()) }))

        expect:
        new LoopbackHttp(server).get("token.php?action=get&username=$user&password=$password").json().get('success').asBoolean()
        !new LoopbackHttp(server).get("token.php?action=get&username=$user&password=demo").json().get('success').asBoolean()

        cleanup:
        server?.close()

        where:
        how                                  | env                                               | args                                                     || user   | password
        'a file'                             | [:]                                               | ['--api-user', 'ops', '--api-password-file', 'FILE']     || 'ops'  | 'From-File-Pw'
        'the environment'                    | [CNSH_SANDBOX_API_PASSWORD: 'From-Env-Pw']        | ['--api-user', 'ops']                                    || 'ops'  | 'From-Env-Pw'
        'the environment, default user'      | [CNSH_SANDBOX_API_PASSWORD: 'From-Env-Pw']        | []                                                       || 'demo' | 'From-Env-Pw'
        'a file before the environment'      | [CNSH_SANDBOX_API_PASSWORD: 'From-Env-Pw']        | ['--api-user', 'ops', '--api-password-file', 'FILE']     || 'ops'  | 'From-File-Pw'
        'the flag before the environment'    | [CNSH_SANDBOX_API_PASSWORD: 'From-Env-Pw']        | ['--api-user', 'ops', '--api-password', 'From-Flag-Pw']  || 'ops'  | 'From-Flag-Pw'
    }

    def "a password file mistake is one line on stderr and exit code 2: #why"() {
        given:
        def file = dir.resolve('pw')
        setUp(file)

        when:
        def r = cnsh(['sandbox', '--in-memory', '--api-user', 'ops'] + args.collect { it.replace('FILE', file.toString()) } as String[])

        then:
        r.code == 2
        r.err.readLines().size() == 1
        r.err.trim() == "cnsh sandbox: ${message.replace('FILE', file.toString())} (see cnsh sandbox --help)"

        where:
        why              | setUp                                                          | args                                                  || message
        'missing'        | { }                                                            | ['--api-password-file', 'FILE']                       || '--api-password-file FILE does not exist'
        'empty'          | { java.nio.file.Files.writeString(it, '\n') }                  | ['--api-password-file', 'FILE']                       || '--api-password-file FILE is empty; put the password on its first line'
        'two lines'      | { java.nio.file.Files.writeString(it, 'a\nb\n') }              | ['--api-password-file', 'FILE']                       || '--api-password-file FILE holds more than one line; put only the password in it'
        'a directory'    | { java.nio.file.Files.createDirectory(it) }                    | ['--api-password-file', 'FILE']                       || '--api-password-file FILE is a directory; give the file that holds the password'
        'no value'       | { }                                                            | ['--api-password-file']                               || '--api-password-file needs a value'
        'flag and file'  | { java.nio.file.Files.writeString(it, 'x') }                   | ['--api-password', 'y', '--api-password-file', 'FILE'] || '--api-password and --api-password-file exclude each other'
    }

    def "a password file without --api-user is a mistake: the file's password would guard the default user"() {
        given:
        def file = java.nio.file.Files.writeString(dir.resolve('pw'), 'x')

        when:
        def r = cnsh('sandbox', '--in-memory', '--api-password-file', file.toString())

        then:
        r.code == 2
        r.err == 'cnsh sandbox: give --api-user with --api-password-file (see cnsh sandbox --help)\n'
    }

    def "an empty CNSH_SANDBOX_API_PASSWORD is a mistake, not an empty password"() {
        when:
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: dir.toString(), CNSH_SANDBOX_API_PASSWORD: ''], new PrintWriter(new StringWriter()),
                new PrintWriter(err), 'sandbox', '--in-memory')

        then:
        code == 2
        err.toString().trim() == 'cnsh sandbox: CNSH_SANDBOX_API_PASSWORD is set but empty: unset it or give it the password (see cnsh sandbox --help)'
    }

    def "a password file others can read works, with a warning that says how to make it private"() {
        given:
        def file = java.nio.file.Files.writeString(dir.resolve('pw'), 'Open-Pw')
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString('rw-r--r--'))
        def cmd = new SandboxCommand()
        new CommandLine(cmd).parseArgs('--port', '0', '--in-memory', '--quiet', '--api-user', 'ops', '--api-password-file', file.toString())
        def err = new StringWriter()

        when:
        def server = cmd.configure([:], new PrintWriter(err)).build().start()

        then:
        new LoopbackHttp(server).token('ops', 'Open-Pw')
        err.toString() == "cnsh sandbox: warning: other users can read $file; chmod 600 $file\n"
        !err.toString().contains('Open-Pw')

        cleanup:
        server?.close()
    }

    def "--strict starts a strict sandbox and says so"() {
        given:
        def server = configured([:], '--strict')

        expect:
        server.strict()
        !configured([:]).withCloseable { it.strict() }

        cleanup:
        server?.close()
    }

    def "--help names the password file, the environment variable and --strict"() {
        when:
        def out = new StringWriter()
        Main.run([CNSH_HOME: dir.toString()], new PrintWriter(out), new PrintWriter(new StringWriter()), 'sandbox', '--help')

        then:
        out.toString().contains('--api-password-file=FILE')
        out.toString().contains('CNSH_SANDBOX_API_PASSWORD')
        out.toString().contains('--strict')
    }
}
