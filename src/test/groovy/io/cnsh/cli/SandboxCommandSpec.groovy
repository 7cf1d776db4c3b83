package io.cnsh.cli

import io.cnsh.sandbox.LoopbackHttp
import io.cnsh.sandbox.SandboxException
import io.cnsh.sandbox.SandboxServer
import java.nio.charset.StandardCharsets
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import picocli.CommandLine
import spock.lang.Specification
import spock.lang.TempDir

/** cnsh sandbox: its options, its mistakes, and a real run in its own process. */
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
}
