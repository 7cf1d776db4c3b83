package io.cnsh.model

import java.nio.file.FileAlreadyExistsException
import java.nio.file.FileSystem
import java.nio.file.FileSystemException
import java.nio.file.FileSystems
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import spock.lang.Specification
import spock.lang.TempDir

/** Owner-only files and directories: the mode set at creation whatever the umask, repair, refusal, whole replacement. */
class OwnerOnlyFilesSpec extends Specification {

    @TempDir Path dir

    static String mode(Path p) {
        PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
    }

    static void chmod(Path p, String mode) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode))
    }

    /** Runs {@link OwnerOnlyFilesChild} on {@code root} in a JVM started under {@code umask}; returns its output. */
    static String child(String umask, Path root) {
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        Path out = root.resolveSibling(root.fileName.toString() + '.out')
        def process = new ProcessBuilder('sh', '-c', "umask ${umask} && exec \"\$@\"".toString(), 'child',
                'java', '-XX:-UsePerfData', '-XX:TieredStopAtLevel=1', '-cp', cp, OwnerOnlyFilesChild.name, root.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start()
        assert process.waitFor(60, TimeUnit.SECONDS): 'the child did not end'
        assert process.exitValue() == 0: Files.readString(out)
        Files.readString(out)
    }

    def "under umask #umask new directories are rwx------ and new files rw-------, the temporary file of a replace too while it is written"() {
        given:
        Path root = dir.resolve('home')

        when:
        String seen = child(umask, root)

        then:
        seen.trim() == 'rw-------'
        mode(root) == 'rwx------'
        mode(root.resolve('a')) == 'rwx------'
        mode(root.resolve('a/b')) == 'rwx------'
        mode(root.resolve('a/b/created')) == 'rw-------'
        mode(root.resolve('a/b/journal')) == 'rw-------'
        mode(root.resolve('a/b/replaced')) == 'rw-------'
        Files.readString(root.resolve('a/b/journal')) == 'line\n'
        Files.readString(root.resolve('a/b/replaced')) == 'whole'
        Files.list(root.resolve('a/b')).withCloseable { it.toList() }*.fileName*.toString().sort() == ['created', 'journal', 'replaced']

        where: 'a permissive umask, and one that takes even the owner\'s bits'
        umask << ['000', '777']
    }

    def "creating leaves an existing file or directory as it is; restrict repairs its mode"() {
        given:
        Path file = Files.writeString(dir.resolve('f'), 'kept')
        Path sub = Files.createDirectory(dir.resolve('d'))
        chmod(file, 'rw-r--r--')
        chmod(sub, 'rwxr-xr-x')

        when:
        boolean created = OwnerOnlyFiles.createFile(file)
        OwnerOnlyFiles.createDirectories(sub)

        then:
        !created
        mode(file) == 'rw-r--r--'
        mode(sub) == 'rwxr-xr-x'
        Files.readString(file) == 'kept'

        when:
        OwnerOnlyFiles.restrict(file)
        OwnerOnlyFiles.restrict(sub)

        then:
        mode(file) == 'rw-------'
        mode(sub) == 'rwx------'
        Files.readString(file) == 'kept'
        OwnerOnlyFiles.isPrivate(file)
        OwnerOnlyFiles.isPrivate(sub)
    }

    def "restrict gives back the owner's own bits too"() {
        given:
        Path file = Files.writeString(dir.resolve('f'), 'kept')
        chmod(file, '---------')

        when:
        OwnerOnlyFiles.restrict(file)

        then:
        mode(file) == 'rw-------'
    }

    def "restrict refuses a symbolic link and leaves what it points to alone"() {
        given:
        Path target = Files.writeString(dir.resolve('target'), 'theirs')
        chmod(target, 'rw-r--r--')
        Path link = Files.createSymbolicLink(dir.resolve('link'), target)

        when:
        OwnerOnlyFiles.restrict(link)

        then:
        FileSystemException e = thrown()
        OwnerOnlyFiles.reason(e) == 'is a symbolic link'
        e.file == link.toString()
        mode(target) == 'rw-r--r--'
        !OwnerOnlyFiles.isPrivate(target)
    }

    def "restrict refuses a path that belongs to another user and leaves it alone"() {
        given: "a file of another user: made and given away when the build runs as root, a system file otherwise"
        boolean root = System.getProperty('user.name') == 'root'
        Path theirs = root ? Files.writeString(dir.resolve('theirs'), 'theirs') : Path.of('/etc/passwd')
        if (root) {
            chmod(theirs, 'rw-r--r--')
            Files.setOwner(theirs, theirs.fileSystem.userPrincipalLookupService.lookupPrincipalByName('nobody'))
        }
        String before = mode(theirs)

        when:
        OwnerOnlyFiles.restrict(theirs)

        then:
        FileSystemException e = thrown()
        OwnerOnlyFiles.reason(e) == 'belongs to another user'
        mode(theirs) == before
        !OwnerOnlyFiles.isPrivate(theirs)
    }

    def "createDirectories refuses a file in the way"() {
        given:
        Files.writeString(dir.resolve('plain'), '')

        when:
        OwnerOnlyFiles.createDirectories(dir.resolve('plain/sub'))

        then:
        thrown(FileAlreadyExistsException)
    }

    def "a replace that fails part-way leaves the old content and no temporary file"() {
        given:
        Path file = Files.writeString(dir.resolve('results.csv'), 'old')

        when:
        OwnerOnlyFiles.replace(file, '', { Path tmp ->
            Files.writeString(tmp, 'ne')
            throw new FileSystemException(tmp.toString(), null, 'No space left on device')
        } as OwnerOnlyFiles.FileFiller)

        then:
        FileSystemException e = thrown()
        OwnerOnlyFiles.reason(e) == 'No space left on device'
        Files.readString(file) == 'old'
        Files.list(dir).withCloseable { it.toList() } == [file]
    }

    def "a reader during many replaces sees the old or the new content, never a part of either, and the result is owner-only"() {
        given: 'a file that a writer keeps replacing, each time with a different whole content'
        Path file = dir.resolve('token')
        List<String> contents = ['a' * 50_000, 'b' * 70_000, 'c' * 30_000]
        OwnerOnlyFiles.replace(file, contents[0].bytes)
        chmod(file, 'rw-r--r--')
        AtomicBoolean writing = new AtomicBoolean(true)
        List<Throwable> failures = [].asSynchronized()
        Thread writer = Thread.start {
            try {
                60.times { int i -> OwnerOnlyFiles.replace(file, contents[(i + 1) % 3].bytes) }
            } catch (Throwable t) {
                failures << t
            } finally {
                writing.set(false)
            }
        }

        when: 'it is read for as long as the writer writes'
        Set<Integer> seen = [] as Set
        while (writing.get()) {
            String read = Files.readString(file)
            assert read in contents: "read ${read.size()} characters, not a whole content"
            seen << read.size()
        }
        writer.join()

        then:
        failures == []
        Files.readString(file) == contents[60 % 3]
        mode(file) == 'rw-------'
        Files.list(dir).withCloseable { it.toList() } == [file]
        !seen.isEmpty()
    }

    def "append adds to an existing file and creates a missing one owner-only"() {
        given:
        Path journal = dir.resolve('run.jsonl')

        when:
        OwnerOnlyFiles.append(journal).withCloseable { it.write('one\n'.bytes) }
        OwnerOnlyFiles.append(journal).withCloseable { it.write('two\n'.bytes) }

        then:
        Files.readString(journal) == 'one\ntwo\n'
        mode(journal) == 'rw-------'
    }

    def "on a file system without POSIX permissions files and directories are made with its defaults"() {
        given: 'a zip file system: it has no POSIX view'
        FileSystem zip = FileSystems.newFileSystem(dir.resolve('fs.zip'), [create: 'true'])
        Path inside = zip.getPath('/a/b')

        when:
        OwnerOnlyFiles.createDirectories(inside)
        boolean created = OwnerOnlyFiles.createFile(inside.resolve('f'))
        OwnerOnlyFiles.restrict(inside.resolve('f'))

        then:
        !zip.supportedFileAttributeViews().contains('posix')
        created
        Files.isDirectory(inside)
        Files.isRegularFile(inside.resolve('f'))
        !OwnerOnlyFiles.isPrivate(inside.resolve('f'))

        cleanup:
        zip?.close()
    }
}
