package io.cnsh.client

import io.cnsh.model.Agent
import io.cnsh.sandbox.Seed

/**
 * Every read argument is checked like a write's, in the client, before anything is sent: Java and
 * JShell users building an {@link AgentQuery}, and the DSL and scripts going through
 * {@link ReadArguments}, get the same one-line refusals. Against the demo agents of a real sandbox,
 * each refused read sends no request at all, and each accepted one reads what it says.
 */
class ReadArgumentsSpec extends ClientSandboxSpec {

    def setup() {
        server.reset(Seed.DEMO)
    }

    /** The agents requests the sandbox answered (tokens left out). */
    List<String> agentRequests() {
        requests*.operation().findAll { it.startsWith('agents/') }
    }

    def "a read filter of #shown is refused before anything is sent, naming the field and how to find such agents"() {
        given:
        ContactNow cn = client()

        when:
        cn.agents().read(AgentQuery.where(field, value))

        then:
        InvalidInputException e = thrown()
        e.message == "read filter '${field}' has no value (got ${shown}), so it would match every agent; to find agents without one, read without it and use .where(${field}: { !it })"
        sent('readAgents').isEmpty()
        agentRequests().isEmpty()

        where:
        field       | value || shown
        'username'  | null  || 'null'
        'username'  | ''    || "''"
        'userfield' | ''    || "''"
        'userfield' | '  '  || "'  '"
        'agentid'   | null  || 'null'
        'filter'    | ''    || "''"
    }

    def "a read filter value follows its field's rule as a write's does: #field #value"() {
        given:
        ContactNow cn = client()

        when:
        cn.agents().read(AgentQuery.all().and(field, value))

        then:
        InvalidInputException e = thrown()
        e.message == message
        !e.message.contains('12ab')
        agentRequests().isEmpty()

        where:
        field          | value          || message
        'agentid'      | 'x'            || "field 'agentid' must be digits only, got 'x'"
        'agentid'      | -5             || "field 'agentid' must be digits only, got '-5'"
        'aod'          | 'maybe'        || "field 'aod' must be yes or no, got 'maybe'"
        'auth_admin'   | 'yes'          || "field 'auth_admin' must be Y or N, got 'yes'"
        'selfserve_id' | 3103.5         || "field 'selfserve_id' must be digits only, got '3103.5'"
        'pin'          | '12ab'         || "field 'pin' must be digits only, got ****"
        'user_name'    | 'jsmith'       || "unknown field 'user_name' — did you mean 'username'?"
        'username'     | ['a', 'b']     || "read filter 'username' takes one value, got a list; read once per value, or read more and keep some with .where"
        'username'     | [a: 'b']       || "read filter 'username' takes one value, got a map; read once per value, or read more and keep some with .where"
    }

    def "a value is sent as a write's would be: selfserve_id 3103.0 reads campaign 3103"() {
        when:
        def page = client().agents().read(AgentQuery.where('selfserve_id', 3103.0d))

        then:
        page.total() == 9
        page.agents()*.selfserveId().unique() == ['3103']
        served('agents/read', 1).size() == 1
    }

    def "the statement filter #statement reads #count agents"() {
        expect:
        client().agents().read(AgentQuery.all().filter(statement)).total() == count

        where:
        statement                 || count
        '999'                     || 1
        '= 0'                     || 38
        '!= 999'                  || 39
        '<> 999'                  || 39
        '< 999'                   || 38
        '<= 999'                  || 39
        '> 0'                     || 2
        '>= 999'                  || 2
        'IN (0, 999)'             || 39
        'in (999)'                || 1
        'NOT IN (999, 505050)'    || 38
        " NOT IN ('999','505050')"|| 38
    }

