package io.cnsh.cli

import io.cnsh.SpecResources
import io.cnsh.sandbox.LoopbackHttp
import java.nio.charset.StandardCharsets
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import spock.lang.ResourceLock
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

/**
 * The standalone sandbox ({@code cnsh sandbox} in its own process) killed with SIGKILL right after
 * it confirmed a write: nothing it confirmed is lost, and no agentid it named is handed out again.
 */
@ResourceLock(value = SpecResources.CHILD_PROCESSES, reason = 'starts sandbox and cnsh processes and kills them')
class SandboxCrashSpec extends Specification {

    static final int WRITERS = 3

    @TempDir Path dir

    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    def "every create a sandbox confirmed before SIGKILL is there after restart, and new agentids follow them (trial #trial)"() {
        given: 'a standalone sandbox on a data directory, with three clients streaming creates at it'
        Path data = dir.resolve('data')
        def sandbox = start(data)
        def http = new LoopbackHttp(sandbox.base)
        String token = http.token()
        Map<String, Long> confirmed = new ConcurrentHashMap<>()
        def killed = new AtomicBoolean()
        def enough = new CountDownLatch(stopAfter)
        def writers = (1..WRITERS).collect { int w ->
            Thread.start {
                for (int i = 0; !killed.get(); i++) {
                    String username = "t${trial}w${w}n${i}"
                    try {
                        def reply = http.post("database.php?token=$token&method=agents&action=create&format=json&raw=1",
                                """[{"name":"Crash $username","username":"$username","pin":"482913"}]""")
                        def json = reply.json()
                        if (json.get('success').asBoolean() && json.get('total').asInt() == 1) {
                            confirmed[username] = json.get('key').asLong()
                            enough.countDown()
                        }
                    } catch (IOException ignored) {
                        return // the sandbox is gone: this create was never confirmed
                    }
                }
            }
        }

        when: 'the sandbox is killed the moment the wanted number of creates is confirmed'
        assert enough.await(120, TimeUnit.SECONDS)
        sandbox.process.destroyForcibly()
        killed.set(true)
        sandbox.process.waitFor(30, TimeUnit.SECONDS)
        writers*.join(30_000)
        Map<String, Long> before = new HashMap<>(confirmed)

        and: 'it starts again on the same data and one more agent is created'
        def again = start(data)
        def http2 = new LoopbackHttp(again.base)
        String token2 = http2.token()
        def stored = http2.get("database.php?token=$token2&method=agents&action=read&format=json").json().get('list')
        Map<String, Long> idsByUsername = stored.collectEntries { [(it.get('username').asText()): it.get('agentid').asLong()] }
        long next = http2.post("database.php?token=$token2&method=agents&action=create&format=json&raw=1",
                '[{"name":"After the crash","username":"after","pin":"482913"}]').json().get('key').asLong()

        then: 'every confirmed agent is there under the id its answer named'
        before.size() >= stopAfter
        before.findAll { username, id -> idsByUsername[username] != id } == [:]

        and: 'the next id is above every id ever confirmed'
        next > before.values().max()

        cleanup:
        killed?.set(true)
        sandbox?.process?.destroyForcibly()
        again?.process?.destroyForcibly()

        where:
        trial | stopAfter
        1     | 40
        2     | 150
        3     | 400
    }

    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    def "the embedded sandbox of cnsh -e keeps a create confirmed just before cnsh is killed with SIGKILL, in owner-only files"() {
        given: 'cnsh -e on its embedded sandbox creates an agent, says so, then waits to be killed'
        Path home = dir.resolve('home')
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        def pb = new ProcessBuilder('java', '-cp', cp, Main.name, '-e',
                "agents < create name: 'Embedded Ed', username: 'eded', pin: '482913' >\n" +
                        "System.out.println('confirmed'); System.out.flush(); Thread.sleep(120_000)")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
        pb.environment().put('CNSH_HOME', home.toString())
        ['CNSH_PROFILE', 'CNSH_BASE_URL', 'CNSH_USERNAME', 'CNSH_PASSWORD'].each { pb.environment().remove(it) }
        def process = pb.start()
        def out = new BufferedReader(new InputStreamReader(process.inputStream, StandardCharsets.UTF_8))

        when:
        String line
        while ((line = out.readLine()) != null && line != 'confirmed') { }
        process.destroyForcibly()
        process.waitFor(30, TimeUnit.SECONDS)
        def server = io.cnsh.sandbox.SandboxServer.builder().dataDir(home.resolve('sandbox')).build().start()
        def http = new LoopbackHttp(server)
        String token = http.token()
        def found = http.get("database.php?token=$token&method=agents&action=read&username=eded").json()

        then:
        line == 'confirmed'
        found.get('total').asInt() == 1
        found.get('list').get(0).get('name').asText() == 'Embedded Ed'
        java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(home.resolve('sandbox'))) == 'rwx------'
        java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(home.resolve('sandbox/cnsh-sandbox.mv.db'))) == 'rw-------'

        cleanup:
        process?.destroyForcibly()
        server?.close()
    }

    /** A standalone sandbox on port 0: its process and the base URL from its banner. */
    private Map start(Path data) {
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        def process = new ProcessBuilder('java', '-cp', cp, Main.name, 'sandbox', '--port', '0', '--data', data.toString(),
                '--seed', 'none', '--quiet')
                .redirectError(ProcessBuilder.Redirect.DISCARD).start()
        def out = new BufferedReader(new InputStreamReader(process.inputStream, StandardCharsets.UTF_8))
        String line = out.readLine()
        assert line != null && line.contains('listening on '): "the sandbox did not start: $line"
        [process: process, base: URI.create((line =~ /listening on (\S+)/)[0][1] as String)]
    }
}
