package io.cnsh.repl

import io.cnsh.client.CnshHome
import io.cnsh.client.ContactNow
import io.cnsh.sandbox.SandboxServer
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import java.time.Instant
import org.jline.reader.Candidate
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Tab completion: what the completer offers for the text before the cursor, narrowed the way JLine
 * narrows it (candidates that start with the word being typed).
 */
class ReplCompleterSpec extends ShellSandboxSpec {

    ReplSession session
    ReplCompleter completer

    def setup() {
        def terminal = ReplLauncher.dumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())
        Files.writeString(home.resolve('config'), '''
            [profiles.prod]
            url = "eu"
            username = "api"
            [profiles.staging]
            url = "us"
            username = "api"
            '''.stripIndent())
        session = new ReplSession(terminal, new Printer(terminal, false), DumbShell.sandboxTarget(server), null,
                new CnshHome(home), 'cnsh spec')
        completer = ReplLauncher.completer(session) as ReplCompleter
    }

    /** The values JLine would offer for this buffer, cursor at the end. */
    List<String> complete(String buffer) {
        String word = ReplParser.Line.of(buffer, buffer.length()).word()
        completer.candidates(buffer).collect { Candidate c -> c.value() }.findAll { it.startsWith(word) }
    }

    def "after '#buffer' the verbs are offered: #expected"() {
        expect:
        complete(buffer) == expected

        where:
        buffer                      || expected
        'agents < re'               || ['read']
        'agents <'                  || ['create', 'read', 'update']
        'agents < '                 || ['create', 'read', 'update']
        'x = agents < cr'           || ['create']
        'agents <\n  up'            || ['update']
        "agents <\n  read()\n  c"   || ['create']
        'agents.'                   || ['create(', 'read(', 'update(']
    }

    def "after a verb, field names are offered with a colon: #buffer"() {
        expect:
        complete(buffer) == expected

        where:
        buffer                                            || expected
        'agents < update auth_'                           || ['auth_level:', 'auth_admin:', 'auth_supervisor:', 'auth_reports:']
        "agents < create name: 'Joe', user"               || ['userfield:', 'username:']
        'agents < read li'                                || ['limit:']
        'agents < read so'                                || ['sort:']
        'agents < create agent'                           || ['agent_version:']
        'agents < update agent'                           || ['agentid:', 'agent_version:']
    }

    def "after a field name, its known values are offered, quoted when they are text: #buffer"() {
        expect:
        complete(buffer) == expected

        where:
        buffer                                               || expected
        'agents < update agentid: 1, auth_admin: '           || ["'Y'", "'N'"]
        'agents < update agentid: 1, aod: "'                 || ['"yes"', '"no"']
        "agents < read auth_level: '"                        || ["'admin'", "'supervisor'", "'agent'"]
        "agents < read auth_level: 'sup"                     || ["'supervisor'"]
        'agents < read filter: 9'                            || ['999']
        "agents < read sort: 'auth_l"                        || ["'auth_level'"]
    }

    def "usernames and agentids of the target are offered once the names are read"() {
        given:
        session.names()
        waitForNames()

        expect:
        complete("agents < read username: 'jsm") == ["'jsmith'"]
        complete("agents < update agentid: 55000") == (550000..550009)*.toString()
    }

    def "no field names are offered inside a string"() {
        expect:
        complete("agents < create name: 'Joe au") == []
    }

    def "outside a form, the resource and the session's variables are offered"() {
        given:
        session.evaluator().evaluate(Snippet.of('agentCount = 3'))

        expect:
        complete('age') == ['agents', 'agentCount']
    }

    def "commands and their arguments complete: #buffer"() {
        expect:
        complete(buffer) == expected

        where:
        buffer              || expected
        '/co'               || ['/connect', '/columns']
        '/connect '         || ['prod', 'staging', 'sandbox']
        '/connect st'       || ['staging']
        '/format '          || ['json', 'xml']
        '/reveal o'         || ['on', 'off']
        '/columns auth_a'   || ['auth_admin']
        '/help syn'         || ['syntax']
        '/help con'         || ['connect']
    }

    def "file names complete for /load and /save"() {
        given:
        Files.createDirectories(home.resolve('scripts'))
        Files.writeString(home.resolve('scripts/bulk.groovy'), '1')
        Files.writeString(home.resolve('scripts/build.groovy'), '1')

        expect:
        complete("/load ${home}/scr") == ["${home}/scripts/".toString()]
        complete("/load ${home}/scripts/bu") == ["${home}/scripts/build.groovy".toString(), "${home}/scripts/bulk.groovy".toString()]
    }

    def "completion reads only memory: a refresh of the names never blocks a Tab"() {
        given: 'names whose source never answers'
        def stuck = new java.util.concurrent.CountDownLatch(1)
        def names = new LiveNames({ stuck.await(); java.util.stream.Stream.empty() },
                { Runnable r -> Thread.start(r) } as java.util.concurrent.Executor, Clock.systemUTC(), Duration.ofMinutes(1))

        when: 'a Tab asks for names'
        def snapshot = names.snapshot()

        then: 'it gets the empty snapshot at once, while the refresh waits in the background'
        snapshot.usernames().isEmpty()

        cleanup:
        stuck.countDown()
    }

    def "names are read again after their time to live, or after a write"() {
        given:
        int reads = 0
        def clock = new StepClock(Instant.parse('2026-01-01T10:00:00Z'))
        def names = new LiveNames({ reads++; [io.cnsh.model.Agent.of([username: 'u' + reads, agentid: '1'])].stream() },
                { Runnable r -> r.run() } as java.util.concurrent.Executor, clock, Duration.ofSeconds(60))

        when:
        names.snapshot()
        def first = names.snapshot()
        clock.now = clock.now.plusSeconds(30)
        def fresh = names.snapshot()
        clock.now = clock.now.plusSeconds(31)
        names.snapshot()
        def afterTtl = names.snapshot()
        names.invalidate()
        names.snapshot()
        def afterWrite = names.snapshot()

        then:
        first.usernames() == ['u1']
        fresh.usernames() == ['u1']
        afterTtl.usernames() == ['u2']
        afterWrite.usernames() == ['u3']
    }

    /** A clock the feature moves by hand. */
    static class StepClock extends Clock {
        Instant now

        StepClock(Instant start) {
            now = start
        }

        @Override
        java.time.ZoneId getZone() { java.time.ZoneOffset.UTC }

        @Override
        Clock withZone(java.time.ZoneId zone) { this }

        @Override
        Instant instant() { now }
    }

    private void waitForNames() {
        new PollingConditions(timeout: 20, delay: 0.02).eventually {
            assert !session.names().usernames().isEmpty(): 'the names were not read'
        }
    }
}
