package io.cnsh.model;

/**
 * The root of every failure cnsh reports. Subtypes say what went wrong in terms a caller can act
 * on; messages name the offending value (masked when secret) and never carry credentials.
 */
public class ContactNowException extends RuntimeException {

    public ContactNowException(String message) {
        super(message);
    }

    public ContactNowException(String message, Throwable cause) {
        super(message, cause);
    }
}
