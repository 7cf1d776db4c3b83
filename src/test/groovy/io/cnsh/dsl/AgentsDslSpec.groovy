package io.cnsh.dsl

import io.cnsh.client.PartialFailureException
import io.cnsh.wire.Format
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import static io.cnsh.wire.Format.JSON
import static io.cnsh.wire.Format.XML

/**
 * Every form of the agents DSL, compiled with the production configuration and run against an
 * in-process sandbox in both wire formats. Expected values come from the sandbox's demo seed.
 */
class AgentsDslSpec extends Specification {

    @Shared
    @AutoCleanup
    DslSandbox sandbox = new DslSandbox()

    def setup() {
        sandbox.reset()
    }

    def "a single create returns the new agentid and stores the fields (#format)"() {
        when:
        def id = sandbox.run(format, "agents < create name: 'Joe Bloggs', username: 'joe', pin: '482913' >")

        then:
        id == NEXT_ID
        id instanceof Long
        sandbox.operations() == ['agents/create']
        sandbox.entries().find { it.operation() == 'agents/create' }.records() == 1

        and:
        with(sandbox.stored(NEXT_ID)) {
            name() == 'Joe Bloggs'
            username() == 'joe'
            pin() == '482913'
        }

        where:
        format << [JSON, XML]
    }

    def "a list create creates every record and returns the counts and the last agentid (#format)"() {
        when:
        WriteSummary summary = sandbox.run(format,
                "agents < create([[name: 'A. Smith', username: 'asmith'], [name: 'B. Jones', username: 'bjones']]) >")

        then:
        summary.total == 2
        summary.bad == 0
        summary.key == NEXT_ID + 1
        summary.toString() == 'created 2 agents'
        sandbox.operations() == ['agents/create']
        sandbox.stored(NEXT_ID).username() == 'asmith'
        sandbox.stored(NEXT_ID + 1).username() == 'bjones'

        where:
        format << [JSON, XML]
    }

    def "a create of Agent records goes in batches (#format)"() {
        when:
        WriteSummary summary = sandbox.run(format, '''\
            import io.cnsh.model.Agent
            def people = (1..5).collect { Agent.builder().name("Temp ${it}").username("temp${it}").build() }
            agents < create people >
            '''.stripIndent())

        then:
        summary.total == 5
        sandbox.entries().findAll { it.operation() == 'agents/create' }*.records() == [4, 1]
        sandbox.stored(NEXT_ID + 4).name() == 'Temp 5'

        where:
        format << [JSON, XML]
    }

    def "a read with filters, sort, start and limit returns that page and the full total (#format)"() {
        when:
        AgentList page = sandbox.run(format, "agents < read auth_level: 'supervisor', sort: 'name', start: 1, limit: 2 >")

        then:
        page*.name == ['Daniel Whitfield', 'Grace Okafor']
        page.total == 4
        page.toString() == '2 of 4 agents'
        sandbox.operations() == ['agents/read']

        where:
        format << [JSON, XML]
    }

    def "a read with the statement filter '#statement' finds #total agents (#format)"() {
        when:
        AgentList list = sandbox.run(format, "agents < read filter: '${statement}' >")

        then:
        list.size() == total
        list.total == total
        !list.any { it.filter in excluded }

        where:
        format | statement              || total | excluded
        JSON   | '!= 999'               || 39    | ['999']
        XML    | '!= 999'               || 39    | ['999']
        JSON   | 'NOT IN (999, 505050)' || 38    | ['999', '505050']
        XML    | 'NOT IN (999, 505050)' || 38    | ['999', '505050']
    }

    def "a bare read returns every agent in one request (#format)"() {
        when:
        AgentList list = sandbox.run(format, 'agents < read >')

        then:
        list.size() == 40
        list.total == 40
        list.first().username == 'praman'
        list.last().username == 'mleaver'
        sandbox.operations() == ['agents/read']

        where:
        format << [JSON, XML]
    }

    def "read all: true pages through every match (#format)"() {
        when:
        AgentList list = sandbox.run(format, code)

        then:
        list.size() == size
        list.total == size
        sandbox.entries().findAll { it.operation() == 'agents/read' }*.records() == pages

        where:
        format | code                                             || size | pages
        JSON   | 'agents < read all: true >'                      || 40   | [15, 15, 10]
        XML    | 'agents < read all: true >'                      || 40   | [15, 15, 10]
        JSON   | "agents < read auth_level: 'agent', all: true >" || 34   | [15, 15, 4]
        XML    | "agents < read auth_level: 'agent', all: true >" || 34   | [15, 15, 4]
    }

