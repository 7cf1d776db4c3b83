package io.cnsh.cli

import io.cnsh.testing.SandboxFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path

/**
 * {@code -e} and {@code run} against a remote target get the token on a background thread while the
 * script compiles (TokenPrefetch). Run in-process against a sandbox on loopback: the answer, the
 * errors and the exit codes are those of a token fetched on first use, a failed early request is
 * not sent twice, and code that does not name the target sends no token request at all.
 */
class TokenPrefetchSpec extends Specification {

    static final String WRONG = 'Wr0ng-Pa55word!'
    static final String REFUSED = 'token#get: the API username or password was refused ("Authentication failure");' +
            ' check the credentials issued by 8x8 support'

    @Shared @AutoCleanup
    SandboxFixture sandbox = SandboxFixture.start(seed: 'demo')

    @TempDir
    Path dir

    PollingConditions conditions = new PollingConditions(timeout: 10)

    def setup() {
        sandbox.reset()
    }

    def "a read with the right password answers, fetches one token and caches it; the next run asks for none"() {
        when:
        def first = cnsh('demo', '-e', 'agents < read limit: 1 >')

        then:
        first.code == Main.OK
        first.out.contains('1 of 40 agents')
        first.err == ''
        conditions.eventually { assert tokenRequests() == 1 }
        tokenFiles().size() == 1

        when:
        def second = cnsh('demo', '-e', 'agents < read limit: 2 >')

        then:
        second.code == Main.OK
        second.out.contains('2 of 40 agents')
        conditions.eventually { assert sandbox.requests('agents/read').size() == 2 }
        tokenRequests() == 1
    }

    def "a wrong password: the first use of the target fails at its line with exit 1, after one token request"() {
        when:
        def r = cnsh(WRONG, *args)

        then:
        r.code == 1
        r.out == ''
        r.err == "cnsh: ${where}: ${REFUSED}\n"
        conditions.eventually { assert tokenRequests() == 1 }
        !(r.out + r.err).contains(WRONG)
        tokenFiles().isEmpty()

        where:
        args                                                        | where
        ['-e', 'agents < read limit: 1 >']                          | '-e:1'
        ['-e', 'def n = 2\n\nagents < read limit: n >']              | '-e:3'
        ['run', 'SCRIPT']                                           | 'read.groovy:2'
    }

    def "a wrong password the script catches is what the script sees; it goes on and ends with 0"() {
        when:
        def r = cnsh(WRONG, '-e', "try { agents < read limit: 1 > } catch (e) { println 'caught ' + e.message }; 7")

        then:
        r.code == Main.OK
        r.out == "caught ${REFUSED}\n7\n"
        r.err == ''
        conditions.eventually { assert tokenRequests() == 1 }
    }

    def "#what sends no token request, so a wrong password does not matter"() {
        when:
        def r = cnsh(WRONG, *args)

        then:
        r.code == Main.OK
        r.out == expected
        r.err == ''
        tokenFiles().isEmpty()
        sandbox.requests.isEmpty()

        where:
        what                                        | args                                                   | expected
        'code that does not name the target'        | ['-e', '6 * 7']                                        | '42\n'
        'the names only in a string and a comment'  | ['-e', "'agents cn' // agents < read >"]               | 'agents cn\n'
        'a script file that does not name it'       | ['run', 'PLAIN']                                       | 'plain\n'
    }

    def "the early request ends with its command: #what has sent its one token request when cnsh returns"() {
        when:
        def r = cnsh('demo', '-e', code)

        then: 'no eventually: the request has reached the sandbox before cnsh returned, not after'
        r.code == exit
        tokenRequests() == 1

        where:
        what                                       | code                                        | exit
        'a one-form refused before any request'    | 'agents < read limt: 5 >'                   | 1
        'compiled code refused before any request' | 'def n = 5\nagents < read limt: n >'        | 1
        'code that names the target but skips it'  | 'if (false) { agents < read limit: 1 > }; 5' | 0
    }

    def "an unreachable host: the same message and exit code at the first use of the target"() {
        given:
        int closed = new ServerSocket(0).withCloseable { it.localPort }

        when:
        def r = cnshAt("http://127.0.0.1:${closed}/", 'demo', '-e', 'println 1\nagents < read limit: 1 >')

        then:
        r.code == 1
        r.out == '1\n'
        r.err == "cnsh: -e:2: token#get failed: cannot connect to http://127.0.0.1:${closed} (connection refused) (after 4 attempts)\n"
    }

    def "an unreachable host does not matter to code that never uses the target, though it names it"() {
        given:
        int closed = new ServerSocket(0).withCloseable { it.localPort }

        when:
        def r = cnshAt("http://127.0.0.1:${closed}/", 'demo', '-e', 'if (false) { agents < read limit: 1 > }; 5')

        then:
        r.code == Main.OK
        r.out == '5\n'
        r.err == ''
    }

    def "an interrupt (Ctrl-C) of a script waiting for the early token request stops that request too"() {
        given: 'a server that accepts connections and never answers'
        def silent = new ServerSocket(0)
        List<Socket> held = Collections.synchronizedList([])
        Thread.startDaemon { while (!silent.closed) { try { held << silent.accept() } catch (IOException e) { } } }
        def client = io.cnsh.client.ContactNow.builder().baseUrl("http://127.0.0.1:${silent.localPort}/")
                .credentials('demo', 'demo').readTimeout(java.time.Duration.ofMinutes(5)).build()
        Thread early = Thread.startDaemon { client.tokens().prefetch() }
        conditions.eventually { assert held.size() == 1 }
        Throwable failure = null
        boolean interrupted = false
        Thread script = Thread.startDaemon {
            try {
                client.tokens().token()
            } catch (Throwable t) {
                failure = t
            }
            interrupted = Thread.currentThread().isInterrupted()
        }

        when:
        conditions.eventually { assert script.state == Thread.State.WAITING }
        script.interrupt()

        then: 'the script ends with a failure, its interrupt kept, and the early request has ended'
        conditions.eventually {
            assert !script.alive
            assert !early.alive
        }
        failure != null
        interrupted

        cleanup:
        client?.close()
        silent?.close()
        held.each { it.close() }
    }

    // --- helpers

    private Map cnsh(String password, String... args) {
        cnshAt(sandbox.client.baseUri().toString(), password, args)
    }

    /** {@code cnsh --base-url URL --username demo ARGS} in-process; {@code SCRIPT}/{@code PLAIN} name two script files. */
    private Map cnshAt(String url, String password, String... args) {
        Path script = dir.resolve('read.groovy')
        Files.writeString(script, "def limit = 1\nagents < read limit: limit >\n")
        Path plain = dir.resolve('plain.groovy')
        Files.writeString(plain, "println 'plain'\n")
        List<String> argv = ['--base-url', url, '--username', 'demo'] + args.collect {
            it == 'SCRIPT' ? script.toString() : it == 'PLAIN' ? plain.toString() : it
        }
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.run([CNSH_HOME: dir.resolve('home').toString(), CNSH_PASSWORD: password],
                new PrintWriter(out, true), new PrintWriter(err, true), argv as String[])
        [code: code, out: out.toString(), err: err.toString()]
    }

    private int tokenRequests() {
        sandbox.requests('token/get').size()
    }

    private List<Path> tokenFiles() {
        Path tokens = dir.resolve('home/tokens')
        Files.isDirectory(tokens) ? Files.list(tokens).withCloseable { it.toList() } : []
    }
}
