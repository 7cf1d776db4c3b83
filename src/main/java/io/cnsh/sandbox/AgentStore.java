package io.cnsh.sandbox;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentField;
import io.cnsh.model.AgentPage;
import io.cnsh.model.StatementFilter;
import io.cnsh.model.XmlText;
import io.cnsh.wire.Format;
import io.cnsh.wire.Payload;
import io.cnsh.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The sandbox's agents, kept in an embedded H2 database through plain JDBC: in memory, or in a
 * file under a data directory so that they survive a restart.
 *
 * <p>One row per agent: {@code agentid} is an identity column (so ids are unique and increase),
 * every other documented field is a nullable text column, and fields the documentation does not
 * list are kept as a JSON object in {@code extra} and returned after the documented ones. A
 * multi-record write runs in one transaction. Token grants are kept in their own table so that a
 * restarted sandbox honours tokens it issued before.
 */
final class AgentStore implements AutoCloseable {

    /** The longest value a field may hold. */
    static final int MAX_VALUE_CHARS = 65_535;
    /** The most fields outside the documented ones that one record may carry. */
    static final int MAX_EXTRA_FIELDS = 64;

    private static final Pattern EXTRA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    private static final List<String> COLUMNS = AgentField.wireNames().stream()
            .filter(f -> !f.equals("agentid")).toList();
    private static final Set<String> COLUMN_SET = Set.copyOf(COLUMNS);
    private static final Map<String, String> CREATE_DEFAULTS = createDefaults();
    /** Every column of an agent, in the order {@link #agent(ResultSet)} reads them. */
    private static final String SELECT_AGENTS = "SELECT \"agentid\", "
            + String.join(", ", COLUMNS.stream().map(AgentStore::q).toList()) + ", \"extra\" FROM \"agents\"";
    private static final String INSERT_SQL = "INSERT INTO \"agents\" ("
            + String.join(", ", COLUMNS.stream().map(AgentStore::q).toList())
            + ", \"extra\") VALUES (" + "?, ".repeat(COLUMNS.size()) + "?)";
    /** Extra fields are kept as one JSON object, written and read by the wire's own JSON codec. */
    private static final WireCodec JSON = WireCodec.of(Format.JSON);
    private static final AtomicLong MEMORY_DATABASES = new AtomicLong();
    /** H2 error codes of a transaction that lost a race and can simply run again. */
    private static final List<Integer> RETRYABLE = List.of(90131, 40001);
    private static final int ATTEMPTS = 5;

    /** The most read continuations kept; more distinct queries at once start the set afresh. */
    private static final int MAX_CONTINUATIONS = 64;

    private final JdbcConnectionPool pool;
    private final long firstAgentId;
    private final boolean created;
    /** Whether the store keeps and answers agents as a fixed-schema table would ({@link StrictSchema}). */
    private final boolean strict;
    /** Writes begun and writes ended (committed or not): equal when no write is in flight. */
    private final AtomicLong writesStarted = new AtomicLong();
    private final AtomicLong writesFinished = new AtomicLong();
    private final Map<String, Continuation> continuations = new ConcurrentHashMap<>();

    private AgentStore(JdbcConnectionPool pool, long firstAgentId, boolean created, boolean strict) {
        this.pool = pool;
        this.firstAgentId = firstAgentId;
        this.created = created;
        this.strict = strict;
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
        String url = dataDir == null
                ? "jdbc:h2:mem:cnsh-sandbox-" + MEMORY_DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1"
                // WRITE_DELAY=0: each commit is written to the file before the answer is sent, so a
                // confirmed write survives the process being killed (H2's default writes 0.5 s later)
                : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(DataDirectory.DATABASE)
                        + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0;WRITE_DELAY=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(connections);
        try {
            boolean created = initialize(pool, firstAgentId, seed);
            return new AgentStore(pool, firstAgentId, created, strict);
        } catch (SQLException e) {
            pool.dispose();
            if (e.getErrorCode() == 90020) {
                throw new SandboxException("sandbox data directory " + dataDir + " is in use by another process");
            }
            throw new SandboxException("cannot open the sandbox data" + (dataDir == null ? "" : " in " + dataDir)
                    + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** True when this open created the store (and applied the seed). */
    boolean created() {
        return created;
    }

    private static boolean initialize(JdbcConnectionPool pool, long firstAgentId, Seed seed) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS \"agents\" (\"agentid\" BIGINT"
                    + " GENERATED BY DEFAULT AS IDENTITY (START WITH " + firstAgentId + ") PRIMARY KEY");
            for (String col : COLUMNS) {
                ddl.append(", ").append(q(col)).append(" VARCHAR(").append(MAX_VALUE_CHARS).append(')');
            }
            ddl.append(", \"extra\" VARCHAR(1000000))");
            s.execute(ddl.toString());
            s.execute("CREATE TABLE IF NOT EXISTS \"meta\" (\"key\" VARCHAR(64) PRIMARY KEY, \"value\" VARCHAR(4096))");
            s.execute("CREATE TABLE IF NOT EXISTS \"tokens\" (\"token\" VARCHAR(40) PRIMARY KEY,"
                    + " \"expire\" BIGINT NOT NULL, \"addresses\" VARCHAR(1024) NOT NULL)");
            if (exists(s, "SELECT \"value\" FROM \"meta\" WHERE \"key\" = 'schema'")) {
                continueIdsAfterStored(s, firstAgentId);
                return false;
            }
            c.setAutoCommit(false);
            try (PreparedStatement insert = prepareInsert(c)) {
                for (Agent agent : seed.agents()) {
                    insert(insert, agent);
                }
            }
            s.execute("INSERT INTO \"meta\" VALUES ('schema', '1'), ('seed', '" + seed.name().toLowerCase() + "')");
            c.commit();
            return true;
        }
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }

    /**
     * Makes the next agentid follow the highest stored one. Every confirmed create is in the file,
     * so after a crash no id an answer has named is handed out again, whatever the identity's own
     * counter kept.
     */
    private static void continueIdsAfterStored(Statement s, long firstAgentId) throws SQLException {
        long next;
        try (ResultSet rs = s.executeQuery("SELECT MAX(\"agentid\") FROM \"agents\"")) {
            rs.next();
            long max = rs.getLong(1);
            next = rs.wasNull() ? firstAgentId : Math.max(firstAgentId, max + 1);
        }
        s.execute("ALTER TABLE \"agents\" ALTER COLUMN \"agentid\" RESTART WITH " + next);
    }

    /** Creates every acceptable record with the defaults for fields not given; ids sent in are ignored. */
    WriteOutcome create(List<Agent> records) {
        return writing(c -> {
            long total = 0;
            long key = 0;
            List<String> errors = new ArrayList<>();
            try (PreparedStatement insert = prepareInsert(c)) {
                for (int i = 0; i < records.size(); i++) {
                    String problem = problem(records.get(i));
                    if (problem != null) {
                        errors.add("Record " + (i + 1) + ": " + problem + ".");
                        continue;
                    }
                    key = insert(insert, strict ? StrictSchema.stored(records.get(i)) : records.get(i));
                    total++;
                }
            }
            return new WriteOutcome(total, errors.size(), key, errors);
        });
    }

    /** The insert of one agent, prepared once per transaction and run for each record. */
    private static PreparedStatement prepareInsert(Connection c) throws SQLException {
        return c.prepareStatement(INSERT_SQL, new String[] {"agentid"});
    }

