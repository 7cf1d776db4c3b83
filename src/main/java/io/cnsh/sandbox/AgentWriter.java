package io.cnsh.sandbox;

import static io.cnsh.sandbox.StoreSchema.q;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentField;
import io.cnsh.model.XmlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Changes agents: creates, updates, soft deletes and the reset to a seed. A multi-record write
 * runs in one transaction; a record that cannot be stored is reported by its position and the
 * others are still written, as the API does.
 */
final class AgentWriter {

    /** The most fields outside the documented ones that one record may carry. */
    static final int MAX_EXTRA_FIELDS = 64;

    private static final Pattern EXTRA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

    private final StoreTransactions transactions;
    private final long firstAgentId;
    /** Whether agents are kept as a fixed-schema table would ({@link StrictSchema}). */
    private final boolean strict;

    AgentWriter(StoreTransactions transactions, long firstAgentId, boolean strict) {
        this.transactions = transactions;
        this.firstAgentId = firstAgentId;
        this.strict = strict;
    }

    /** Creates every acceptable record with the defaults for fields not given; ids sent in are ignored. */
    WriteOutcome create(List<Agent> records) {
        return transactions.writing(c -> {
            long total = 0;
            long key = 0;
            List<String> errors = new ArrayList<>();
            try (PreparedStatement insert = StoreSchema.prepareInsert(c)) {
                for (int i = 0; i < records.size(); i++) {
                    String problem = problem(records.get(i));
                    if (problem != null) {
                        errors.add("Record " + (i + 1) + ": " + problem + ".");
                        continue;
                    }
                    key = StoreSchema.insert(insert, strict ? StrictSchema.stored(records.get(i)) : records.get(i));
                    total++;
                }
            }
            return new WriteOutcome(total, errors.size(), key, errors);
        });
    }

    /** Applies the fields given in each record to the agent its {@code agentid} names. */
    WriteOutcome update(List<Agent> records) {
        return transactions.writing(c -> {
            long total = 0;
            List<String> errors = new ArrayList<>();
            try (Statements statements = new Statements(c)) {
                for (int i = 0; i < records.size(); i++) {
                    Agent r = records.get(i);
                    Long id = r.agentid();
                    String problem = id == null ? missing(r) : problem(r);
                    if (problem == null) {
                        problem = apply(statements, id, strict ? StrictSchema.stored(r) : r);
                    }
                    if (problem == null) {
                        total++;
                    } else {
                        errors.add(problem.startsWith("Record id") ? problem : "Record " + (i + 1) + ": " + problem + ".");
                    }
                }
            }
            return new WriteOutcome(total, errors.size(), 0, errors);
        });
    }

    /**
     * The statements of one write transaction, each prepared on first use and reused for every
     * record after it: a request of a hundred updates to the same fields parses its SQL once.
     */
    private static final class Statements implements AutoCloseable {
        private final Connection connection;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        Statements(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement get(String sql) throws SQLException {
            PreparedStatement ps = prepared.get(sql);
            if (ps == null) {
                ps = connection.prepareStatement(sql);
                prepared.put(sql, ps);
            }
            return ps;
        }

        @Override
        public void close() throws SQLException {
            SQLException first = null;
            for (PreparedStatement ps : prepared.values()) {
                try {
                    ps.close();
                } catch (SQLException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** Marks each named agent deleted ({@code filter} 999); the row stays and reads still return it. */
    WriteOutcome softDelete(List<Agent> records) {
        return transactions.writing(c -> {
            long total = 0;
            List<String> errors = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE \"agents\" SET \"filter\" = '999' WHERE \"agentid\" = ?")) {
                for (Agent r : records) {
                    Long id = r.agentid();
                    if (id == null) {
                        errors.add(missing(r));
                        continue;
                    }
                    ps.setLong(1, id);
                    if (ps.executeUpdate() == 1) {
                        total++;
                    } else {
                        errors.add(missing(r));
                    }
                }
            }
            return new WriteOutcome(total, errors.size(), 0, errors);
        });
    }

    /** Deletes every agent, restarts the ids at the first id and applies the seed. Tokens stay. */
    void reset(Seed seed) {
        transactions.writing(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM \"agents\"");
                StoreSchema.restartIds(s, firstAgentId);
            }
            StoreSchema.insertAll(c, seed);
            return null;
        });
    }

    private static String missing(Agent r) {
        String id = r.get("agentid");
        return "Record id [" + (id == null ? "" : id.trim()) + "] does not exist.";
    }

    /**
     * Applies one update record. A record with only documented fields is one UPDATE, whose count
     * tells whether the agent exists; one with other fields first reads (and locks) the stored
     * extra fields to merge them.
     */
    private static String apply(Statements statements, long id, Agent r) throws SQLException {
        List<String> set = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> e : r.fields().entrySet()) {
            if (StoreSchema.COLUMN_SET.contains(e.getKey())) {
                set.add(q(e.getKey()) + " = ?");
                values.add(e.getValue());
            }
        }
        Map<String, String> unknown = r.unknownFields();
        if (!unknown.isEmpty() || set.isEmpty()) {
            PreparedStatement ps = statements.get("SELECT \"extra\" FROM \"agents\" WHERE \"agentid\" = ? FOR UPDATE");
            Map<String, String> extra;
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return missing(r);
                }
                extra = StoreSchema.readExtra(rs.getString(1));
            }
            if (!unknown.isEmpty()) {
                extra.putAll(unknown);
                if (extra.size() > MAX_EXTRA_FIELDS) {
                    return "more than " + MAX_EXTRA_FIELDS + " fields outside the documented ones";
                }
                set.add("\"extra\" = ?");
                values.add(StoreSchema.extraJson(extra));
            }
        }
        if (set.isEmpty()) {
            return null;
        }
        PreparedStatement ps = statements.get("UPDATE \"agents\" SET " + String.join(", ", set) + " WHERE \"agentid\" = ?");
        int i = 1;
        for (String v : values) {
            ps.setString(i++, v);
        }
        ps.setLong(i, id);
        return ps.executeUpdate() == 1 ? null : missing(r);
    }

    /** Why a record cannot be stored, or {@code null} when it can. */
    private String problem(Agent r) {
        String typed = strict ? StrictSchema.problem(r) : null;
        if (typed != null) {
            return typed;
        }
        int extras = 0;
        for (Map.Entry<String, String> e : r.fields().entrySet()) {
            String name = e.getKey();
            if (!AgentField.byWireName(name).isPresent()) {
                if (strict) {
                    continue; // dropped on the way in
                }
                extras++;
                if (!EXTRA_NAME.matcher(name).matches()) {
                    return "field name '" + shorten(name) + "' is not a valid name"
                            + " (letters, digits, _ . -, starting with a letter or _, at most 64)";
                }
            }
            if (e.getValue() != null && e.getValue().length() > StoreSchema.MAX_VALUE_CHARS) {
                return "field '" + shorten(name) + "' is longer than " + StoreSchema.MAX_VALUE_CHARS + " characters";
            }
            Optional<String> xml = XmlText.problem(shorten(name), e.getValue());
            if (xml.isPresent()) {
                return xml.get();
            }
        }
        if (extras > MAX_EXTRA_FIELDS) {
            return "more than " + MAX_EXTRA_FIELDS + " fields outside the documented ones";
        }
        return null;
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
