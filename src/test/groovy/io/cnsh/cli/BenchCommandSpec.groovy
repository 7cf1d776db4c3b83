package io.cnsh.cli

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import spock.lang.Specification
import spock.lang.TempDir

/** {@code cnsh bench}: the one way in to the benchmarks of {@code io.cnsh.bench}. */
class BenchCommandSpec extends Specification {

    @TempDir Path home
    StringWriter out = new StringWriter()
    StringWriter err = new StringWriter()

    private int cnsh(String... args) {
        Main.run([CNSH_HOME: home.toString()], new PrintWriter(out, true), new PrintWriter(err, true), args)
    }

    def "cnsh bench --help shows the usage of the CLI contract, cnsh bench [B1|B2|...], and runs nothing"() {
        when:
        int code = cnsh('bench', '--help')

        then:
        code == Main.OK
        out.toString().readLines().first() == 'Usage: cnsh bench [-hV] [B1|B2|...]'
        !out.toString().contains('== B1')
    }

    def "cnsh bench with an unknown name is a usage error naming the benchmarks there are, and runs none"() {
        when:
        int code = cnsh('bench', 'B1', name)

        then:
        code == Main.USAGE
        err.toString().readLines().first() == "cnsh: no benchmark '${name}' (benchmarks: B1, B2, B3, B4)"
        !err.toString().contains('Exception')
        !out.toString().contains('== B1')

        where:
        name << ['B9', '', '0', '-1']
    }

    def "nothing in the product but cnsh bench refers to the benchmarks, and nothing runs Maven"() {
        given:
        Path main = Paths.get('src/main')
        List<Path> sources = Files.walk(main).filter { it.toString() ==~ /.*\.(java|groovy)$/ }.toList()
        List<Path> outside = sources.findAll { !it.startsWith(main.resolve('java/io/cnsh/bench')) }

        expect:
        !outside.isEmpty()
        outside.findAll { Files.readString(it).contains('io.cnsh.bench') }*.fileName*.toString() == ['BenchCommand.java']
        outside.findAll { it.fileName.toString() =~ /Bench/ }*.fileName*.toString() == ['BenchCommand.java']
        sources.findAll { Files.readString(it) =~ /"mvn"|ProcessBuilder\("mvn/ } == []
    }
}