    def "a single update changes only the fields given (#format)"() {
        when:
        WriteSummary summary = sandbox.run(format, "agents < update agentid: 550003, name: 'Grace Okafor-Reid' >")

        then:
        summary.total == 1
        summary.toString() == 'updated 1 agent'
        sandbox.operations() == ['agents/update']
        with(sandbox.stored(550003)) {
            name() == 'Grace Okafor-Reid'
            username() == 'gokafor'
            authLevel() == 'supervisor'
        }

        where:
        format << [JSON, XML]
    }

    def "a list update changes every record given (#format)"() {
        when:
        WriteSummary summary = sandbox.run(format,
                "agents < update([[agentid: 550000, moh: 'default'], [agentid: 550001, aod: 'yes']]) >")

        then:
        summary.total == 2
        summary.toString() == 'updated 2 agents'
        sandbox.stored(550000).moh() == 'default'
        sandbox.stored(550001).aod() == 'yes'

        where:
        format << [JSON, XML]
    }

    def "a block runs each command on agents and gives the last one's value (#format)"() {
        when:
        def last = sandbox.run(format, '''\
            agents <
                create name: 'A. Smith', username: 'asmith'
                create name: 'B. Jones', username: 'bjones'
            >
            '''.stripIndent())

        then:
        last == NEXT_ID + 1
        sandbox.operations() == ['agents/create', 'agents/create']
        sandbox.stored(NEXT_ID).name() == 'A. Smith'

        where:
        format << [JSON, XML]
    }

    def "the plain Groovy forms do what the bracket forms do (#format)"() {
        when:
        def results = sandbox.run(format, '''\
            def id = agents.create(name: 'Joe')
            def summary = agents { update agentid: 550004, moh: 'none' }
            [id, summary.toString()]
            '''.stripIndent())

        then:
        results == [NEXT_ID, 'updated 1 agent']
        sandbox.stored(NEXT_ID).name() == 'Joe'
        sandbox.stored(550004).moh() == 'none'

        where:
        format << [JSON, XML]
    }

    def "a form inside each sees the outer it (#format)"() {
        when:
        sandbox.run(format, '''\
            def ids = [550000, 550001]
            ids.each { agents < update agentid: it, pin: '0000' > }
            '''.stripIndent())

        then:
        sandbox.operations() == ['agents/update', 'agents/update']
        sandbox.stored(550000).pin() == '0000'
        sandbox.stored(550001).pin() == '0000'

        where:
        format << [JSON, XML]
    }

    def "a read can be assigned and used later (#format)"() {
        expect:
        sandbox.run(format, '''\
            def admins = agents < read auth_level: 'admin' >
            admins.pluck('username')
            '''.stripIndent()) == ['praman', 'thargreaves']

        where:
        format << [JSON, XML]
    }

    def "agents read by wire name and by Java name (#format)"() {
        expect:
        sandbox.run(format, '''\
            def grace = (agents < read username: 'gokafor' >)[0]
            [grace.auth_level, grace.authLevel, grace.selfserve_id, grace.selfserveId, grace.default_status, grace.defaultStatus]
            '''.stripIndent()) == ['supervisor', 'supervisor', '3101', '3101', 'wrap', 'wrap']

        where:
        format << [JSON, XML]
    }

    def "an unknown field is refused before any request: #code"() {
        when:
        sandbox.run(format, code)

        then:
        def e = thrown(DslScriptException)
        e.message == "spec.groovy:1: ${message}".toString()
        e.cause instanceof DslException
        sandbox.operations() == []
        sandbox.count() == 40

        where:
        format | code                                                   || message
        JSON   | "agents < create name: 'Joe', auth_levl: 'admin' >"    || "unknown field 'auth_levl' — did you mean 'auth_level'?"
        XML    | "agents < create name: 'Joe', auth_levl: 'admin' >"    || "unknown field 'auth_levl' — did you mean 'auth_level'?"
        JSON   | "agents < create name: 'Joe', authLevel: 'admin' >"    || "unknown field 'authLevel' — did you mean 'auth_level'?"
        JSON   | "agents < read auth_levl: 'admin' >"                   || "unknown field 'auth_levl' — did you mean 'auth_level'?"
        XML    | "agents < read limt: 5 >"                              || "unknown field 'limt' — did you mean 'limit'?"
        JSON   | "agents < read sort: 'nmae' >"                         || "unknown field 'nmae' — did you mean 'name'?"
        XML    | "agents < update agentid: 550000, auth_levl: 'admin' >" || "unknown field 'auth_levl' — did you mean 'auth_level'?"
        JSON   | "agents < create([[name: 'A'], [name: 'B', colour: 'red']]) >" || "unknown field 'colour' (known: ${DOCUMENTED.join(', ')}) (record 2)"
    }

