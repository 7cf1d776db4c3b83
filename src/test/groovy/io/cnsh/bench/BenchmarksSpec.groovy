package io.cnsh.bench

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import spock.lang.Specification

/**
 * The benchmarks' own code, run small: B1 against a real in-process sandbox over loopback with a
 * few agents and 1 ms of latency, so that the figures are not what is checked, only that the run
 * does what its lines say. The benchmarks at full size are never part of the test run.
 */
class BenchmarksSpec extends Specification {

    StringWriter out = new StringWriter()
    StringWriter err = new StringWriter()

    def "cnsh bench knows B1 to B4, in that order"() {
        expect:
        Benchmarks.names() == ['B1', 'B2', 'B3', 'B4']
    }

    def "a small B1 updates every agent three ways and ends with its summary line"() {
        when:
        String summary = new BulkUpdateBenchmark(40, Duration.ofMillis(1)).run(new PrintWriter(out, true))

        then:
        out.toString().contains('B1 setup: 40 agents in the sandbox, 1 ms latency per request')
        out.toString().contains('B1 cnsh batched (batch 100, concurrency 1): 1 requests in ')
        out.toString().contains('B1 one request per agent: 40 requests in ')
        out.toString().contains('B1 check: agent 0 carries the last value: yes')
        summary ==~ /B1 cnsh=\d+\.\d\ds per_agent=\d+\.\ds floor=0\.00s ratio_vs_per_agent=\d+\.\d ratio_vs_floor=\S+/
    }

    def "a B2 of one round without warm-up times every row and ends with a summary that has both ratios"() {
        given: 'cnsh and GroovyMain on the test class path, as the build has not packaged them yet'
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java')
        List<String> cnsh = [java, '-XX:TieredStopAtLevel=1', '-XX:-UsePerfData', '-cp', cp, 'io.cnsh.cli.Main']
        boolean curl = System.getenv('PATH').split(File.pathSeparator).any { Files.isExecutable(Path.of(it, 'curl')) }

        when:
        String summary = new StartupBenchmark(1, false, cnsh, cp).run(new PrintWriter(out, true))
        List<String> table = out.toString().readLines().dropWhile { !it.startsWith('B2 1 runs each') }

        then:
        out.toString().contains('B2 round 1 of 1 done')
        !out.toString().contains('B2 warm-up')
        ["./cnsh -e '1'", './cnsh -e "def n = N; agents < read limit: 1 >"', './cnsh run fifty-lines.groovy (first run)',
         './cnsh -e "agents < read limit: N >" (one form)', './cnsh run fifty-lines.groovy (cached)', './cnsh token get', './cnsh --version', './cnsh (shell, embedded sandbox)',
         "groovy -e '1' (GroovyMain)", 'jshell ', 'groovysh 5.0.3', 'curl token.php get + database.php read'].every { row ->
            table.any { it.startsWith('   ' + row) }
        }
        table.find { it.startsWith('   ./cnsh (shell') } ==~ /.*\d+\.\d\d \(.*\d+\.\d\d \(.*/
        summary.startsWith('B2 cnsh_e=')
        ['cnsh_e_read', 'cnsh_e_oneform', 'cnsh_run_first', 'cnsh_run_cached', 'cnsh_token', 'cnsh_version', 'cnsh_prompt', 'cnsh_answer',
         'groovy_e', 'jshell_prompt'].every { summary =~ / ${it}=\d+\.\d\ds / }
        summary =~ / ratio_e_vs_groovy_e=\d+\.\d\d /
        summary =~ / ratio_oneform_vs_groovy_e=\d+\.\d\d$/
        summary =~ (curl ? / ratio_read_vs_curl=\d+\.\d\d / : / ratio_read_vs_curl=n\/a /)
    }

    def "an unknown name is refused before anything runs or prints"() {
        when:
        Benchmarks.run(['B1', 'B9'], new PrintWriter(out, true), new PrintWriter(err, true))

        then:
        IllegalArgumentException e = thrown()
        e.message == "no benchmark 'B9' (benchmarks: B1, B2, B3, B4)"
        out.toString() == ''
        err.toString() == ''
    }
}
