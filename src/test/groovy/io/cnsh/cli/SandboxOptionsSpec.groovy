package io.cnsh.cli

import io.cnsh.sandbox.Seed
import io.cnsh.wire.Format
import java.nio.file.Path
import java.time.Duration
import picocli.CommandLine
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

/**
 * cnsh sandbox's typed options: every value is converted and range-checked by picocli's converters
 * while the command line is parsed, and a refused value is one line that names the option, exit code 2.
 * (A value that slipped through would start a server and wait for Ctrl-C: the timeout turns that into a failure.)
 */
@Timeout(120)
class SandboxOptionsSpec extends Specification {

    static final Map<String, String> WHOLE_NUMBERS = [
        '--port'                : '0 to 65535',
        '--token-ttl'           : '1 to 2147483647',
        '--error-status'        : '200 to 599',
        '--max-records'         : '1 to 1000000',
        '--max-connections'     : '1 to 100000',
        '--read-timeout'        : '1 to 86400',
        '--fault-latency'       : '0 to 600000',
        '--fault-jitter'        : '0 to 600000',
        '--fault-expired-tokens': '0 to 2147483647',
        '--fault-unknown-tokens': '0 to 2147483647',
    ]
    static final List<String> SHARES = ['--fault-http-errors', '--fault-resets', '--fault-lost-responses', '--fault-drop-rows']
    static final List<String> WITH_VALUES = (WHOLE_NUMBERS.keySet() as List<String>) + SHARES + ['--fault-seed', '--bind', '--data', '--seed',
        '--api-user', '--api-password', '--api-password-file', '--account-id', '--default-format']

    @TempDir Path dir

