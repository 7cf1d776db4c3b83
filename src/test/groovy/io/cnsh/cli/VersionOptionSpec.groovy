package io.cnsh.cli

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * {@code cnsh --version}: one line with cnsh's, Groovy's and Java's versions, answered in a process
 * of its own before picocli builds the command tree and without Groovy's runtime where the jar's
 * manifest has the versions (run from classes, as here, Groovy's version comes from Groovy).
 */
class VersionOptionSpec extends Specification {

    @TempDir
    Path dir

    def "#option prints one line of versions, the same as picocli's version option, and loads no picocli class"() {
        given:
        Path classes = dir.resolve('classes.log')
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        def process = new ProcessBuilder('java', "-Xlog:class+load:file=${classes}".toString(), '-cp', cp, Main.name, option)
                .redirectErrorStream(true).start()
        String out = process.inputStream.text
        assert process.waitFor(60, TimeUnit.SECONDS)

        when:
        def sink = new StringWriter()
        int code = Main.run([:], new PrintWriter(sink), new PrintWriter(new StringWriter()), option)

        then:
        process.exitValue() == 0
        out ==~ /cnsh development \(Groovy 5\.\d+\.\d+, Java \d+[^)]*\)\n/
        code == 0
        sink.toString() == out
        Files.readAllLines(classes).findAll { it.contains(' picocli.') }.isEmpty()

        where:
        option << ['--version', '-V']
    }
}
