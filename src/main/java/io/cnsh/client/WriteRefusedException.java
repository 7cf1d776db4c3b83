package io.cnsh.client;

import io.cnsh.model.ContactNowException;

/**
 * A write a {@link WriteGate} kept from being sent: not confirmed on a production account, past
 * {@code --max-changes}, or after the command had already been stopped. Nothing of it was sent.
 * The command line ends with exit code 2.
 */
public class WriteRefusedException extends ContactNowException {

    public WriteRefusedException(String message) {
        super(message);
    }

    /** The refusal among the causes of {@code t}, if any: a script error may wrap it. */
    public static java.util.Optional<WriteRefusedException> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof WriteRefusedException w) {
                return java.util.Optional.of(w);
            }
        }
        return java.util.Optional.empty();
    }
}
