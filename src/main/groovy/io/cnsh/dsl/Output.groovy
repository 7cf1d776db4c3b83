package io.cnsh.dsl

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.json.JsonMapper
import com.fasterxml.jackson.databind.node.ArrayNode
import com.fasterxml.jackson.databind.node.JsonNodeFactory
import com.fasterxml.jackson.databind.node.ObjectNode
import groovy.transform.CompileStatic
import io.cnsh.model.Agent
import io.cnsh.model.AgentField
import io.cnsh.model.Secrets
import io.cnsh.model.WriteResult
import io.cnsh.wire.CsvText
import io.cnsh.wire.Format
import io.cnsh.wire.Payload
import io.cnsh.wire.WireCodec

/**
 * The value of {@code cnsh -e} in the form {@code --output} asks for. {@link OutputForm#TABLE}
 * (and no form) is {@link Show}; the forms for programs never fit to the terminal's width:
 *
 * <ul>
 *   <li>{@code json}: one document on one line. Agents (a read, any list of agents) are a JSON
 *       array of records in the API's own shape (the wire JSON codec writes them), one agent is one
 *       record, a write is its {@link WriteResult} ({@code success}, {@code accountId}, {@code total},
 *       {@code bad}, {@code key}, {@code error}), numbers and booleans are JSON numbers and booleans,
 *       lists and maps are arrays and objects, anything else is a string, {@code null} is {@code null}.</li>
 *   <li>{@code csv}: a header row, then one row per agent, RFC 4180 quoting ({@link CsvText#raw}, no
 *       formula escape: this is CSV for programs). The header is the wire names of the fields the
 *       agents hold, in the documented field order, then any other field in order of appearance; an
 *       empty read has the documented fields as header. A write is one row under its result's names,
 *       a map is {@code key,value} rows, a list of other values is one {@code value} column, a single
 *       value one {@code value} row. A cell holding a list, map or agent holds its JSON.</li>
 *   <li>{@code tsv}: the same rows, tab-separated with no quoting; in a cell a backslash is written
 *       {@code \\}, a tab {@code \t}, a line feed {@code \n} and a carriage return {@code \r}.</li>
 *   <li>{@code values}: the rows of {@code tsv} without the header (one agent per line, its cells
 *       tab-separated); where there is one column (a single value, a list of values) each value is
 *       printed as it is, one per line.</li>
 * </ul>
 *
 * <p>Secret fields ({@link Secrets#isSecretName}: pin, password, token) of agents are masked in
 * every form unless {@code reveal} is on, as in the table. {@code null} prints nothing, except
 * {@code null} in JSON.
 */
@CompileStatic
final class Output {

    private static final ObjectMapper JSON = JsonMapper.builder().build()
    private static final WireCodec WIRE_JSON = WireCodec.of(Format.JSON)
    private static final List<String> ONE_COLUMN = ['value']

    private Output() {
    }

    /** The lines that print the value in the form ({@code null}: as {@link Show} does); {@code width} only fits the table. */
    static List<String> lines(Object value, OutputForm form, int width, boolean reveal) {
        if (form == null || form == OutputForm.TABLE) {
            return Show.lines(value, width, reveal)
        }
        if (form == OutputForm.JSON) {
            return [json(value, reveal)]
        }
        Rows rows = rows(value, reveal)
        if (rows == null) {
            return []
        }
        if (form == OutputForm.CSV) {
            List<List<String>> all = [rows.header] + rows.cells
            return CsvText.raw(all, '\n').split('\n', -1).toList().dropRight(1)
        }
        if (form == OutputForm.TSV) {
            return ([rows.header] + rows.cells).collect { List<String> row -> tabbed(row) }
        }
        if (rows.header.size() == 1) {
            return rows.cells.collect { List<String> row -> row[0] ?: '' }
        }
        rows.cells.collect { List<String> row -> tabbed(row) }
    }

    /** The value as one JSON document. */
    static String json(Object value, boolean reveal) {
        JSON.writeValueAsString(tree(value, reveal))
    }

