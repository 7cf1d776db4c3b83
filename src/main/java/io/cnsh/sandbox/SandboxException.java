package io.cnsh.sandbox;

import io.cnsh.model.ContactNowException;

/**
 * The sandbox could not start or keep running: its port is taken, its data directory is locked
 * by another process or unreadable. The message is one line meant for the user.
 */
public class SandboxException extends ContactNowException {

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