    def "a value that breaks a field's rule is refused, naming field and value: #code"() {
        when:
        sandbox.run(format, code)

        then:
        def e = thrown(DslScriptException)
        e.message == "spec.groovy:1: ${message}".toString()
        !e.message.contains('12ab')
        !e.message.contains('s3cret')
        sandbox.operations() == []
        sandbox.count() == 40

        where:
        format | code                                                                      || message
        JSON   | "agents < create name: 'Joe', aod: 'maybe' >"                             || "field 'aod' must be yes or no, got 'maybe'"
        XML    | "agents < create name: 'Joe', pin: '12ab' >"                              || "field 'pin' must be digits only, got ****"
        JSON   | "agents < update agentid: 550000, auth_admin: 'yes' >"                    || "field 'auth_admin' must be Y or N, got 'yes'"
        XML    | "agents < update agentid: 'joe', name: 'Joe' >"                           || "field 'agentid' must be digits only, got 'joe'"
        JSON   | "agents < create([[name: 'A'], [name: 'B', pin: 's3cret']]) >"            || "field 'pin' must be digits only, got **** (record 2)"
        XML    | "agents < read limit: -1 >"                                               || "limit must be a whole number from 1 to 2147483647, got '-1'; leave limit out to read every match"
        JSON   | "agents < create agentid: 550000, name: 'Joe' >"                          || 'create does not take agentid: the API assigns it'
    }

    def "an update without agentid is refused before any request: #code"() {
        when:
        sandbox.run(format, code)

        then:
        def e = thrown(DslScriptException)
        e.message == "spec.groovy:1: ${message}".toString()
        sandbox.operations() == []
        sandbox.stored(550000).moh() == 'none'

        where:
        format | code                                                                   || message
        JSON   | "agents < update name: 'John Dow' >"                                   || 'update needs the agentid of the agent to change'
        XML    | "agents < update name: 'John Dow' >"                                   || 'update needs the agentid of the agent to change'
        JSON   | "agents < update([[agentid: 550000, moh: 'x'], [moh: 'x']]) >"         || 'update needs the agentid of the agent to change (record 2)'
        XML    | "agents.update(agentid: null, moh: 'x')"                               || 'update needs the agentid of the agent to change'
    }

    def "an unknown verb is refused with a hint: #code"() {
        when:
        sandbox.run(JSON, code)

        then:
        def e = thrown(DslScriptException)
        e.message == "spec.groovy:1: ${message}".toString()
        sandbox.operations() == []

        where:
        code                              || message
        "agents < craete name: 'Joe' >"   || "unknown verb 'craete' — did you mean 'create'?"
        "agents < delete agentid: 550000 >" || "unknown verb 'delete' (agents understands create, read, update)"
        "agents.raed()"                   || "unknown verb 'raed' — did you mean 'read'?"
    }

    def "inside a block the script's own methods, println and exit stay the script's (#format)"() {
        when:
        sandbox.run(format, '''\
            def label(n) { "Agent ${n}" }
            agents <
                println 'creating'
                print 'one '
                printf('%s!%n', 'two')
                println()
                create name: label(1)
                exit 4
            >
            '''.stripIndent())

        then:
        def e = thrown(ScriptExit)
        e.code() == 4
        sandbox.out.toString() == 'creating\none two!\n\n'
        sandbox.stored(NEXT_ID).name() == 'Agent 1'

        where:
        format << [JSON, XML]
    }

    def "a write that some records fail ends in a partial failure naming them (#format)"() {
        when:
        sandbox.run(format, "agents < update([[agentid: 550000, moh: 'default'], [agentid: 999999, moh: 'default']]) >")

        then:
        def e = thrown(DslScriptException)
        e.cause instanceof PartialFailureException
        e.message == 'spec.groovy:1: agents#update: 1 of 2 records failed: Record id [999999] does not exist.'
        sandbox.stored(550000).moh() == 'default'

        where:
        format << [JSON, XML]
    }

    static final long NEXT_ID = DslSandbox.NEXT_ID
    static final List<String> DOCUMENTED = io.cnsh.model.AgentField.wireNames() as List<String>
}