    private static JsonNode tree(Object value, boolean reveal) {
        JsonNodeFactory nodes = JSON.nodeFactory
        if (value == null) {
            return nodes.nullNode()
        }
        List<Agent> agents = agentsIn(value)
        if (agents != null) {
            return JSON.readTree(WIRE_JSON.writePayload(shown(agents, reveal), Payload.Shape.LIST))
        }
        if (value instanceof Agent) {
            return JSON.readTree(WIRE_JSON.writePayload(shown([(Agent) value], reveal), Payload.Shape.SINGLE))
        }
        if (value instanceof WriteSummary || value instanceof WriteResult) {
            return JSON.valueToTree(value instanceof WriteSummary ? ((WriteSummary) value).result : value)
        }
        if (value instanceof Map) {
            ObjectNode object = nodes.objectNode()
            ((Map<Object, Object>) value).each { k, v -> object.set(String.valueOf(k), tree(v, reveal)) }
            return object
        }
        if (value instanceof Iterable || value instanceof Object[]) {
            ArrayNode array = nodes.arrayNode()
            (value as List).each { array.add(tree(it, reveal)) }
            return array
        }
        if (value instanceof Boolean || (value instanceof Number && finite((Number) value))) {
            return JSON.valueToTree(value)
        }
        nodes.textNode(value.toString())
    }

    private static boolean finite(Number n) {
        !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue())
    }

    /** A header and rows of text cells, or {@code null} for nothing to print. */
    private static Rows rows(Object value, boolean reveal) {
        if (value == null) {
            return null
        }
        List<Agent> agents = value instanceof Agent ? [(Agent) value] : agentsIn(value)
        if (agents != null) {
            List<Agent> shown = shown(agents, reveal)
            List<String> header = columns(shown)
            return new Rows(header, shown.collect { Agent a -> header.collect { a.get(it) } })
        }
        if (value instanceof WriteSummary || value instanceof WriteResult) {
            ObjectNode record = (ObjectNode) tree(value, reveal)
            List<String> header = record.fieldNames().toList()
            return new Rows(header, [header.collect { String name -> cell(record.get(name)) }])
        }
        if (value instanceof Map) {
            return new Rows(['key', 'value'], ((Map<Object, Object>) value).collect { k, v ->
                [String.valueOf(k), cell(v, reveal)]
            })
        }
        if (value instanceof Iterable || value instanceof Object[]) {
            return new Rows(ONE_COLUMN, (value as List).collect { [cell(it, reveal)] })
        }
        new Rows(ONE_COLUMN, [[value.toString()]])
    }

    private static String cell(Object value, boolean reveal) {
        if (value == null) {
            return null
        }
        boolean nested = value instanceof Map || value instanceof Iterable || value instanceof Agent
        nested ? json(value, reveal) : value.toString()
    }

    private static String cell(JsonNode node) {
        node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString()
    }

    /** The agents of a read or of a non-empty list of nothing but agents; otherwise {@code null}. */
    private static List<Agent> agentsIn(Object value) {
        if (value instanceof AgentList) {
            return (List<Agent>) value
        }
        if (value instanceof List && !((List) value).isEmpty() && ((List) value).every { it instanceof Agent }) {
            return (List<Agent>) value
        }
        null
    }

    /** The documented fields the agents hold, in the documented order, then any others as they appear. */
    private static List<String> columns(List<Agent> agents) {
        if (agents.isEmpty()) {
            return AgentField.wireNames() as List<String>
        }
        Set<String> held = new LinkedHashSet<>()
        agents.each { Agent a -> held.addAll(a.fields().keySet()) }
        List<String> known = AgentField.wireNames().findAll { held.contains(it) } as List<String>
        known + held.findAll { !known.contains(it) }
    }

    private static List<Agent> shown(List<Agent> agents, boolean reveal) {
        reveal ? agents : agents.collect { Agent a -> masked(a) }
    }

    /** The agent with every secret field that has a value masked. */
    private static Agent masked(Agent agent) {
        Agent out = agent
        agent.fields().each { String name, String v ->
            if (v != null && Secrets.isSecretName(name)) {
                out = out.with(name, Secrets.MASK)
            }
        }
        out
    }

    /** The cells joined by tabs, each with backslash, tab and line breaks escaped. */
    private static String tabbed(List<String> row) {
        row.collect { String c ->
            (c ?: '').replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
        }.join('\t')
    }

    /** A header and the rows under it. */
    private static final class Rows {
        final List<String> header
        final List<List<String>> cells

        Rows(List<String> header, List<? extends List<String>> cells) {
            this.header = header
            this.cells = cells as List<List<String>>
        }
    }
}
