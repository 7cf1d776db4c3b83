package io.cnsh

import spock.lang.ResourceLock
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.nio.file.attribute.PosixFilePermissions
import java.security.MessageDigest
import java.util.concurrent.TimeUnit
import java.util.zip.ZipFile

/**
 * The release archive as an admin installs it, after {@code mvn package} made it: the .sha256 files
 * check, the tar.gz and the zip hold the same files, and the unpacked {@code bin/cnsh} runs from another
 * directory with a PATH that has java and a few system tools but no Maven and no source, recording its
 * AppCDS archive under {@code $CNSH_HOME/cache/cds} on a first run and starting from it afterwards.
 */
@ResourceLock(SpecResources.CHILD_PROCESSES)
class ReleaseArchiveIT extends Specification {

    static final Path TARGET = Path.of('target').toAbsolutePath()
    /** What bin/cnsh may call besides java (and what a test needs to set things up). */
    static final List<String> TOOLS = ['sh', 'readlink', 'tr', 'sed', 'cksum', 'ls', 'df', 'awk', 'mkdir', 'chmod', 'mv', 'rm', 'cat']
    static final String AGENT_ROW = /(?m)^550000 +Priya Raman +praman +admin\b.*$/

    @Shared @TempDir Path unpacked
    @Shared @TempDir Path tools
    @Shared @TempDir Path sharedHome
    @Shared Path archive
    @Shared Path dist

    @TempDir Path work

    def setupSpec() {
        List<Path> archives = Files.list(TARGET).withCloseable { s -> s.filter { it.fileName.toString() ==~ /cnsh-.+\.tar\.gz/ }.toList() }
        assert archives.size() == 1: "one target/cnsh-VERSION.tar.gz from mvn package, found ${archives}"
        archive = archives[0]
        assert new ProcessBuilder('tar', 'xzf', archive.toString(), '-C', unpacked.toString()).inheritIO().start().waitFor() == 0
        dist = unpacked.resolve(archive.fileName.toString() - '.tar.gz')
        Files.createSymbolicLink(tools.resolve('java'), Path.of(System.getProperty('java.home'), 'bin', 'java'))
        TOOLS.each { tool ->
            Path found = System.getenv('PATH').split(File.pathSeparator).collect { Path.of(it, tool) }.find { Files.isExecutable(it) }
            assert found: "${tool} on this machine's PATH"
            Files.createSymbolicLink(tools.resolve(tool), found)
        }
    }

    /** Runs {@code command} in {@code dir} with only {@code PATH=tools}, {@code HOME}, {@code CNSH_HOME} and {@code env}. */
    Map cnsh(List<String> command, Path home, Map<String, String> env = [:], Path dir = work) {
        def process = start(command, home, env, dir)
        finish(process, command)
    }

    Process start(List<String> command, Path home, Map<String, String> env = [:], Path dir = work) {
        def pb = new ProcessBuilder(command).directory(dir.toFile())
        pb.environment().clear()
        pb.environment().putAll([PATH: tools.toString(), HOME: home.toString(), CNSH_HOME: home.toString(), TERM: 'dumb'])
        pb.environment().putAll(env)
        pb.start()
    }

