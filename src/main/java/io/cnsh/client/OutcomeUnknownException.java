package io.cnsh.client;

import io.cnsh.model.Agent;
import io.cnsh.model.ContactNowException;
import java.util.List;

/**
 * A create was sent but its answer was lost, so nobody knows whether the agents exist now.
 * Creates are not idempotent (the API makes duplicates), so cnsh never resends one by itself:
 * look the records up (for example by username) before trying again.
 */
public class OutcomeUnknownException extends ContactNowException {

    private final transient List<Agent> records;
    private final transient List<Agent> created;
    private final transient List<Agent> notSent;

    OutcomeUnknownException(String message, List<Agent> records, List<Agent> created, List<Agent> notSent) {
        super(message);
        this.records = List.copyOf(records);
        this.created = List.copyOf(created);
        this.notSent = List.copyOf(notSent);
    }

    /** The records whose create has an unknown outcome. */
    public List<Agent> records() {
        return records;
    }

    /** Records of earlier batches in the same call that were created for certain. */
    public List<Agent> created() {
        return created;
    }

    /**
     * Records that were certainly not created: later batches not sent because of the unknown
     * outcome, and, with concurrent batches, any batch that failed outright.
     */
    public List<Agent> notSent() {
        return notSent;
    }
}
