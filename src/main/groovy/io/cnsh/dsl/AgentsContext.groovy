package io.cnsh.dsl

import io.cnsh.client.AgentQuery
import io.cnsh.client.ContactNow
import io.cnsh.model.Agent
import io.cnsh.model.AgentField
import io.cnsh.model.WriteResult

/**
 * The {@code agents} resource of the DSL: {@code agents < create … >}, {@code agents < read … >},
 * {@code agents < update … >} and their plain Groovy forms ({@code agents.create(name: 'Joe')},
 * {@code agents { read limit: 5 }}). Field names are the API's wire names; every name and value is
 * checked before a request is sent.
 */
class AgentsContext {

    /** The verbs this resource understands. */
    static final List<String> VERBS = ['create', 'read', 'update'].asImmutable()

    /** Arguments of read that are not field filters. */
    static final List<String> READ_OPTIONS = ['sort', 'start', 'limit', 'all'].asImmutable()

    private final ContactNow client

    /** When true, rendered output shows pins and passwords. */
    boolean reveal

    private final java.util.function.BiConsumer<String, Integer> beforeWrite

    AgentsContext(ContactNow client) {
        this(client, null)
    }

    /**
     * A resource whose writes are announced first: {@code beforeWrite} is told the verb and the
     * record count before each write is sent, and may refuse it by throwing (the shell confirms
     * large writes to production this way).
     */
    AgentsContext(ContactNow client, java.util.function.BiConsumer<String, Integer> beforeWrite) {
        this.client = client
        this.beforeWrite = beforeWrite
    }

    /** The client this resource talks through. */
    ContactNow getClient() { client }

    /** Runs a block of verbs against this resource; the block's outer variables and {@code it} stay visible. */
    def call(@DelegatesTo(value = AgentsContext, strategy = Closure.DELEGATE_FIRST) Closure body) {
        Closure c = (Closure) body.clone()
        c.delegate = this
        c.resolveStrategy = Closure.DELEGATE_FIRST
        c.call()
    }

    /** Creates one agent from wire-named fields and returns its new agentid. */
    Long create(Map fields) {
        Agent agent = toAgent(fields, 'create', 1)
        beforeWrite?.accept('create', 1)
        client.agents().create([agent]).key()
    }

    /** Creates several agents (maps or {@link Agent}s) in batches and returns the counts. */
    WriteSummary create(List records) {
        List<Agent> agents = records.withIndex().collect { r, int i -> toAgent(r, 'create', i + 1) }
        beforeWrite?.accept('create', agents.size())
        new WriteSummary('create', client.agents().create(agents))
    }

    /** Reads every agent, deleted and system ones included (one page of up to the server's default). */
    AgentList read() {
        read([:])
    }

    /**
     * Reads agents: field filters ({@code auth_level: 'admin'}), a statement {@code filter}
     * ({@code filter: '!= 999'}), {@code sort}, {@code start}, {@code limit}, and {@code all: true} to
     * page through every match.
     */
    AgentList read(Map args) {
        AgentQuery q = AgentQuery.all()
        boolean all = false
        args.each { k, v ->
            String name = k.toString()
            switch (name) {
                case 'all': all = v as boolean; break
                case 'sort':
                    checkField(v?.toString(), 'sort')
                    q = q.sort(v.toString()); break
                case 'start': q = q.start(number(name, v)); break
                case 'limit': q = q.limit(number(name, v)); break
                default:
                    checkField(name, 'read')
                    q = q.and(name, v)
            }
        }
        if (all) {
            List<Agent> agents = client.agents().readAll(q).toList()
            return new AgentList(agents, agents.size(), this)
        }
        def page = client.agents().read(q)
        new AgentList(page.agents(), page.total(), this)
    }

    /** Updates one agent: {@code agentid} picks it, the other fields are set. */
    WriteSummary update(Map fields) {
        update([fields])
    }

    /** Updates several agents (maps or {@link Agent}s, each with its agentid) in batches. */
    WriteSummary update(List records) {
        List<Agent> patches = records.withIndex().collect { r, int i -> toAgent(r, 'update', i + 1) }
        beforeWrite?.accept('update', patches.size())
        new WriteSummary('update', client.agents().update(patches))
    }

    /** Sets the same fields on every agent given (used by {@link AgentList#update}). */
    WriteSummary updateAll(List<Agent> agents, Map fields) {
        Map<String, Object> clean = checkedFields(fields, 'update')
        if (clean.containsKey('agentid')) {
            throw new DslException("update of a list sets the same fields on every agent; leave out agentid")
        }
        List<Agent> patches = agents.collect { Agent a ->
            if (a.agentid() == null) {
                throw new DslException("an agent in the list has no agentid, so it cannot be updated")
            }
            Agent.of([agentid: a.get('agentid')] + clean)
        }
        beforeWrite?.accept('update', patches.size())
        new WriteSummary('update', patches.isEmpty()
                ? new WriteResult(true, null, 0, 0, 0, null)
                : client.agents().update(patches))
    }

    def methodMissing(String name, def args) {
        throw new DslException(Names.unknown('verb', name, VERBS) + ' (agents understands ' + VERBS.join(', ') + ')')
    }

    def propertyMissing(String name) {
        if (name == 'read') {
            return read()
        }
        throw new MissingPropertyException(name, AgentsContext)
    }

    private Agent toAgent(def record, String verb, int index) {
        if (record instanceof Agent) {
            checkedFields(((Agent) record).fields(), verb, index)
            return verb == 'create' ? ((Agent) record).without('agentid') : (Agent) record
        }
        if (!(record instanceof Map)) {
            throw new DslException("${verb} takes field: value pairs or a list of them; record ${index} is a ${record?.getClass()?.simpleName}")
        }
        Map<String, Object> fields = checkedFields((Map) record, verb, index)
        if (verb == 'create' && fields.containsKey('agentid')) {
            throw new DslException("create does not take agentid: the API assigns it")
        }
        if (verb == 'update' && fields.agentid == null) {
            throw new DslException("update needs the agentid of the agent to change" + (index > 1 ? " (record ${index})" : ''))
        }
        Agent.of(fields)
    }

    private static Map<String, Object> checkedFields(Map fields, String verb, int index = 1) {
        Map<String, Object> out = [:]
        fields.each { k, v ->
            String name = k.toString()
            checkField(name, verb)
            String text = v == null ? null : v.toString()
            AgentField.byWireName(name).flatMap { it.check(text) }.ifPresent { String problem ->
                throw new DslException(problem + (index > 1 ? " (record ${index})" : ''))
            }
            out[name] = text
        }
        out
    }

    private static void checkField(String name, String verb) {
        if (name == null || !AgentField.wireNames().contains(name)) {
            Collection<String> known = verb == 'read' ? AgentField.wireNames() + READ_OPTIONS : AgentField.wireNames()
            throw new DslException(Names.unknown('field', String.valueOf(name), known))
        }
    }

    private static int number(String name, def v) {
        try {
            int n = v as int
            if (n < 0) {
                throw new NumberFormatException()
            }
            return n
        } catch (NumberFormatException | ClassCastException | org.codehaus.groovy.runtime.typehandling.GroovyCastException e) {
            throw new DslException("${name} must be a whole number of 0 or more, got '${v}'")
        }
    }

    @Override
    String toString() {
        "agents of ${client}"
    }
}
