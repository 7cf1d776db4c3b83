package io.cnsh.dsl

import com.fasterxml.jackson.databind.ObjectMapper
import io.cnsh.wire.Format
import io.cnsh.wire.WireCodec
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import javax.xml.parsers.DocumentBuilderFactory
import java.nio.file.Path

import static io.cnsh.wire.Format.JSON
import static io.cnsh.wire.Format.XML

/**
 * The helpers of a read's result, on the demo agents of an in-process sandbox, in both wire
 * formats. Counts and names come from the sandbox's demo seed.
 */
class AgentListSpec extends Specification {

    @Shared
    @AutoCleanup
    DslSandbox sandbox = new DslSandbox()

    @TempDir
    Path dir

    def setup() {
        sandbox.reset()
    }

    def "where keeps the agents whose fields equal every value given (#format)"() {
        when:
        AgentList hits = sandbox.run(format, "(agents < read >).where(${criteria})")

        then:
        hits*.name == names
        hits.total == names.size()

        where:
        format | criteria                              || names
        JSON   | "auth_level: 'supervisor'"            || ['Grace Okafor', 'Daniel Whitfield', 'Aisha Karimi', 'Marcus Bell']
        XML    | "auth_level: 'supervisor'"            || ['Grace Okafor', 'Daniel Whitfield', 'Aisha Karimi', 'Marcus Bell']
        JSON   | "selfserve_id: 3104, aod: 'no'"       || ['Arjun Sharma', 'Ava Morgan']
        XML    | "authLevel: 'admin'"                  || ['Priya Raman', 'Tom Hargreaves']
        JSON   | "name: { it.startsWith('J') }"        || ['John Smith', 'Jane Smith', 'Jamal Washington']
        XML    | "username: 'jsmith', selfserve_id: 3103" || ['Jane Smith']
    }

    def "countBy counts each value of a field, most common first (#format)"() {
        when:
        Map counts = sandbox.run(format, "(agents < read >).countBy('${field}')")

        then:
        counts == expected
        counts.keySet() as List == expected.keySet() as List

        where:
        format | field          || expected
        JSON   | 'auth_level'   || [agent: 34, supervisor: 4, admin: 2]
        XML    | 'authLevel'    || [agent: 34, supervisor: 4, admin: 2]
        JSON   | 'selfserve_id' || ['3102': 11, '3101': 10, '3103': 9, '3104': 9, '0': 1]
    }

    def "countBy masks pins and passwords unless revealed (#format)"() {
        expect:
        sandbox.run(format, "(agents < read auth_level: 'supervisor' >).${code}") == counts

        where:
        format | code                                 || counts
        JSON   | "countBy('pin')"                     || ['****': 4]
        XML    | "countBy('password')"                || ['****': 4]
        JSON   | "countBy('pin', reveal: true)"       || ['739204': 1, '0000': 1, '582016': 1, '305817': 1]
        XML    | "countBy('password', reveal: true)"  || ['Cedar!Stone88': 1, 'Welcome123': 1, 'Mosaic-Tiles-19': 1, 'Blue.Heron.5': 1]
    }

    def "pluck gives one field's values, pins and passwords masked unless revealed (#format)"() {
        expect:
        sandbox.run(format, "def admins = agents < read auth_level: 'admin' >\n${code}") == values

        where:
        format | code                                          || values
        JSON   | "admins.pluck('username')"                    || ['praman', 'thargreaves']
        XML    | "admins.pluck('selfserveId')"                 || ['3101', '3102']
        JSON   | "admins.pluck('pin')"                         || ['****', '****']
        XML    | "admins.pluck('password')"                    || ['****', '****']
        JSON   | "admins.pluck('pin', reveal: true)"           || ['482913', '1234']
        XML    | "agents.reveal = true\nadmins.pluck('pin')"   || ['482913', '1234']
    }

    def "table shows the default columns and a count line (#format)"() {
        expect:
        sandbox.run(format, "(agents < read auth_level: 'admin' >).table()") == '''\
            agentid  name            username     auth_level  selfserve_id  filter
            -------  --------------  -----------  ----------  ------------  ------
            550000   Priya Raman     praman       admin       3101          0
            550001   Tom Hargreaves  thargreaves  admin       3102          0
            2 agents'''.stripIndent()

        where:
        format << [JSON, XML]
    }

    def "table takes columns and masks secrets unless revealed (#format)"() {
        expect:
        sandbox.run(format, "(agents < read auth_level: 'admin', limit: 1 >).table(${options})") == table.stripIndent()

        where:
        format | options                                  || table
        JSON   | "columns: ['username', 'pin']"           || '''\
            username  pin
            --------  ----
            praman    ****
            1 of 2 agents'''
        XML    | "columns: ['username', 'pin'], reveal: true" || '''\
            username  pin
            --------  ------
            praman    482913
            1 of 2 agents'''
    }

