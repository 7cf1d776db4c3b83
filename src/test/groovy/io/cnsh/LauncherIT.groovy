package io.cnsh

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit

/**
 * The ./cnsh launcher as a user runs it, after the jar is packaged: from another directory,
 * passing arguments, CNSH_JAVA_OPTS and the exit code through, and as a {@code #!/usr/bin/env cnsh}
 * interpreter. Each run uses its own CNSH_HOME, so the embedded sandbox starts fresh.
 */
class LauncherIT extends Specification {

    static final Path REPO = Path.of('').toAbsolutePath()

    @TempDir Path home

    Map launch(List<String> command, Map<String, String> env = [:]) {
        def pb = new ProcessBuilder(command).directory(home.toFile())
        pb.environment().put('CNSH_HOME', home.toString())
        pb.environment().put('PATH', REPO.toString() + File.pathSeparator + System.getenv('PATH'))
        ['CNSH_PROFILE', 'CNSH_BASE_URL', 'CNSH_USERNAME', 'CNSH_PASSWORD', 'CNSH_JAVA_OPTS'].each { pb.environment().remove(it) }
        pb.environment().putAll(env)
        def process = pb.start()
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        def tOut = Thread.start { out << process.inputStream }
        def tErr = Thread.start { err << process.errorStream }
        assert process.waitFor(120, TimeUnit.SECONDS): "cnsh did not finish: ${command}"
        tOut.join(); tErr.join()
        [code: process.exitValue(), out: out.toString('UTF-8'), err: err.toString('UTF-8')]
    }

    def "the launcher works from any directory and prints the version without rebuilding"() {
        when:
        def r = launch([REPO.resolve('cnsh').toString(), '--version'])

        then:
        r.code == 0
        r.out.trim() ==~ /cnsh \d+\.\d+\.\d+.*/
        !r.err.contains('building')
    }

    def "the launcher passes the program's exit code through"() {
        when:
        def r = launch([REPO.resolve('cnsh').toString(), '--no-such-option'])

        then:
        r.code == 2
        r.err.readLines()[0] == "cnsh: Unknown option: '--no-such-option'"
    }

    def "CNSH_JAVA_OPTS reaches the JVM"() {
        when:
        def r = launch([REPO.resolve('cnsh').toString(), '-e', "System.getProperty('cnsh.probe')"],
                [CNSH_JAVA_OPTS: '-Dcnsh.probe=reached'])

        then:
        r.code == 0
        r.out == 'reached\n'
    }

    def "#how runs with C1 only and the serial collector; CNSH_JAVA_OPTS still wins"() {
        given:
        Path script = home.resolve('flags.groovy')
        Files.writeString(script, 'println java.lang.management.ManagementFactory.runtimeMXBean.inputArguments' +
                '.findAll { it.startsWith("-XX:TieredStopAtLevel") || it.endsWith("GC") }\n')

        when:
        def r = launch([REPO.resolve('cnsh').toString()] + args.collect { it == 'FILE' ? script.toString() : it }, env)

        then:
        r.code == 0
        r.out == expected

        where:
        how                           | args                         | env                                           | expected
        'run FILE'                    | ['run', 'FILE']              | [:]                                           | '[-XX:TieredStopAtLevel=1, -XX:+UseSerialGC]\n'
        'cnsh FILE'                   | ['FILE']                     | [:]                                           | '[-XX:TieredStopAtLevel=1, -XX:+UseSerialGC]\n'
        '--debug run FILE'            | ['--debug', 'run', 'FILE']   | [:]                                           | '[-XX:TieredStopAtLevel=1, -XX:+UseSerialGC]\n'
        'run FILE with CNSH_JAVA_OPTS' | ['run', 'FILE']             | [CNSH_JAVA_OPTS: '-XX:TieredStopAtLevel=4']   | '[-XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -XX:TieredStopAtLevel=4]\n'
    }

    def "on the embedded sandbox a create prints the new agentid and a read finds the agent"() {
        when:
        def created = launch([REPO.resolve('cnsh').toString(), '-e', "agents < create name: 'Joe', pin: '123456' >"])
        def found = launch([REPO.resolve('cnsh').toString(), '-e', "(agents < read name: 'Joe' >).size()"])

        then:
        created.code == 0
        created.out.trim() ==~ /\d+/
        (created.out.trim() as long) >= 550000
        found.code == 0
        (found.out.trim() as int) >= 1
        Files.isDirectory(home.resolve('sandbox'))
    }

    def "a #!/usr/bin/env cnsh script runs as a program with its arguments"() {
        given:
        Path script = home.resolve('count')
        script.toFile().text = '#!/usr/bin/env cnsh\nprintln((agents < read auth_level: args[0] >).size())\n'
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString('rwx------'))

        when:
        def r = launch([script.toString(), 'admin'])

        then:
        r.code == 0
        (r.out.trim() as int) > 0
    }
}
