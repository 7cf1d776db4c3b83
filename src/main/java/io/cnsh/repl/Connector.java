package io.cnsh.repl;

import io.cnsh.wire.Format;

/**
 * Opens another target for {@code /connect}, {@code /format} and {@code /login}. The shell does not
 * resolve profiles itself: whoever starts it (the command line) knows the target options, the
 * environment and how to start a sandbox, and passes this function in.
 */
@FunctionalInterface
public interface Connector {

    /** The name that picks the in-process sandbox. */
    String SANDBOX = "sandbox";

    /**
     * Opens a target.
     *
     * @param name     a profile name, {@link #SANDBOX}, or {@code null} for the target the shell
     *                 was started with
     * @param format   the wire format, or {@code null} for the target's own
     * @param password the API password typed at {@code /login}, or {@code null} to use the usual
     *                 sources (environment, saved credentials); the callee may clear it
     * @return the target; its client may still be opening
     * @throws io.cnsh.model.ContactNowException when the target cannot be resolved (an unknown
     *     profile, a missing password), with a message for the user
     */
    ReplTarget connect(String name, Format format, char[] password);
}