    private static long insert(PreparedStatement ps, Agent agent) throws SQLException {
        int i = 1;
        for (String col : COLUMNS) {
            ps.setString(i++, agent.has(col) ? agent.get(col) : CREATE_DEFAULTS.get(col));
        }
        ps.setString(i, extraJson(agent.unknownFields()));
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    /** Applies the fields given in each record to the agent its {@code agentid} names. */
    WriteOutcome update(List<Agent> records) {
        return writing(c -> {
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
        return writing(c -> {
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
            if (COLUMN_SET.contains(e.getKey())) {
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
                extra = readExtra(rs.getString(1));
            }
            if (!unknown.isEmpty()) {
                extra.putAll(unknown);
                if (extra.size() > MAX_EXTRA_FIELDS) {
                    return "more than " + MAX_EXTRA_FIELDS + " fields outside the documented ones";
                }
                set.add("\"extra\" = ?");
                values.add(extraJson(extra));
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
            if (e.getValue() != null && e.getValue().length() > MAX_VALUE_CHARS) {
                return "field '" + shorten(name) + "' is longer than " + MAX_VALUE_CHARS + " characters";
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

    /**
     * One page of the agents that match, and how many match in all.
     *
     * <p>Paging with {@code start} is an OFFSET, which H2 serves by stepping over every skipped
     * row: reading 100,000 agents in pages of 500 would step over five million rows. So a read in
     * {@code agentid} order remembers where its page ended; when the next read asks for the page
     * that follows and no write has started since, it continues after the last agentid instead,
     * and reuses the count. That gives the same rows as the OFFSET, because nothing has changed.
     */
    AgentPage read(AgentQuery query) {
        long writes = writesStarted.get();
        boolean quiet = writes == writesFinished.get();
        List<Object> args = new ArrayList<>();
        String where = where(query, args);
        String key = query.sort().equals("agentid") ? (query.descending() ? "desc" : "asc") + where + args : null;
        Continuation hint = key != null && quiet ? continuations.get(key) : null;
        if (hint != null && (hint.writes() != writes || hint.nextStart() != query.start())) {
            hint = null;
        }
        AgentPage page = read(query, where, args, hint);
        if (hint != null && writesStarted.get() != writes) {
            // a write started meanwhile: the continuation may not match the OFFSET any more
            page = read(query, where, args, null);
        }
        if (key != null && quiet && writesStarted.get() == writes && !page.agents().isEmpty()) {
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
        return inTransaction(c -> {
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
                sql = SELECT_AGENTS + (where.isEmpty() ? " WHERE " : where + " AND ")
                        + "\"agentid\" " + (query.descending() ? "<" : ">") + " ? ORDER BY \"agentid\"" + order
                        + (query.limit() == null ? "" : " FETCH NEXT ? ROWS ONLY");
                args.add(hint.lastAgentid());
            } else {
                sql = SELECT_AGENTS + where + " ORDER BY " + q(query.sort()) + order
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
                        agents.add(strict ? StrictSchema.stored(agent(rs)) : agent(rs));
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

    /** One agent from a row of {@link #SELECT_AGENTS}: its columns by position, then the extra fields. */
    private static Agent agent(ResultSet rs) throws SQLException {
        Map<String, String> fields = new LinkedHashMap<>(32);
        fields.put("agentid", Long.toString(rs.getLong(1)));
        int i = 2;
        for (String col : COLUMNS) {
            fields.put(col, rs.getString(i++));
        }
        String extra = rs.getString(i);
        if (extra != null) {
            readExtra(extra).forEach(fields::putIfAbsent);
        }
        return Agent.of(fields);
    }

    /** Deletes every agent, restarts the ids at the first id and applies the seed. Tokens stay. */
    void reset(Seed seed) {
        writing(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM \"agents\"");
                s.execute("ALTER TABLE \"agents\" ALTER COLUMN \"agentid\" RESTART WITH " + firstAgentId);
            }
            try (PreparedStatement insert = prepareInsert(c)) {
                for (Agent agent : seed.agents()) {
                    insert(insert, agent);
                }
            }
            return null;
        });
    }

    /** Records a token grant. */
    void saveToken(String token, long expire, String addresses) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO \"tokens\" KEY (\"token\") VALUES (?, ?, ?)")) {
                ps.setString(1, token);
                ps.setLong(2, expire);
                ps.setString(3, addresses);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The grants that expire at or after {@code since} (epoch seconds); older ones are removed. */
    List<String[]> loadTokens(long since) {
        return inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM \"tokens\" WHERE \"expire\" < ?")) {
                del.setLong(1, since);
                del.executeUpdate();
            }
            List<String[]> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT \"token\", \"expire\", \"addresses\" FROM \"tokens\"")) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3)});
                }
            }
            return out;
        });
    }

    /** Closes the database; an in-memory one is gone afterwards. */
    @Override
    public void close() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already closed: nothing left to release but the pool
        } finally {
            pool.dispose();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A transaction that changes agents: reads do not continue across it (see {@link #read}). */
    private <T> T writing(Work<T> work) {
        writesStarted.incrementAndGet();
        try {
            return inTransaction(work);
        } finally {
            writesFinished.incrementAndGet();
        }
    }

    private <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && RETRYABLE.contains(e.getErrorCode())) {
                    continue;
                }
                throw new SandboxException("sandbox store failed: " + firstLine(e.getMessage()), e);
            }
        }
    }

    private static String extraJson(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return null;
        }
        byte[] json = JSON.writePayload(List.of(Agent.of(extra)), Payload.Shape.SINGLE);
        return new String(json, StandardCharsets.UTF_8);
    }

    private static Map<String, String> readExtra(String json) {
        if (json == null) {
            return new LinkedHashMap<>();
        }
        return new LinkedHashMap<>(JSON.readPayload(json.getBytes(StandardCharsets.UTF_8)).records().get(0).fields());
    }

    private static String q(String identifier) {
        return '"' + identifier + '"';
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Map<String, String> createDefaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("moh", "none");
        d.put("userfield", "");
        d.put("filter", "0");
        d.put("customer", "0");
        d.put("default_status", "wrap");
        d.put("agent_version", "2");
        d.put("last_broadcast_msg", "");
        d.put("selfserve_id", "0");
        d.put("aod", "no");
        d.put("aod_lock", "0");
        d.put("audio_id", "0");
        return d;
    }
}
