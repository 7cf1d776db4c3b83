package io.cnsh.wire;

import io.cnsh.model.ContactNowException;

/**
 * A body that cannot be read (malformed, too large, or refused for safety: DTDs, entities) or
 * written (a value or field name the format cannot carry). The message is one line and never
 * quotes the body.
 */
public class WireFormatException extends ContactNowException {

    private final Format format;

    public WireFormatException(Format format, String message) {
        super(message);
        this.format = format;
    }

    public WireFormatException(Format format, String message, Throwable cause) {
        super(message, cause);
        this.format = format;
    }

    /** The format the body was read as. */
    public Format format() {
        return format;
    }
}
