package io.cnsh.sandbox;

import static io.cnsh.sandbox.StoreSchema.q;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentPage;
import io.cnsh.model.StatementFilter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads pages of agents: the rows that match a query, in its order, and how many match in all.
 *
 * <p>Paging with {@code start} is an OFFSET, which H2 serves by stepping over every skipped
 * row: reading 100,000 agents in pages of 500 would step over five million rows. So a read in
 * {@code agentid} order remembers where its page ended; when the next read asks for the page
 * that follows and no write has started since, it continues after the last agentid instead,
 * and reuses the count. That gives the same rows as the OFFSET, because nothing has changed.
 */
final class AgentReader {

    /** The most read continuations kept; more distinct queries at once start the set afresh. */
    private static final int MAX_CONTINUATIONS = 64;

    private final StoreTransactions transactions;
    /** Whether agents are answered as a fixed-schema table would ({@link StrictSchema}). */
    private final boolean strict;
    private final Map<String, Continuation> continuations = new ConcurrentHashMap<>();

    AgentReader(StoreTransactions transactions, boolean strict) {
        this.transactions = transactions;
        this.strict = strict;
    }

    /** One page of the agents that match, and how many match in all. */
    AgentPage read(AgentQuery query) {
        long writes = transactions.writesStarted();
        boolean quiet = transactions.quiet(writes);
        List<Object> args = new ArrayList<>();
        String where = where(query, args);
        String key = query.sort().equals("agentid") ? (query.descending() ? "desc" : "asc") + where + args : null;
        Continuation hint = key != null && quiet ? continuations.get(key) : null;
        if (hint != null && (hint.writes() != writes || hint.nextStart() != query.start())) {
            hint = null;
        }
        AgentPage page = read(query, where, args, hint);
        if (hint != null && transactions.writesStarted() != writes) {
            // a write started meanwhile: the continuation may not match the OFFSET any more
            page = read(query, where, args, null);
        }
        if (key != null && quiet && transactions.writesStarted() == writes && !page.agents().isEmpty()) {
            if (continuations.size() >= MAX_CONTINUATIONS) {
                continuations.clear();
            }
            continuations.put(key, new Continuation(writes, query.start() + page.agents().size(),
                    page.agents().get(page.agents().size() - 1).agentid(), page.total()));
        }
        return page;
    }

    /** Where a read in agentid order ended, valid while no write has started since {@code writes}. */
    private record Continuation(long writes, long nextStart, long lastAgentid, long total) {
    }

    private AgentPage read(AgentQuery query, String where, List<Object> selection, Continuation hint) {
        return transactions.inTransaction(c -> {
            List<Object> args = new ArrayList<>(selection);
            long total;
            if (hint != null) {
                total = hint.total();
            } else {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"agents\"" + where)) {
                    bind(ps, args);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
            }
            String order = query.descending() ? " DESC NULLS LAST" : " ASC NULLS FIRST";
            String sql;
            if (hint != null) {
                sql = StoreSchema.SELECT_AGENTS + (where.isEmpty() ? " WHERE " : where + " AND ")
                        + "\"agentid\" " + (query.descending() ? "<" : ">") + " ? ORDER BY \"agentid\"" + order
                        + (query.limit() == null ? "" : " FETCH NEXT ? ROWS ONLY");
                args.add(hint.lastAgentid());
            } else {
                sql = StoreSchema.SELECT_AGENTS + where + " ORDER BY " + q(query.sort()) + order
                        + (query.sort().equals("agentid") ? "" : ", \"agentid\"")
                        + " OFFSET ? ROWS" + (query.limit() == null ? "" : " FETCH NEXT ? ROWS ONLY");
                args.add(query.start());
            }
            if (query.limit() != null) {
                args.add(query.limit());
            }
            List<Agent> agents = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Agent agent = StoreSchema.agent(rs);
                        agents.add(strict ? StrictSchema.stored(agent) : agent);
                    }
                }
            }
            return new AgentPage(total, agents);
        });
    }

    private static String where(AgentQuery query, List<Object> args) {
        List<String> tests = new ArrayList<>();
        query.equals().forEach((field, value) -> {
            if (field.equals("agentid")) {
                Long id = Agent.of(Map.of("agentid", value)).agentid();
                if (id == null) {
                    tests.add("FALSE");
                } else {
                    tests.add("\"agentid\" = ?");
                    args.add(id);
                }
            } else {
                tests.add(q(field) + " = ?");
                args.add(value);
            }
        });
        StatementFilter st = query.statement();
        if (st != null) {
            boolean numeric = st.numeric();
            String column = numeric
                    ? "CAST(CASE WHEN REGEXP_LIKE(\"filter\", '^-?[0-9]{1,18}$') THEN \"filter\" END AS BIGINT)"
                    : "\"filter\"";
            String placeholders = String.join(", ", st.operands().stream().map(o -> "?").toList());
            tests.add(column + " " + st.op().sql() + (st.op().isList() ? " (" + placeholders + ")" : " ?"));
            for (String o : st.operands()) {
                args.add(numeric ? (Object) Long.valueOf(o) : o);
            }
        }
        return tests.isEmpty() ? "" : " WHERE " + String.join(" AND ", tests);
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }
}
