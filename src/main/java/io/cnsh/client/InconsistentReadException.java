package io.cnsh.client;

import io.cnsh.model.ContactNowException;

/**
 * The server's answers to a read do not add up: a page repeats agents already read, holds more
 * agents than the {@code limit} asked for or than its {@code total} allows, or holds fewer than
 * are due. The read returns nothing, so nothing can be written on the strength of it; the message
 * says what the server did and what it may be ignoring.
 */
public class InconsistentReadException extends ContactNowException {

    private final long start;

    InconsistentReadException(long start, String message) {
        super(message);
        this.start = start;
    }

    /** The {@code start} of the page where the answers stopped adding up. */
    public long start() {
        return start;
    }
}
