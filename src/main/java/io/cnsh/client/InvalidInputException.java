package io.cnsh.client;

import io.cnsh.model.ContactNowException;

/** Input refused before anything was sent: a record without an agentid, a value that breaks a field rule. */
public class InvalidInputException extends ContactNowException {

    public InvalidInputException(String message) {
        super(message);
    }
}
