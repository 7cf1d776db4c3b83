package io.cnsh.dsl

import io.cnsh.model.Agent
import io.cnsh.model.AgentField
import io.cnsh.model.OwnerOnlyFiles
import io.cnsh.model.Secrets
import io.cnsh.report.Table
import io.cnsh.wire.Format
import io.cnsh.wire.Payload
import io.cnsh.wire.WireCodec

/**
 * The agents a read returned, as a {@code List<Agent>}, plus {@code total}: how many matched in all
 * (more than {@code size()} when a limit cut the list). Agents read by wire name and Java name
 * ({@code it.auth_level}, {@code it.authLevel}). Secrets are masked in every rendering unless
 * {@code reveal: true} is given or the resource's {@code reveal} is on.
 */
class AgentList extends AbstractList<Agent> {

    private final List<Agent> agents
    /** Every agent that matched the read, regardless of limit and start. */
    final long total
    private final AgentsContext context

    AgentList(List<Agent> agents, long total, AgentsContext context) {
        this.agents = List.copyOf(agents)
        this.total = total
        this.context = context
    }

    @Override
    Agent get(int index) { agents.get(index) }

    /** How many agents the list holds (see {@code total} for how many matched). */
    @Override
    int size() { agents.size() }

    /** The agents whose fields equal all the given values (compared as text; a closure value is a test). */
    AgentList where(Map criteria) {
        criteria.keySet().each { checkField(it.toString()) }
        List<Agent> hits = agents.findAll { Agent a ->
            criteria.every { k, v ->
                String actual = a.get(k.toString())
                v instanceof Closure ? ((Closure) v).call(actual) : actual == (v == null ? null : v.toString())
            }
        }
        new AgentList(hits, hits.size(), context)
    }

    /** How many agents have each value of the field, most common first (pins and passwords masked). */
    Map<String, Integer> countBy(String field) {
        countBy([:], field)
    }

    /** How many agents have each value of the field, most common first; {@code reveal: true} shows pins and passwords. */
    Map<String, Integer> countBy(Map options, String field) {
        checkField(field)
        boolean mask = Secrets.isSecretName(wireName(field)) && !reveal(options)
        Map<String, Integer> counts = agents.countBy { Agent a -> mask ? Secrets.mask(a.get(field)) : a.get(field) }
        counts.sort { -it.value }
    }

    /** The values of one field, in order (secrets masked unless revealed). */
    List<String> pluck(String field) {
        pluck([:], field)
    }

    /** The values of one field, in order; {@code reveal: true} shows pins and passwords. */
    List<String> pluck(Map options, String field) {
        checkField(field)
        boolean mask = Secrets.isSecretName(wireName(field)) && !reveal(options)
        agents.collect { Agent a -> mask ? Secrets.mask(a.get(field)) : a.get(field) }
    }

    /** A text table with a count line (options: {@code columns}, {@code width}, {@code reveal}). */
    String table(Map options = [:]) {
        List<String> columns = (options.columns ?: Table.DEFAULT_COLUMNS).collect { it.toString() }
        columns.each { checkField(it) }
        int width = (options.width ?: 0) as int
        List<String> lines = Table.of(columns, width, reveal(options)).render(agents)
        lines << toString()
        lines.join('\n')
    }

    /** Writes the agents to a CSV file (every field; secrets masked) and returns the file. */
    File toCsv(def file) {
        toCsv([:], file)
    }

    /** Writes the agents to a CSV file and returns it; {@code reveal: true} writes pins and passwords. */
    File toCsv(Map options, def file) {
        File f = file instanceof File ? (File) file : new File(file.toString())
        if (reveal(options)) {
            // pins and passwords: owner-only from the moment the file exists
            OwnerOnlyFiles.replace(f.toPath(), render(Format.CSV, options))
        } else {
            f.bytes = render(Format.CSV, options)
        }
        f
    }

    /** The agents as a JSON array (secrets masked unless {@code reveal: true}). */
    String toJson(Map options = [:]) {
        new String(render(Format.JSON, options), 'UTF-8')
    }

    /** The agents as {@code <dxi><agent>…</agent></dxi>} (secrets masked unless {@code reveal: true}). */
    String toXml(Map options = [:]) {
        new String(render(Format.XML, options), 'UTF-8')
    }

    /** Sets the same fields on every agent in the list, in batches, and returns the counts. */
    WriteSummary update(Map fields) {
        if (context == null) {
            throw new DslException('this list is not tied to an account, so it cannot be updated')
        }
        context.updateAll(agents, fields)
    }

    private boolean reveal(Map options) {
        options.containsKey('reveal') ? options.reveal as boolean : (context?.reveal ?: false)
    }

    private byte[] render(Format format, Map options) {
        List<Agent> shown = reveal(options) ? agents : agents.collect { Agent a -> masked(a) }
        WireCodec.of(format).writePayload(shown, Payload.Shape.LIST)
    }

    private static Agent masked(Agent a) {
        Agent out = a
        for (String secret : ['pin', 'password']) {
            if (a.has(secret) && a.get(secret) != null) {
                out = out.with(secret, Secrets.MASK)
            }
        }
        out
    }

    private static String wireName(String field) {
        AgentField.byAnyName(field).map { it.wireName() }.orElse(field)
    }

    private static void checkField(String field) {
        if (!AgentField.byAnyName(field).isPresent()) {
            throw new DslException(Names.unknown('field', field, AgentField.wireNames()))
        }
    }

    /** {@code 40 agents}, or {@code 5 of 40 agents} when the read was cut short. */
    @Override
    String toString() {
        Show.count(agents.size(), total)
    }
}