    def "a statement filter outside the grammar is refused before anything is sent: #statement"() {
        when:
        client().agents().read(AgentQuery.all().filter(statement))

        then:
        InvalidInputException e = thrown()
        e.message == "filter '${statement}' ${problem}; write 999, != 999, < 10, >= 10, IN (0, 999) or NOT IN (999, 505050)".toString()
        agentRequests().isEmpty()

        where:
        statement               || problem
        'deleted'               || 'compares with text, not whole numbers'
        '!= abc'                || 'compares with text, not whole numbers'
        '999 OR 1=1'            || 'compares with text, not whole numbers'
        '> 5 AND filter < 9'    || 'compares with text, not whole numbers'
        'IN (999) OR (1)'       || 'compares with text, not whole numbers'
        'IN 999, 505050'        || 'is malformed (IN needs a list in parentheses)'
        'NOT IN (999,)'         || 'is malformed (empty value in the IN list)'
        'NOT IN (999, \'1)'     || 'is malformed (unclosed quote in the IN list)'
        '!='                    || 'is malformed (operator != has no value)'
        '== 999'                || 'compares with text, not whole numbers'
    }

    def "limit and start of a Java query are refused out of range: #call"() {
        when:
        Eval.x(AgentQuery.all(), "x.${call}")

        then:
        InvalidInputException e = thrown()
        e.message == message

        where:
        call        || message
        'limit(0)'  || "limit must be a whole number from 1 to 2147483647, got '0'; leave limit out to read every match"
        'limit(-1)' || "limit must be a whole number from 1 to 2147483647, got '-1'; leave limit out to read every match"
        'start(-1)' || "start must be a whole number from 0 to 2147483647, got '-1'"
    }

    def "a sort that is not one field with an optional direction is refused: #sort"() {
        when:
        AgentQuery.all().sort(sort)

        then:
        InvalidInputException e = thrown()
        e.message == "sort ${shown} is not a field to sort by; write a field name: 'name', 'name desc' or '-name'".toString()

        where:
        sort           || shown
        null           || 'null'
        ''             || "''"
        'name up'      || "'name up'"
        '-name desc'   || "'-name desc'"
        'name, agentid'|| "'name, agentid'"
    }

    def "named read arguments with #arguments are refused before anything is sent"() {
        when:
        def r = ReadArguments.of(arguments)
        client().agents().read(r.query())

        then:
        InvalidInputException e = thrown()
        e.message == message
        agentRequests().isEmpty()

        where:
        arguments                            || message
        [limit: 0]                           || "limit must be a whole number from 1 to 2147483647, got '0'; leave limit out to read every match"
        [limit: 4294967297L]                 || "limit must be a whole number from 1 to 2147483647, got '4294967297'; leave limit out to read every match"
        [limit: 4294967297G]                 || "limit must be a whole number from 1 to 2147483647, got '4294967297'; leave limit out to read every match"
        [limit: 2147483648L]                 || "limit must be a whole number from 1 to 2147483647, got '2147483648'; leave limit out to read every match"
        [limit: 2.9]                         || "limit must be a whole number from 1 to 2147483647, got '2.9'; leave limit out to read every match"
        [limit: 2.9d]                        || "limit must be a whole number from 1 to 2147483647, got '2.9'; leave limit out to read every match"
        [limit: '2.9']                       || "limit must be a whole number from 1 to 2147483647, got '2.9'; leave limit out to read every match"
        [limit: 'ten']                       || "limit must be a whole number from 1 to 2147483647, got 'ten'; leave limit out to read every match"
        [limit: '']                          || "limit must be a whole number from 1 to 2147483647, got ''; leave limit out to read every match"
        [limit: null]                        || "limit must be a whole number from 1 to 2147483647, got null; leave limit out to read every match"
        [limit: true]                        || "limit must be a whole number from 1 to 2147483647, got 'true'; leave limit out to read every match"
        [limit: Double.NaN]                  || "limit must be a whole number from 1 to 2147483647, got 'NaN'; leave limit out to read every match"
        [start: 4294967296L]                 || "start must be a whole number from 0 to 2147483647, got '4294967296'"
        [start: -1]                          || "start must be a whole number from 0 to 2147483647, got '-1'"
        [start: '1e3']                       || "start must be a whole number from 0 to 2147483647, got '1e3'"
        [all: 'false']                       || "all takes true or false, got 'false' (text, which Groovy counts as true); write all: true or all: false"
        [all: 1]                             || "all takes true or false, got '1'; write all: true or all: false"
        [all: null]                          || "all takes true or false, got null; write all: true or all: false"
        [sort: 'nmae']                       || "unknown field 'nmae' — did you mean 'name'?"
        [sort: '-shoe_size']                 || "unknown field 'shoe_size' (known: agentid, name, moh, userfield, filter, pin, username, password, phone, customer, default_status, agent_version, last_broadcast_msg, selfserve_id, aod, aod_lock, audio_id, auth_level, auth_admin, auth_supervisor, auth_reports)"
        [limt: 5]                            || "unknown field 'limt' — did you mean 'limit'?"
        [username: '', limit: 5]             || "read filter 'username' has no value (got ''), so it would match every agent; to find agents without one, read without it and use .where(username: { !it })"
        [aod: 'maybe']                       || "field 'aod' must be yes or no, got 'maybe'"
        [filter: 'deleted']                  || "filter 'deleted' compares with text, not whole numbers; write 999, != 999, < 10, >= 10, IN (0, 999) or NOT IN (999, 505050)"
        null                                 || 'read takes field: value pairs, got null; write read() to read every agent'
    }

