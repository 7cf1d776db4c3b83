package io.cnsh.bench

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
