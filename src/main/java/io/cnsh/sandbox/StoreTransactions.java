package io.cnsh.sandbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The store's H2 database, in memory or in a file under a data directory, and the transactions run
 * on it: each is committed, or rolled back when it fails, and one that lost a race with another is
 * run again. Transactions that change agents are counted, so that a read can tell whether any
 * write began or is in flight since an earlier one ({@link AgentReader}).
 */
final class StoreTransactions implements AutoCloseable {

    private static final AtomicLong MEMORY_DATABASES = new AtomicLong();
    /** H2 error codes of a transaction that lost a race and can simply run again. */
    private static final List<Integer> RETRYABLE = List.of(90131, 40001);
    private static final int ATTEMPTS = 5;
    /** H2's error code for a database file locked by another process. */
    private static final int DATABASE_IN_USE = 90020;

    /** Work done on one connection: inside one transaction, or the setup of a database being opened. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final JdbcConnectionPool pool;
    /** Writes begun and writes ended (committed or not): equal when no write is in flight. */
    private final AtomicLong writesStarted = new AtomicLong();
    private final AtomicLong writesFinished = new AtomicLong();

    private StoreTransactions(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * Opens the database and runs {@code setup} on it (creating the tables, for example).
     *
     * @param dataDir     the directory of the database file, or {@code null} for memory
     * @param connections the most connections used at once
     * @param setup       what to do first, on a connection of its own; its result comes back with the database
     * @throws SandboxException when the database cannot be opened (for example, in use elsewhere)
     */
    static <T> Opened<T> open(Path dataDir, int connections, Work<T> setup) {
        String url = dataDir == null
                ? "jdbc:h2:mem:cnsh-sandbox-" + MEMORY_DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1"
                // WRITE_DELAY=0: each commit is written to the file before the answer is sent, so a
                // confirmed write survives the process being killed (H2's default writes 0.5 s later)
                : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(DataDirectory.DATABASE)
                        + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0;WRITE_DELAY=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(connections);
        try {
            T result;
            try (Connection c = pool.getConnection()) {
                result = setup.run(c);
            }
            return new Opened<>(new StoreTransactions(pool), result);
        } catch (SQLException e) {
            pool.dispose();
            if (e.getErrorCode() == DATABASE_IN_USE) {
                throw new SandboxException("sandbox data directory " + dataDir + " is in use by another process");
            }
            throw new SandboxException("cannot open the sandbox data" + (dataDir == null ? "" : " in " + dataDir)
                    + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** An opened database and what its setup returned. */
    record Opened<T>(StoreTransactions transactions, T setup) {
    }

    /** How many writes have begun so far. */
    long writesStarted() {
        return writesStarted.get();
    }

    /** True when every write that has begun has ended. */
    boolean quiet(long started) {
        return started == writesFinished.get();
    }

    /** A transaction that changes agents: reads do not continue across it ({@link AgentReader}). */
    <T> T writing(Work<T> work) {
        writesStarted.incrementAndGet();
        try {
            return inTransaction(work);
        } finally {
            writesFinished.incrementAndGet();
        }
    }

    /** Runs the work in one transaction, again when it lost a race with another. */
    <T> T inTransaction(Work<T> work) {
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

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
