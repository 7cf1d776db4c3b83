package io.cnsh.sandbox

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import spock.lang.Specification
import spock.lang.TempDir

/** Only the sandbox's owner can read its database: agents' passwords, pins and tokens are in it. */
class SandboxFilesSpec extends Specification {

    @TempDir Path dir

    static String mode(Path p) {
        PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
    }

    static void chmod(Path p, String mode) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode))
    }

    /** Every file and directory under a path, with its mode. */
    static Map<String, String> modes(Path root) {
        Files.walk(root).withCloseable { s -> s.toList() }.findAll { it != root }
                .collectEntries { [(root.relativize(it).toString()): mode(it)] }
    }

    /** Starts a sandbox on the directory, writes an agent and gets a token, so every file exists. */
    static SandboxServer used(Path data) {
        def server = SandboxServer.builder().dataDir(data).seed(Seed.DEMO).build().start()
        def http = new LoopbackHttp(server)
        String token = http.token()
        assert http.post("database.php?token=$token&method=agents&action=create&raw=1",
                '[{"name":"Private","username":"priv","password":"S3cret-pw"}]').json().get('success').asBoolean()
        server
    }

    def "a data directory the sandbox creates is owner-only, and so is every file in it"() {
        given:
        Path data = dir.resolve('new/data')

        when:
        def server = used(data)
        server.close()

        then:
        mode(data) == 'rwx------'
        mode(dir.resolve('new')) == 'rwx------'
        modes(data) == ['cnsh-sandbox.mv.db': 'rw-------']
    }

    def "an existing directory others can read keeps its mode and gets a private subdirectory for the database"() {
        given:
        Path data = Files.createDirectory(dir.resolve('shared'))
        chmod(data, 'rwxr-xr-x')

        when:
        def server = used(data)
        Path database = server.databaseDir().get()
        server.close()
        def again = SandboxServer.builder().dataDir(data).build().start()

        then:
        database == data.resolve('private')
        mode(data) == 'rwxr-xr-x'
        modes(data) == ['private': 'rwx------', 'private/cnsh-sandbox.mv.db': 'rw-------']
        !again.createdStore()

        cleanup:
        again?.close()
    }

    def "an existing private directory holds the database itself, and a database file others could read is made owner-only"() {
        given:
        Path data = Files.createDirectory(dir.resolve('mine'))
        chmod(data, 'rwx------')
        used(data).close()
        chmod(data.resolve('cnsh-sandbox.mv.db'), 'rw-r--r--')

        when:
        def server = SandboxServer.builder().dataDir(data).build().start()

        then:
        server.databaseDir().get() == data
        modes(data) == ['cnsh-sandbox.mv.db': 'rw-------']

        cleanup:
        server?.close()
    }

    def "the sandbox refuses, in one line, a database in a directory others can read: #why"() {
        given:
        Path data = Files.createDirectory(dir.resolve('open'))
        setUp(data)
        chmod(data, 'rwxr-xr-x')
        def before = modes(data)

        when:
        SandboxServer.builder().dataDir(data).build().start()

        then:
        def e = thrown(SandboxException)
        e.message == message.replace('DIR', data.toString())
        e.message.readLines().size() == 1
        modes(data) == before
        mode(data) == 'rwxr-xr-x'

        where:
        why                                      | setUp                                                            || message
        'it holds a database'                    | { Path d -> Files.writeString(d.resolve('cnsh-sandbox.mv.db'), '') } || 'sandbox data directory DIR can be read by other users and holds a database: make it private (chmod 700 DIR) or move the database into DIR/private'
        'its private subdirectory is not private' | { Path d -> chmod(Files.createDirectory(d.resolve('private')), 'rwxr-x---') } || 'sandbox data directory DIR/private can be read by other users or is not yours: make it private (chmod 700 DIR/private) or choose another --data'
    }

    def "a data directory that is a file is refused in one line"() {
        given:
        Path data = Files.writeString(dir.resolve('file'), 'x')

        when:
        SandboxServer.builder().dataDir(data).build().start()

        then:
        def e = thrown(SandboxException)
        e.message == "sandbox data directory $data exists and is not a directory"
    }
}
