package io.cnsh.bulk;

import io.cnsh.model.ContactNowException;

/**
 * A bulk run cannot go on: unreadable input, a plan with problems, an unknown run id. The message is
 * one line that names the file and the rows concerned; secret values never appear in it.
 */
public class BulkException extends ContactNowException {

    public BulkException(String message) {
        super(message);
    }

    public BulkException(String message, Throwable cause) {
        super(message, cause);
    }
}
