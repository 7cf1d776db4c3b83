package io.cnsh.sandbox;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentPage;
import java.nio.file.Path;
import java.util.List;

/**
 * The sandbox's agents and token grants, kept in an embedded H2 database through plain JDBC: in
 * memory, or in a file under a data directory so that they survive a restart.
 *
 * <p>One entry point over the parts that do the work: {@link StoreSchema} (the tables, the row
 * of an agent, the seed and ids that continue after a restart), {@link AgentReader} (pages of a
 * query), {@link AgentWriter} (creates, updates, deletes, reset), {@link TokenTable} (grants) and
 * {@link StoreTransactions} (the database and its transactions).
 */
final class AgentStore implements AutoCloseable {

    private final StoreTransactions transactions;
    private final boolean created;
    private final AgentReader reader;
    private final AgentWriter writer;
    private final TokenTable tokens;

    private AgentStore(StoreTransactions transactions, long firstAgentId, boolean created, boolean strict) {
        this.transactions = transactions;
        this.created = created;
        this.reader = new AgentReader(transactions, strict);
        this.writer = new AgentWriter(transactions, firstAgentId, strict);
        this.tokens = new TokenTable(transactions);
    }

    /**
     * Opens the store, creating its tables (and applying the seed) when it is new.
     *
     * @param dataDir      the directory of the database file, or {@code null} for memory
     * @param firstAgentId the id of the first agent ever created
     * @param connections  the most connections used at once
     * @param strict       whether agents are kept and answered as a fixed-schema table would
     * @throws SandboxException when the database cannot be opened (for example, in use elsewhere)
     */
    static AgentStore open(Path dataDir, long firstAgentId, int connections, Seed seed, boolean strict) {
        StoreTransactions.Opened<Boolean> opened = StoreTransactions.open(dataDir, connections,
                c -> StoreSchema.initialize(c, firstAgentId, seed));
        return new AgentStore(opened.transactions(), firstAgentId, opened.setup(), strict);
    }

    /** True when this open created the store (and applied the seed). */
    boolean created() {
        return created;
    }

    /** Creates every acceptable record with the defaults for fields not given; ids sent in are ignored. */
    WriteOutcome create(List<Agent> records) {
        return writer.create(records);
    }

    /** Applies the fields given in each record to the agent its {@code agentid} names. */
    WriteOutcome update(List<Agent> records) {
        return writer.update(records);
    }

    /** Marks each named agent deleted ({@code filter} 999); the row stays and reads still return it. */
    WriteOutcome softDelete(List<Agent> records) {
        return writer.softDelete(records);
    }

    /** One page of the agents that match, and how many match in all. */
    AgentPage read(AgentQuery query) {
        return reader.read(query);
    }

    /** Deletes every agent, restarts the ids at the first id and applies the seed. Tokens stay. */
    void reset(Seed seed) {
        writer.reset(seed);
    }

    /** Records a token grant. */
    void saveToken(String token, long expire, String addresses) {
        tokens.save(token, expire, addresses);
    }

    /** The grants that expire at or after {@code since} (epoch seconds); older ones are removed. */
    List<String[]> loadTokens(long since) {
        return tokens.load(since);
    }

    /** Closes the database; an in-memory one is gone afterwards. */
    @Override
    public void close() {
        transactions.close();
    }
}