    def "toJson gives every field of every agent, secrets masked unless revealed (#format)"() {
        when:
        String masked = sandbox.run(format, "(agents < read auth_level: 'admin' >).toJson()")
        String revealed = sandbox.run(format, "(agents < read auth_level: 'admin' >).toJson(reveal: true)")

        then:
        def records = new ObjectMapper().readValue(masked, List)
        records*.username == ['praman', 'thargreaves']
        records*.pin == ['****', '****']
        records*.password == ['****', '****']
        records[0].keySet().size() == 21
        !masked.contains('482913')
        !masked.contains('Harbour-Lights-72')

        and:
        def clear = new ObjectMapper().readValue(revealed, List)
        clear*.pin == ['482913', '1234']
        clear*.password == ['Harbour-Lights-72', 'Password1']

        where:
        format << [JSON, XML]
    }

    def "toXml writes the agents as a create payload, secrets masked (#format)"() {
        when:
        String xml = sandbox.run(format, "(agents < read auth_level: 'admin' >).toXml()")

        then:
        def root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes('UTF-8'))).documentElement
        root.tagName == 'dxi'
        texts(root, 'agent') == [null, null]
        texts(root, 'username') == ['praman', 'thargreaves']
        texts(root, 'pin') == ['****', '****']
        !xml.contains('482913')

        where:
        format << [JSON, XML]
    }

    def "toCsv writes a file the CSV codec reads back, secrets masked unless revealed (#format)"() {
        given:
        def masked = dir.resolve('masked.csv').toFile()
        def clear = dir.resolve('clear.csv').toFile()

        when:
        def written = sandbox.run(format, """\
            def admins = agents < read auth_level: 'admin' >
            admins.toCsv('${masked}')
            admins.toCsv(new File('${clear}'), reveal: true)
            """.stripIndent())

        then:
        written == clear
        masked.readLines()[0].startsWith('agentid,name,moh,userfield,filter,pin,username,password,')
        def rows = WireCodec.of(Format.CSV).readPayload(masked.bytes).records()
        rows*.username() == ['praman', 'thargreaves']
        rows*.pin() == ['****', '****']
        !masked.text.contains('482913')
        WireCodec.of(Format.CSV).readPayload(clear.bytes).records()*.pin() == ['482913', '1234']

        where:
        format << [JSON, XML]
    }

    def "update sets the same fields on every agent of the list, in batches (#format)"() {
        when:
        WriteSummary summary = sandbox.run(format, "(agents < read selfserve_id: 3101 >).update(auth_reports: 'Y')")

        then:
        summary.total == 10
        summary.toString() == 'updated 10 agents'
        sandbox.entries().findAll { it.operation() == 'agents/update' }*.records() == [4, 4, 2]

        and:
        sandbox.run(format, "(agents < read selfserve_id: 3101 >).countBy('auth_reports')") == [Y: 10]
        sandbox.run(format, "(agents < read selfserve_id: 3102 >).countBy('auth_reports')") == [N: 8, Y: 2, (null): 1]

        where:
        format << [JSON, XML]
    }

    def "update of a filtered list changes only those agents (#format)"() {
        when:
        WriteSummary summary = sandbox.run(format,
                "(agents < read >).where(auth_level: 'supervisor').update(auth_reports: 'N')")

        then:
        summary.total == 4
        sandbox.entries().findAll { it.operation() == 'agents/update' }*.records() == [4]
        sandbox.stored(550003).authReports() == 'N'
        sandbox.stored(550000).authReports() == 'Y'

        where:
        format << [JSON, XML]
    }

    def "update of an empty list sends nothing (#format)"() {
        when:
        WriteSummary summary = sandbox.run(format, "(agents < read username: 'nobody' >).update(auth_reports: 'Y')")

        then:
        summary.total == 0
        summary.toString() == 'updated 0 agents'
        sandbox.operations() == ['agents/read']

        where:
        format << [JSON, XML]
    }

    def "a list update is refused before any request: #code"() {
        when:
        sandbox.run(JSON, "def admins = agents < read auth_level: 'admin' >\n${code}")

        then:
        def e = thrown(DslScriptException)
        e.message == "spec.groovy:2: ${message}".toString()
        sandbox.operations() == ['agents/read']

        where:
        code                                   || message
        "admins.update(auth_reprots: 'Y')"     || "unknown field 'auth_reprots' — did you mean 'auth_reports'?"
        "admins.update(auth_admin: 'yes')"     || "field 'auth_admin' must be Y or N, got 'yes'"
        "admins.update(agentid: 1, moh: 'x')"  || 'update of a list sets the same fields on every agent; leave out agentid'
        "admins.where(auth_levl: 'admin')"     || "unknown field 'auth_levl' — did you mean 'auth_level'?"
        "admins.countBy('selfserve')"          || "unknown field 'selfserve' — did you mean 'selfserve_id'?"
    }

    /** The text of each element of this name under root; null for an element that has child elements. */
    private static List<String> texts(org.w3c.dom.Element root, String name) {
        def nodes = root.getElementsByTagName(name)
        (0..<nodes.length).collect { int i ->
            def n = nodes.item(i)
            n.childNodes.length > 1 ? null : n.textContent
        }
    }
}
