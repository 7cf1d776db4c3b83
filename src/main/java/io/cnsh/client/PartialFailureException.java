package io.cnsh.client;

import io.cnsh.model.ContactNowException;
import io.cnsh.model.WriteResult;
import java.util.List;

/**
 * A write succeeded for some records and failed for others ({@code bad > 0}). The combined
 * result and every failing batch (its records and the API's error text) are kept.
 */
public class PartialFailureException extends ContactNowException {

    private final transient WriteResult result;
    private final transient List<BatchResult> failedBatches;

    PartialFailureException(String message, WriteResult result, List<BatchResult> failedBatches) {
        super(message);
        this.result = result;
        this.failedBatches = List.copyOf(failedBatches);
    }

    /** The totals over all batches. */
    public WriteResult result() {
        return result;
    }

    /** The batches with at least one bad record. */
    public List<BatchResult> failedBatches() {
        return failedBatches;
    }
}
