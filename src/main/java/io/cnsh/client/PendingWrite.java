package io.cnsh.client;

import io.cnsh.model.Agent;
import java.util.List;
import java.util.Objects;

/**
 * A write shown to a {@link WriteGate} before it is sent: the records to create and to update.
 * An announcement is a promise of writes to come (a bulk run knows its total before its first
 * batch), so that a question is asked once, up front; the writes that follow carry the same records.
 *
 * @param creates      records to create
 * @param updates      records to update, each with its agentid
 * @param announcement true when the records are sent later, by writes of their own
 */
public record PendingWrite(List<Agent> creates, List<Agent> updates, boolean announcement) {

    public PendingWrite {
        creates = List.copyOf(Objects.requireNonNull(creates, "creates"));
        updates = List.copyOf(Objects.requireNonNull(updates, "updates"));
    }

    /** A create of these records, about to be sent. */
    public static PendingWrite create(List<Agent> records) {
        return new PendingWrite(records, List.of(), false);
    }

    /** An update of these records, about to be sent. */
    public static PendingWrite update(List<Agent> records) {
        return new PendingWrite(List.of(), records, false);
    }

    /** Creates and updates that later writes will send. */
    public static PendingWrite announce(List<Agent> creates, List<Agent> updates) {
        return new PendingWrite(creates, updates, true);
    }

    /** {@code create}, {@code update}, or {@code create and update}. */
    public String verb() {
        if (updates.isEmpty()) {
            return "create";
        }
        return creates.isEmpty() ? "update" : "create and update";
    }

    /** How many records the write carries. */
    public int size() {
        return creates.size() + updates.size();
    }
}
