package io.cnsh.testing

import io.cnsh.model.Agent
import io.cnsh.dsl.DslScriptException
import io.cnsh.sandbox.Faults
import io.cnsh.sandbox.Seed
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.time.Duration

class SandboxFixtureSpec extends Specification {

    @Shared @AutoCleanup
    SandboxFixture cnsh = SandboxFixture.start(seed: 'demo')

    def setup() {
        cnsh.reset()
    }

    def script(String name, String text) {
        cnsh.file(name, text)
    }

    def "a script run reports #what as exit code #code, like cnsh run"() {
        given:
        def file = script('probe.groovy', text)

        when:
        def run = cnsh.run(file, 'one', 'two')

        then:
        run.exitCode == code
        run.err.readLines() == err

        where:
        what                    | text                                                                   || code | err
        'success'               | 'out.println args.toList()'                                            || 0    | []
        'an exit code'          | 'exit 4'                                                               || 4    | []
        'an exit code past 255' | 'exit 260'                                                             || 1    | ['cnsh: exit 260 refused: exit takes a whole number from 0 to 255 (codes past 255 would wrap); the script ends with 1']
        'a failure'             | 'def x = 1\nthrow new io.cnsh.model.ContactNowException("no luck")'    || 1    | ['cnsh: probe.groovy:2: no luck']
        'a partial failure'     | "agents < update agentid: 999999, name: 'Ghost' >"                     || 3    | ['cnsh: probe.groovy:1: agents#update: 1 of 1 records failed: Record id [999999] does not exist.']
        'a usage error'         | '@picocli.CommandLine.Command(name = "probe") class O { @picocli.CommandLine.Option(names = "--x") boolean x }\nparseArgs(new O())' || 2 | ["probe: Unmatched arguments from index 0: 'one', 'two'", "Try 'probe --help' for usage."]
    }

    def "with pages of 10 the demo agents span pages, and a server that #fault stops read all: true before the update"() {
        given:
        def small = SandboxFixture.start(seed: 'demo', pageSize: 10)
        long firstId = small.readAll()[0].agentid()
        inject.call(small.faults)

        when:
        small.eval("(agents < read all: true >).update(moh: 'paged')")

        then:
        def e = thrown(DslScriptException)
        e.message == '-e:1: agents#read: ' + message.replace('FIRST', firstId as String)
        small.requests('agents/update').isEmpty()

        when:
        small.faults.clear()

        then:
        small.readAll().size() == 40
        small.agentsWhere(moh: 'paged').isEmpty()

        cleanup:
        small?.close()

        where:
        fault           | inject                                || message
        'ignores start' | { Faults f -> f.ignoreStart(true) }  || "the server repeated 10 agentid(s) already read (FIRST first) at start=10: it may be ignoring 'start'; nothing was done with this read"
        'drops rows'    | { Faults f -> f.nextDroppedRows(1) } || 'the server sent 9 agents at start=0 where 10 were due (it reported 40 matches): it may be dropping rows; nothing was done with this read'
    }

    def "a script sees its arguments, writes to out and err, and gets the fixture's CNSH_HOME"() {
        given:
        def file = script('echo.groovy', '''
            out.println "args ${args.toList()}"
            err.println "home ${binding.variables.env.CNSH_HOME}"
            out.println((agents < read limit: 2 >).size())
        '''.stripIndent())

        when:
        def run = cnsh.run(file.toString(), ['--flag', 'x'])

        then:
        run.exitCode == 0
        run.outLines == ['args [--flag, x]', '2']
        run.errLines == ["home ${cnsh.home}".toString()]
    }

    def "DSL code can be evaluated and agents inspected afterwards"() {
        when:
        cnsh.eval("agents < update agentid: 550003, auth_level: 'admin' >")

        then:
        cnsh.eval("agents < read auth_level: 'admin' >")*.username() == ['praman', 'thargreaves', 'gokafor']
        cnsh.agent(username: 'gokafor').auth_level == 'admin'
        cnsh.agentsWhere(auth_level: 'admin').size() == 3
        cnsh.readAll().size() == 40
    }

    def "agent() insists on exactly one match"() {
        when:
        cnsh.agent(username: criteria)

        then:
        def e = thrown(AssertionError)
        e.message == "expected one agent with [username:${criteria}], found ${found}".toString()

        where:
        criteria || found
        'jsmith' || 2
        'nobody' || 0
    }

    def "the request log shows what was sent, and reset starts over"() {
        when:
        cnsh.eval("agents < update agentid: 550003, name: 'Grace O.' >")

        then:
        cnsh.requests('agents/update')*.records() == [1]
        cnsh.written('agents/update') == 1

        when:
        cnsh.reset()

        then:
        cnsh.requests.isEmpty()
        cnsh.agent(username: 'gokafor').name == 'Grace Okafor'
    }

    def "inFlight counts a request from arrival until it is answered, even when its caller has gone, and reset lets it finish first"() {
        given: 'a sandbox that holds every request for a while'
        cnsh.faults.latency(Duration.ofSeconds(3), Duration.ZERO)
        def url = new URL(cnsh.server.baseUri().toString() + 'token.php?action=get&username=demo&password=demo')

        expect:
        cnsh.inFlight == 0

        when: 'a caller sends a request and gives up after 100 ms'
        def caller = Thread.start {
            try {
                HttpURLConnection c = (HttpURLConnection) url.openConnection()
                c.readTimeout = 100
                c.inputStream.text
            } catch (IOException ignored) {
            }
        }
        caller.join()

        then: 'the sandbox still holds it'
        new PollingConditions(timeout: 10, delay: 0.01).eventually {
            assert cnsh.faults.held() == 1
            assert cnsh.inFlight == 1
        }

        when: 'the next feature starts over'
        cnsh.reset()

        then: 'the request finished before the store was reset, so nothing from before is left in flight'
        cnsh.inFlight == 0
        cnsh.faults.held() == 0
        cnsh.requests.isEmpty()
    }

    def "reset can switch the seed, and faults are cleared"() {
        when:
        cnsh.faults.latency(java.time.Duration.ofMillis(5), java.time.Duration.ZERO)
        cnsh.reset(Seed.NONE)

        then:
        cnsh.readAll().isEmpty()
        cnsh.faults.describe() == 'none'
    }

    def "a script that cannot be found is named with the places looked in"() {
        when:
        cnsh.run('no-such-recipe.groovy')

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith('no script no-such-recipe.groovy (looked for ')
    }

    def "a fixture can speak XML and start empty"() {
        given:
        def xml = SandboxFixture.start(seed: 'none', format: 'xml')

        when:
        def id = xml.eval("agents < create name: 'X Ml', username: 'xml1' >")

        then:
        id == 550000L
        xml.requests('agents/create')*.format() == ['xml']
        xml.readAll()*.username() == ['xml1']

        cleanup:
        xml?.close()
    }

    def "closing a fixture deletes its temporary home"() {
        given:
        def f = SandboxFixture.start(seed: 'none')
        def home = f.home

        when:
        f.close()

        then:
        !Files.exists(home)
    }

    def "a strict fixture drops fields outside the documented ones and answers numbers as integer columns keep them"() {
        given:
        def strict = SandboxFixture.start(seed: 'none', strict: true)

        when:
        strict.client.agents().create(Agent.of([name: 'Strict Sam', username: 'ssam', customer: '0042', team: 'night']))
        def sam = strict.agent(username: 'ssam')

        then:
        strict.server.strict()
        !cnsh.server.strict()
        sam.get('customer') == '42'
        !sam.fields().containsKey('team')

        cleanup:
        strict?.close()
    }
}
