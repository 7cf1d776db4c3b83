package io.cnsh.dsl

import io.cnsh.client.AgentsClient
import io.cnsh.client.ContactNow
import io.cnsh.client.InvalidInputException
import io.cnsh.client.ReadArguments
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
    static final List<String> READ_OPTIONS = ReadArguments.OPTIONS

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

    /** Creates several agents (maps or {@link Agent}s) in batches and returns the counts and the last new agentid. */
    WriteSummary create(List records) {
        List<Agent> agents = records.withIndex().collect { r, int i -> toAgent(r, 'create', i + 1) }
        beforeWrite?.accept('create', agents.size())
        new WriteSummary('create', client.agents().create(agents))
    }

    /** Reads every agent, deleted and system ones included, in one request. */
    AgentList read() {
        read([:])
    }

    /**
     * Reads agents: field filters ({@code auth_level: 'admin'}), a statement {@code filter}
     * ({@code filter: '!= 999'}), {@code sort}, {@code start}, {@code limit}, and {@code all: true} to
     * page through every match. Every argument is checked by the client's {@link ReadArguments}
     * before anything is sent: a filter needs a value, a limit is 1 or more.
     */
    AgentList read(Map args) {
        ReadArguments r = null
        checked { r = ReadArguments.of(args) }
        if (r.all()) {
            List<Agent> agents = client.agents().readAll(r.query()).toList()
            return new AgentList(agents, agents.size(), this)
        }
        def page = client.agents().read(r.query())
        new AgentList(page.agents(), page.total(), this)
    }

    /** Updates one agent: {@code agentid} picks it, the other fields are set; returns the counts. */
    WriteSummary update(Map fields) {
        update([fields])
    }

    /** Updates several agents (maps or {@link Agent}s, each with its agentid) in batches and returns the counts. */
    WriteSummary update(List records) {
        List<Agent> patches = records.withIndex().collect { r, int i -> toAgent(r, 'update', i + 1) }
        checked { AgentsClient.checkUpdates(patches) }
        beforeWrite?.accept('update', patches.size())
        new WriteSummary('update', client.agents().update(patches))
    }

    /** Sets the same fields on every agent given, in batches: what {@link AgentList#update} does, public so that a shell can wrap it. */
    WriteSummary updateAll(List<Agent> agents, Map fields) {
        Map<String, String> clean = checkedFields(fields, 'update')
        if (clean.containsKey('agentid')) {
            throw new DslException("update of a list sets the same fields on every agent; leave out agentid")
        }
        if (clean.isEmpty()) {
            throw new DslException("update of a list has nothing to change; give the fields to set on every agent, e.g. .update(moh: 'none')")
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

    // Inside a block the resource is asked first; these hand printing back to the script, so that
    // println there writes where the script's own println writes.

    /** Not the resource's: inside a block, {@code println} is the script's own. */
    void println() {
        throw new MissingMethodException('println', AgentsContext, [] as Object[])
    }

    /** Not the resource's: inside a block, {@code println} is the script's own. */
    void println(Object value) {
        throw new MissingMethodException('println', AgentsContext, [value] as Object[])
    }

    /** Not the resource's: inside a block, {@code print} is the script's own. */
    void print(Object value) {
        throw new MissingMethodException('print', AgentsContext, [value] as Object[])
    }

    /** Not the resource's: inside a block, {@code printf} is the script's own. */
    void printf(String format, Object[] values) {
        throw new MissingMethodException('printf', AgentsContext, [format, values] as Object[])
    }

    /** Reports a verb this resource does not have, in a way that lets a block fall back to the script's own methods. */
    def methodMissing(String name, def args) {
        throw new UnknownVerbException('agents', name, AgentsContext, args as Object[], VERBS)
    }

    /** Lets {@code agents.read} stand for {@code agents.read()}; any other unknown name is missing. */
    def propertyMissing(String name) {
        if (name == 'read') {
            return read()
        }
        throw new MissingPropertyException(name, AgentsContext)
    }

    private Agent toAgent(def record, String verb, int index) {
        if (record instanceof Agent) {
            Agent agent = (Agent) record
            // An Agent may carry fields the API added beyond the documented ones: they go back as they came.
            checkRules(agent.fields(), index)
            if (verb == 'update' && agent.agentid() == null) {
                throw new DslException(noAgentid(index))
            }
            return verb == 'create' ? agent.without('agentid') : agent
        }
        if (!(record instanceof Map)) {
            throw new DslException("${verb} takes field: value pairs or a list of them; record ${index} is a ${record?.getClass()?.simpleName}")
        }
        Map<String, String> fields = checkedFields((Map) record, verb, index)
        if (verb == 'create' && fields.containsKey('agentid')) {
            throw new DslException("create does not take agentid: the API assigns it")
        }
        if (verb == 'update' && fields.agentid == null) {
            throw new DslException(noAgentid(index))
        }
        Agent.of(fields)
    }

    private static String noAgentid(int index) {
        "update needs the agentid of the agent to change" + (index > 1 ? " (record ${index})" : '')
    }

    private static Map<String, String> checkedFields(Map fields, String verb, int index = 1) {
        fields.keySet().each { checkField(it?.toString(), verb, index) }
        // Agent.of turns values into the text the API gets (2.0 becomes "2"); the rules check that text.
        Map<String, String> text = Agent.of(fields.collectEntries { k, v -> [(k.toString()): v] }).fields()
        checkRules(text, index)
        new LinkedHashMap<String, String>(text)
    }

    private static void checkRules(Map<String, String> fields, int index) {
        fields.each { String name, String value ->
            AgentField.byWireName(name).flatMap { it.check(value) }.ifPresent { String problem ->
                throw new DslException(problem + (index > 1 ? " (record ${index})" : ''))
            }
        }
    }

    private static void checkField(String name, String verb, int index = 1) {
        if (name == null || !AgentField.wireNames().contains(name)) {
            throw new DslException(Names.unknown('field', String.valueOf(name), AgentField.wireNames()) + (index > 1 ? " (record ${index})" : ''))
        }
    }

    /** Runs a client check, reporting its refusal as the DSL's own, with the same text. */
    private static void checked(Closure check) {
        try {
            check.call()
        } catch (InvalidInputException e) {
            throw new DslException(e.message)
        }
    }

    @Override
    String toString() {
        "agents of ${client}"
    }
}
