package io.cnsh.client;

import io.cnsh.model.ContactNowException;

/** The request did not get a usable answer: connection failure, timeout, or an HTTP error status. */
public class TransportException extends ContactNowException {

    private final String operation;
    private final int status;

    TransportException(String operation, int status, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.status = status;
    }

    public String operation() {
        return operation;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }
}
