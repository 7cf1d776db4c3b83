package io.cnsh.dsl

import io.cnsh.client.AgentQuery
import io.cnsh.model.Agent
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import static io.cnsh.wire.Format.JSON
import static io.cnsh.wire.Format.XML

/**
 * A change reaches exactly the agents the user wrote: a read argument the API would drop or
 * misread is refused before anything is sent, so the list update after it never runs, and an
 * update with nothing to change is refused rather than counted. Run as a user writes it, with the
 * production compiler, against the 40 demo agents of an in-process sandbox; "nothing changed" is
 * the sandbox's request log holding no request at all (or no write), and the agents reading back
 * as they were.
 */
class ReadScopeSpec extends Specification {

    @Shared
    @AutoCleanup
    DslSandbox sandbox = new DslSandbox()

    def setup() {
        sandbox.reset()
    }

    /** Requests the sandbox answered before the code under test ran. */
    int seen

    /** Every demo agent as stored, read with the plain client. */
    List<Agent> account() {
        sandbox.client(JSON).agents().readAll(AgentQuery.all()).toList()
    }

    /** The agents an account read returns now, and the count of requests so far. */
    List<Agent> before() {
        def agents = account()
        seen = sandbox.operations().size()
        agents
    }

    /** The operations the code under test sent. */
    List<String> sent() {
        sandbox.operations().drop(seen)
    }

    def "a blank cell in the leaver script's read is refused, and the soft delete after it never runs (#format)"() {
        given:
        def before = before()

        when: 'the line of a leaver script, on a row whose username cell is blank'
        sandbox.run(format, "def row = [username: '', left: '2026-11-30']\n(agents < read username: row.username >).update(filter: 999)")

        then:
        def e = thrown(DslScriptException)
        e.message == "spec.groovy:2: read filter 'username' has no value (got ''), so it would match every agent; to find agents without one, read without it and use .where(username: { !it })"
        sent() == []
        account() == before
        account().count { it.isDeleted() } == 1

        where:
        format << [JSON, XML]
    }

    def "a read with #what is refused before anything is sent, so the update after it changes no agent"() {
        given:
        def before = before()

        when:
        sandbox.run(JSON, "${setup}\n(agents < read ${arguments} >).update(filter: 999)")

        then:
        def e = thrown(DslScriptException)
        e.message == "spec.groovy:2: ${message}".toString()
        sent() == []
        account() == before

        where:
        what                        | setup                  | arguments              || message
        'limit: n with n = 0'       | 'def n = 0'            | 'limit: n'             || "limit must be a whole number from 1 to 2147483647, got '0'; leave limit out to read every match"
        'limit: 4294967297'         | ''                     | 'limit: 4294967297'    || "limit must be a whole number from 1 to 2147483647, got '4294967297'; leave limit out to read every match"
        'start: 4294967296'         | ''                     | 'start: 4294967296'    || "start must be a whole number from 0 to 2147483647, got '4294967296'"
        'limit: 2.9'                | ''                     | 'limit: 2.9'           || "limit must be a whole number from 1 to 2147483647, got '2.9'; leave limit out to read every match"
        'limit from an unset cell'  | 'def row = [:]'        | 'limit: row.limit'     || "limit must be a whole number from 1 to 2147483647, got null; leave limit out to read every match"
        "all: 'false'"              | ''                     | "all: 'false'"         || "all takes true or false, got 'false' (text, which Groovy counts as true); write all: true or all: false"
        "agentid: 'x'"              | ''                     | "agentid: 'x'"         || "field 'agentid' must be digits only, got 'x'"
        "aod: 'maybe'"              | ''                     | "aod: 'maybe'"         || "field 'aod' must be yes or no, got 'maybe'"
        'a bad statement filter'    | ''                     | "filter: 'deleted'"    || "filter 'deleted' compares with text, not whole numbers; write 999, != 999, < 10, >= 10, IN (0, 999) or NOT IN (999, 505050)"
        "userfield: ''"             | ''                     | "userfield: ''"        || "read filter 'userfield' has no value (got ''), so it would match every agent; to find agents without one, read without it and use .where(userfield: { !it })"
        'a null username'           | 'String u = null'      | 'username: u'          || "read filter 'username' has no value (got null), so it would match every agent; to find agents without one, read without it and use .where(username: { !it })"
        'a list of usernames'       | ''                     | "username: ['a', 'b']" || "read filter 'username' takes one value, got a list; read once per value, or read more and keep some with .where"
        'a misspelt sort field'     | ''                     | "sort: 'nmae'"         || "unknown field 'nmae' — did you mean 'name'?"
        'a Java-style field name'   | ''                     | "authLevel: 'admin'"   || "unknown field 'authLevel' — did you mean 'auth_level'?"
    }