    Map finish(Process process, List<String> command) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        def tOut = Thread.start { out << process.inputStream }
        def tErr = Thread.start { err << process.errorStream }
        assert process.waitFor(180, TimeUnit.SECONDS): "cnsh did not finish: ${command}"
        tOut.join(); tErr.join()
        [code: process.exitValue(), out: out.toString('UTF-8'), err: err.toString('UTF-8')]
    }

    String launcher() {
        dist.resolve('bin/cnsh').toString()
    }

    static List<Path> filesIn(Path dir) {
        Files.isDirectory(dir) ? Files.list(dir).withCloseable { it.toList() } : []
    }

    static String sha256(Path file) {
        MessageDigest digest = MessageDigest.getInstance('SHA-256')
        Files.newInputStream(file).withCloseable { input ->
            byte[] buffer = new byte[1 << 16]
            for (int n = input.read(buffer); n > 0; n = input.read(buffer)) {
                digest.update(buffer, 0, n)
            }
        }
        digest.digest().encodeHex().toString()
    }

    def "each archive has a .sha256 beside it in sha256sum's format, and the zip holds the files of the tar.gz"() {
        given:
        Path zip = TARGET.resolve(archive.fileName.toString() - '.tar.gz' + '.zip')
        String base = dist.fileName.toString()

        expect:
        [archive, zip].every { Files.readString(Path.of("${it}.sha256")) == "${sha256(it)}  ${it.fileName}\n" }

        when:
        def listing = new ProcessBuilder('tar', 'tzf', archive.toString()).start()
        Set<String> tarFiles = listing.inputStream.readLines().findAll { !it.endsWith('/') } as Set
        Set<String> zipFiles = new ZipFile(zip.toFile()).withCloseable { z -> z.entries().toList().findAll { !it.directory }*.name } as Set
        Set<String> libs = filesIn(TARGET.resolve('lib')).collect { "${base}/lib/${it.fileName}".toString() } as Set

        then:
        listing.waitFor() == 0
        tarFiles == zipFiles
        tarFiles.every { it.startsWith("${base}/") }
        tarFiles.containsAll(["${base}/bin/cnsh", "${base}/bin/cnsh.cmd", "${base}/lib/cnsh.jar", "${base}/README.md",
                              "${base}/scripts/report.groovy", "${base}/dsl-docs/README.md"]*.toString())
        !libs.empty
        tarFiles.containsAll(libs)
        Files.getPosixFilePermissions(dist.resolve('bin/cnsh')) == PosixFilePermissions.fromString('rwxr-xr-x')
        Files.readString(dist.resolve('bin/cnsh')).startsWith('#!/bin/sh\n')
        !Files.readString(dist.resolve('bin/cnsh')).contains('@project.version@')
    }

    def "bin/cnsh --version answers from another directory with java but no Maven on PATH"() {
        expect:
        !Files.exists(tools.resolve('mvn'))

        when:
        def r = cnsh([launcher(), '--version'], sharedHome)

        then:
        r.code == 0
        r.out.readLines()[0] ==~ /cnsh \d+\.\d+\.\d+.*/
        r.err == ''
    }

    def "bin/cnsh -e reads an agent of the embedded sandbox, and its first run records the start-up archive, owner-only"() {
        when:
        def r = cnsh([launcher(), '-e', 'agents < read limit: 1 >'], sharedHome)
        Path cds = sharedHome.resolve('cache/cds')

        then:
        r.code == 0
        r.out =~ AGENT_ROW
        r.err == ''
        filesIn(cds)*.fileName*.toString().findAll { it.endsWith('.jsa') }.size() == 1
        filesIn(cds).every { it.fileName.toString().endsWith('.jsa') }
        Files.getPosixFilePermissions(filesIn(cds)[0]) == PosixFilePermissions.fromString('rw-------')
        Files.getPosixFilePermissions(cds) == PosixFilePermissions.fromString('rwx------')
    }

    def "bin/cnsh run scripts/report.groovy summary prints a summary, starting from the archive the first run recorded"() {
        given:
        Path classLog = work.resolve('classes.log')
        List<Path> before = filesIn(sharedHome.resolve('cache/cds'))

        when:
        def r = cnsh([launcher(), 'run', dist.resolve('scripts/report.groovy').toString(), 'summary'], sharedHome,
                [CNSH_JAVA_OPTS: "-Xlog:class+load=info:file=${classLog}".toString()])

        then:
        r.code == 0
        r.out.startsWith('Summary of ')
        r.out.contains('Agents by auth_level')
        r.err == ''
        before.size() == 1
        filesIn(sharedHome.resolve('cache/cds')) == before
        Files.readString(classLog).contains('source: shared objects file (top)')
    }

    def "an archive older than cnsh.jar (the same version built again) is recorded anew"() {
        given:
        List<Path> archives = filesIn(sharedHome.resolve('cache/cds'))
        assert archives.size() == 1
        Files.setLastModifiedTime(archives[0], FileTime.fromMillis(0))
        Path classLog = work.resolve('classes.log')

        when:
        def recording = cnsh([launcher(), '-e', '1 + 1'], sharedHome)
        def next = cnsh([launcher(), '-e', '2 + 2'], sharedHome, [CNSH_JAVA_OPTS: "-Xlog:class+load=info:file=${classLog}".toString()])

        then:
        recording.out == '2\n'
        next.out == '4\n'
        filesIn(sharedHome.resolve('cache/cds')) == archives
        Files.getLastModifiedTime(archives[0]) > Files.getLastModifiedTime(dist.resolve('lib/cnsh.jar'))
        Files.readString(classLog).contains('source: shared objects file (top)')
    }

    def "a symlink to bin/cnsh, and a relative symlink to that, run cnsh from other directories"() {
        given:
        Path links = Files.createDirectories(work.resolve('links'))
        Path other = Files.createDirectories(work.resolve('other'))
        Files.createSymbolicLink(links.resolve('cnsh'), Path.of(launcher()))
        Files.createSymbolicLink(other.resolve('c'), Path.of('../links/cnsh'))

        when:
        def direct = cnsh([links.resolve('cnsh').toString(), '-e', '1 + 1'], sharedHome)
        def chained = cnsh([other.resolve('c').toString(), '-e', '(agents < read limit: 1 >).size()'], sharedHome, [:], other)

        then:
        direct.code == 0
        direct.out == '2\n'
        chained.code == 0
        chained.out == '1\n'
    }

    def "two first runs at once both work and leave one archive"() {
        given:
        Path home = Files.createDirectories(work.resolve('home'))

        when:
        def one = start([launcher(), '-e', '1 + 1'], home)
        def two = start([launcher(), '-e', '2 + 2'], home)
        def r1 = finish(one, ['first'])
        def r2 = finish(two, ['second'])

        then:
        [r1.code, r2.code] == [0, 0]
        r1.out == '2\n'
        r2.out == '4\n'
        filesIn(home.resolve('cache/cds'))*.fileName*.toString().every { it.endsWith('.jsa') }
        filesIn(home.resolve('cache/cds')).size() == 1
    }

    def "a Java older than 17, from JAVA_HOME or on PATH, gets one line saying so and exit 1"() {
        given:
        Path jdk = Files.createDirectories(work.resolve('jdk11/bin'))
        Path java = jdk.resolve('java')
        Files.writeString(java, '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\necho \'OpenJDK Runtime Environment 18.9 (build 11.0.2+9)\' >&2\n')
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString('rwx------'))
        Path home = Files.createDirectories(work.resolve('home'))

        when:
        def fromHome = cnsh([launcher(), '-e', '1'], home, [JAVA_HOME: jdk.parent.toString()])
        def fromPath = cnsh([launcher(), '-e', '1'], home, [PATH: "${jdk}${File.pathSeparator}${tools}".toString()])

        then:
        [fromHome, fromPath].every { r ->
            r.code == 1 && r.out == '' && r.err.readLines().size() == 1 &&
                    r.err ==~ /cnsh: cnsh needs Java 17 or later; .*java is Java 11\.0\.2 \(set JAVA_HOME to a newer one\)\n/
        }
        !Files.exists(home.resolve('cache'))
    }

    def "a read-only or unusable cache directory leaves the run going without an archive"() {
        given:
        Path readOnly = Files.createDirectories(work.resolve('ro/cache'))
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString('r-x------'))
        Path fileHome = Files.createDirectories(work.resolve('file'))
        Files.writeString(fileHome.resolve('cache'), 'not a directory')

        when:
        def r1 = cnsh([launcher(), '-e', 'agents < read limit: 1 >'], readOnly.parent)
        def r2 = cnsh([launcher(), '-e', 'agents < read limit: 1 >'], fileHome)

        then:
        [r1, r2].every { it.code == 0 && it.out =~ AGENT_ROW && it.err == '' }
        // root writes into a read-only directory all the same; everyone else gets no archive there
        System.getProperty('user.name') == 'root' || !Files.exists(readOnly.resolve('cds'))
        Files.readString(fileHome.resolve('cache')) == 'not a directory'

        cleanup:
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString('rwx------'))
    }
}
