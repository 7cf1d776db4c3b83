package io.cnsh.sandbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The token grants kept in the store's {@code tokens} table, so that a restarted sandbox honours
 * tokens it issued before ({@link TokenRegistry} keeps them in memory for lookups).
 */
final class TokenTable {

    private final StoreTransactions transactions;

    TokenTable(StoreTransactions transactions) {
        this.transactions = transactions;
    }

    /** Records a token grant. */
    void save(String token, long expire, String addresses) {
        transactions.inTransaction(c -> {
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
    List<String[]> load(long since) {
        return transactions.inTransaction(c -> {
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
}