    def "a read given null instead of named arguments is refused in one line, not a stack trace"() {
        when:
        sandbox.run(JSON, 'Map args = null\nagents.read(args)')

        then:
        def e = thrown(DslScriptException)
        e.message == 'spec.groovy:2: read takes field: value pairs, got null; write read() to read every agent'
        sandbox.operations() == []
    }

    def "the way the refusal points to finds the agents with an empty field"() {
        when:
        AgentList noUserfield = sandbox.run(XML, "(agents < read >).where(userfield: { !it })")

        then:
        noUserfield*.username == account().findAll { !it.userfield() }*.username()
        noUserfield.size() > 0
        noUserfield.size() < 40
    }

    def "sort takes a field as the sandbox and the docs spell it: #sort"() {
        expect:
        sandbox.run(JSON, "(agents < read selfserve_id: 3101, sort: '${sort}', limit: 2 >).pluck('name')") == names

        where:
        sort        || names
        'name'      || ['Chloe Nakamura', 'Emily Carter']
        'name desc' || ['Theo Wright', 'Samuel Adeyemi']
        '-name'     || ['Theo Wright', 'Samuel Adeyemi']
    }

    def "read all: true with a limit caps the whole list, paging from start (#format)"() {
        when:
        AgentList list = sandbox.run(format, "agents < read all: true, start: 5, limit: 20 >")

        then: 'twenty agents from the sixth on, read in pages of 15'
        list*.agentid() == (550005L..550024L).toList()
        list.total == 20
        sandbox.entries()*.records() == [15, 5]

        where:
        format << [JSON, XML]
    }

    def "an update with nothing to change is refused and nothing is written: #code"() {
        given:
        def before = before()

        when:
        sandbox.run(JSON, code)

        then:
        def e = thrown(DslScriptException)
        e.message == "spec.groovy:1: ${message}".toString()
        sent() == requests
        account() == before

        where:
        code                                                              || requests        | message
        'agents < update agentid: 550003 >'                               || []              | 'update of agent 550003 has nothing to change; give at least one field to set besides agentid'
        "agents.update([[agentid: 550004, moh: 'x'], [agentid: 550003]])" || []              | 'update record 2 (agent 550003) has nothing to change; give at least one field to set besides agentid'
        "(agents < read selfserve_id: 3101 >).update([:])"                || ['agents/read'] | "update of a list has nothing to change; give the fields to set on every agent, e.g. .update(moh: 'none')"
        "(agents < read username: 'nobody' >).update([:])"                || ['agents/read'] | "update of a list has nothing to change; give the fields to set on every agent, e.g. .update(moh: 'none')"
    }

    def "a front end that asks before writing is never asked about an update with nothing to change"() {
        given:
        List<String> asked = []
        def context = new AgentsContext(sandbox.client(JSON), { String verb, Integer n -> asked << "${verb} ${n}".toString() })
        def runner = new ScriptRunner(context, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))

        when:
        runner.evaluate('agents < update agentid: 550003 >', 'spec.groovy', runner.binding([]))

        then:
        thrown(DslScriptException)
        asked == []
        sent() == []

        when: 'the same update with a field to set'
        runner.evaluate("agents < update agentid: 550003, moh: 'x' >", 'spec.groovy', runner.binding([]))

        then:
        asked == ['update 1']
        sandbox.stored(550003).moh() == 'x'
    }
}
