package io.cnsh.bench

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.xpath.XPathFactory
import spock.lang.Specification
import spock.lang.TempDir

/** B2 finds groovysh where the documented Maven step puts it, and never fetches it itself. */
class GroovyshJarsSpec extends Specification {

    @TempDir Path home

    private Path fetched(String... jars) {
        Path dir = Files.createDirectories(GroovyshJars.cacheDir(home))
        List<String> entries = jars.collect { name ->
            Path jar = dir.resolve(name)
            Files.write(jar, [0x50, 0x4b] as byte[])
            jar.toString()
        }
        Files.writeString(dir.resolve('classpath.txt'), entries.join(File.pathSeparator) + '\n')
        dir
    }

    def "the jars are looked for under ~/.cache/cnsh-bench, by groovysh's version"() {
        expect:
        GroovyshJars.cacheDir(home) == home.resolve('.cache/cnsh-bench/groovysh-5.0.3')
    }

    def "with nothing fetched there is no class path, so B2 reports groovysh as skipped"() {
        expect:
        GroovyshJars.classPath(GroovyshJars.cacheDir(home)) == null
    }

    def "the class path the step wrote is used as it is when every jar it names is there"() {
        given:
        Path dir = fetched('groovy-groovysh-5.0.3.jar', 'groovy-5.0.3.jar')

        expect:
        GroovyshJars.classPath(dir) == [dir.resolve('groovy-groovysh-5.0.3.jar'), dir.resolve('groovy-5.0.3.jar')]
                .join(File.pathSeparator)
    }

    def "a class path naming a jar that is gone counts as not fetched"() {
        given:
        Path dir = fetched('groovy-groovysh-5.0.3.jar', 'groovy-5.0.3.jar')
        Files.delete(dir.resolve('groovy-5.0.3.jar'))

        expect:
        GroovyshJars.classPath(dir) == null
    }

    def "jars without the class path file (a step cut short) count as not fetched"() {
        given:
        Path dir = fetched('groovy-groovysh-5.0.3.jar')
        Files.delete(dir.resolve('classpath.txt'))

        expect:
        Files.exists(dir.resolve('groovy-groovysh-5.0.3.jar'))
        GroovyshJars.classPath(dir) == null
    }

    def "an empty class path file counts as not fetched"() {
        given:
        Path dir = Files.createDirectories(GroovyshJars.cacheDir(home))
        Files.writeString(dir.resolve('classpath.txt'), '\n')

        expect:
        GroovyshJars.classPath(dir) == null
    }

    def "the command to run names the step's own Maven file, which fetches the same groovysh into the same place"() {
        given:
        Path project = Paths.get('').toAbsolutePath()
        Path pom = project.resolve(GroovyshJars.POM)
        def xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
        def xpath = XPathFactory.newInstance().newXPath()

        expect:
        GroovyshJars.fetchCommand(project) == "mvn -B -q -f ${pom} package"
        xpath.evaluate('/project/properties/groovysh.version', xml) == GroovyshJars.VERSION
        xpath.evaluate('/project/properties/groovysh.dir', xml) == '${user.home}/.cache/cnsh-bench/groovysh-${groovysh.version}'
        xpath.evaluate('count(/project/dependencies/dependency)', xml) == '1'
        xpath.evaluate('/project/dependencies/dependency/artifactId', xml) == 'groovy-groovysh'
    }
}