    def "named read arguments take numbers as numbers or as their text: #arguments"() {
        when:
        def r = ReadArguments.of(arguments)

        then:
        r.query() == query
        r.all() == all

        where:
        arguments                                              || query                                                     | all
        [:]                                                    || AgentQuery.all()                                          | false
        [limit: '10', start: '0']                              || AgentQuery.all().start(0).limit(10)                       | false
        [limit: 2.0d, start: 3L]                               || AgentQuery.all().start(3).limit(2)                        | false
        [limit: 2147483647G]                                   || AgentQuery.all().limit(Integer.MAX_VALUE)                 | false
        [selfserve_id: 3103, sort: 'name desc', all: true]     || AgentQuery.where('selfserve_id', '3103').sort('name desc') | true
        [filter: 999, all: false]                              || AgentQuery.all().filter('999')                            | false
    }

    def "sort reads #sort the way the sandbox and the docs spell it"() {
        when:
        def names = client().agents().read(ReadArguments.of([selfserve_id: 3101, sort: sort, limit: 3]).query()).agents()*.name()

        then:
        names == expected

        where:
        sort        || expected
        'name'      || ['Chloe Nakamura', 'Emily Carter', 'Grace Okafor']
        'name asc'  || ['Chloe Nakamura', 'Emily Carter', 'Grace Okafor']
        'name desc' || ['Theo Wright', 'Samuel Adeyemi', 'Ravi Menon']
        '-name'     || ['Theo Wright', 'Samuel Adeyemi', 'Ravi Menon']
    }

    def "read all with a limit caps the whole list, and start is where it begins"() {
        given:
        ContactNow cn = client(pageSize: 5)
        def r = ReadArguments.of([all: true, start: 3, limit: 12])

        when:
        List<Agent> agents = cn.agents().readAll(r.query()).toList()

        then: 'twelve agents from the fourth on, in three pages of at most five'
        agents*.agentid() == (550003L..550014L).toList()
        served('agents/read', 3)*.records() == [5, 5, 2]
    }

    def "an update with nothing to change is refused before anything is sent: #what"() {
        given:
        ContactNow cn = client()

        when:
        cn.agents().update(patches)

        then:
        InvalidInputException e = thrown()
        e.message == message
        agentRequests().isEmpty()
        cn.agents().read(AgentQuery.where('agentid', 550003)).agents()[0].name() == 'Grace Okafor'

        where:
        what                  | patches                                                                    || message
        'one agent'           | [Agent.of(agentid: 550003)]                                                || 'update of agent 550003 has nothing to change; give at least one field to set besides agentid'
        'the second of two'   | [Agent.of(agentid: 550004, moh: 'x'), Agent.of(agentid: '550003')]        || 'update record 2 (agent 550003) has nothing to change; give at least one field to set besides agentid'
    }
}
