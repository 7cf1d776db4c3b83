package io.cnsh.client;

import io.cnsh.wire.Envelope;

/**
 * An API envelope that arrived with an HTTP error status. The API's sources do not say which
 * status carries {@code success:false}; whatever it is, the envelope is the API's answer and is
 * handled as one (token repair, typed errors) rather than as a transport failure.
 */
final class ApiAnswer extends RuntimeException {

    private final transient Envelope envelope;
    private final int status;

    ApiAnswer(int status, Envelope envelope) {
        super("HTTP " + status + " with an API answer", null, false, false);
        this.status = status;
        this.envelope = envelope;
    }

    Envelope envelope() {
        return envelope;
    }

    int status() {
        return status;
    }
}