    /** cnsh in this JVM: the exit code and what it wrote to stderr. */
    Map cnsh(List<String> args) {
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: dir.toString()], new PrintWriter(new StringWriter()), new PrintWriter(err), args as String[])
        [code: code, err: err.toString()]
    }

    /** The command after picocli has parsed these arguments, as cnsh sandbox gets it. */
    SandboxCommand parsed(String... args) {
        def cmd = new SandboxCommand()
        new CommandLine(cmd).parseArgs(args)
        cmd
    }

    def "#option refuses '#value' in one line that names it and the range, exit code 2"() {
        when:
        def r = cnsh(['sandbox', '--in-memory', option, value])

        then:
        r.code == 2
        r.err.readLines() == ["cnsh sandbox: $option must be a whole number from ${WHOLE_NUMBERS[option]}, got '$value' (see cnsh sandbox --help)".toString()]

        where:
        [option, value] << [WHOLE_NUMBERS.keySet(), ['-1', '2.9', '4294967296', 'ten', '1e3', '0x10']].combinations()
    }

    def "#option refuses '#value' as a share in one line, exit code 2"() {
        when:
        def r = cnsh(['sandbox', '--in-memory', option, value])

        then:
        r.code == 2
        r.err.readLines() == ["cnsh sandbox: $option must be a share from 0 to 1, got '$value' (see cnsh sandbox --help)".toString()]

        where:
        [option, value] << [SHARES, ['-1', '2.9', '4294967296', '5%', 'NaN', 'Infinity']].combinations()
    }

    def "--fault-seed takes any whole number a long holds and refuses '#value'"() {
        when:
        def r = cnsh(['sandbox', '--in-memory', '--fault-seed', value])

        then:
        r.code == 2
        r.err.readLines() == ["cnsh sandbox: --fault-seed must be a whole number, got '$value' (see cnsh sandbox --help)".toString()]

        where:
        value << ['2.9', 'ten', '9223372036854775808']
    }

    def "#option without a value, #how, is one line saying it needs one, exit code 2"() {
        when:
        def r = cnsh(['sandbox'] + args)

        then:
        r.code == 2
        r.err.readLines() == ["cnsh sandbox: $option needs a value (see cnsh sandbox --help)".toString()]

        where:
        [option, how] << [WITH_VALUES, ['last', 'before another option', 'empty', 'blank', 'attached empty']].combinations()
        args = [
            'last'                 : ['--in-memory', option],
            'before another option': [option, '--in-memory'],
            'empty'                : ['--in-memory', option, ''],
            'blank'                : ['--in-memory', option, '  '],
            'attached empty'       : ['--in-memory', "$option=".toString()],
        ][how]
    }

    def "values in range are taken trimmed and typed, at the ends of their ranges too"() {
        when:
        def cmd = parsed('--port', ' 65535 ', '--token-ttl', '2147483647', '--error-status', '599', '--max-records', '1000000',
                '--max-connections', '1', '--read-timeout', '86400', '--fault-latency', '0', '--fault-jitter', '600000',
                '--fault-expired-tokens', '2147483647', '--fault-unknown-tokens', '0', '--fault-http-errors', '1',
                '--fault-resets', '0', '--fault-lost-responses', '0.25', '--fault-drop-rows', '1e-1', '--fault-seed', '-1',
                '--seed', 'NONE', '--default-format', 'Xml', '--account-id', '000123', '--data', 'some/dir',
                '--api-user', ' ops ', '--bind', 'localhost')

        then:
        cmd.port == 65_535
        cmd.tokenTtl == Duration.ofSeconds(Integer.MAX_VALUE)
        cmd.errorStatus == 599
        cmd.maxRecords == 1_000_000
        cmd.maxConnections == 1
        cmd.readTimeout == Duration.ofDays(1)
        cmd.faultLatency == Duration.ZERO
        cmd.faultJitter == Duration.ofMinutes(10)
        cmd.faultExpiredTokens == Integer.MAX_VALUE
        cmd.faultUnknownTokens == 0
        cmd.faultHttpErrors == 1d
        cmd.faultResets == 0d
        cmd.faultLostResponses == 0.25d
        cmd.faultDropRows == 0.1d
        cmd.faultSeed == -1L
        cmd.seed == Seed.NONE
        cmd.defaultFormat == Format.XML
        cmd.accountId == '000123'
        cmd.data == Path.of('some/dir')
        cmd.apiUser == 'ops'
        cmd.bind == 'localhost'
        parsed('--fault-seed', '4294967296').faultSeed == 4_294_967_296L
    }

    def "left out, every option has the default its help names"() {
        when:
        def cmd = parsed()

        then:
        cmd.port == 18080
        cmd.bind == null
        cmd.seed == Seed.DEMO
        cmd.accountId == '20001'
        cmd.defaultFormat == Format.JSON
        cmd.tokenTtl == Duration.ofSeconds(43_200)
        cmd.errorStatus == 200
        cmd.maxRecords == 10_000
        cmd.maxConnections == 1_000
        cmd.readTimeout == Duration.ofSeconds(30)
        cmd.faultLatency == Duration.ZERO
        cmd.faultJitter == Duration.ZERO
        cmd.faultSeed == 1L
        [cmd.faultHttpErrors, cmd.faultResets, cmd.faultLostResponses, cmd.faultDropRows].every { it == 0d }
        [cmd.faultExpiredTokens, cmd.faultUnknownTokens].every { it == 0 }
    }

    def "the typed fault options reach the server's faults"() {
        given:
        def cmd = parsed('--port', '0', '--in-memory', '--quiet', '--fault-latency', '50', '--fault-jitter', '20',
                '--fault-resets', '0.5', '--fault-expired-tokens', '2')
        def server = cmd.configure([:], new PrintWriter(new StringWriter())).build()

        when:
        cmd.applyFaults(server)

        then:
        server.faults().describe() == 'latency 50+20 ms, resets 50.0%, next 2 expired tokens'
    }

    def "a mistake picocli finds itself in cnsh sandbox's options is one line too, exit code 2"() {
        when:
        def r = cnsh(['sandbox', '--in-memory=yes'])

        then:
        r.code == 2
        r.err.readLines().size() == 1
        r.err.startsWith('cnsh sandbox: ')
        r.err.contains('--in-memory')
        r.err.trim().endsWith('(see cnsh sandbox --help)')
    }

    def "other commands keep their own wording of a bad value"() {
        when:
        def r = cnsh(['--max-changes', 'ten', '-e', '1'])

        then:
        r.code == 2
        r.err.readLines()[0] == "cnsh: Invalid value for option '--max-changes': 'ten' is not an int"
    }
}
