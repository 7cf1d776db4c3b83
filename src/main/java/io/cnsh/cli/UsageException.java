package io.cnsh.cli;

import io.cnsh.model.ContactNowException;

/** A mistake in how cnsh was called: exits 2 with one line. */
final class UsageException extends ContactNowException {

    UsageException(String message) {
        super(message);
    }
}
