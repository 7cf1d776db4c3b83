package io.cnsh.sandbox;

import io.cnsh.wire.Format;
import java.time.Instant;

/**
 * One request being answered, filled in as it is understood (by {@link ApiHandler}, then by
 * {@link ApiActions}) and logged once when it ends.
 */
final class ApiCall {

    /** Which script of the API a request is for. */
    enum Endpoint { TOKEN, DATABASE }

    final long started = System.nanoTime();
    final Instant at;
    final String httpMethod;
    final String path;
    /** The caller's address, as the token binding sees it. */
    String client;
    Endpoint endpoint;
    /** What was asked, for the log: {@code token/get}, {@code agents/read}, {@code ?/?}... */
    String operation = "-";
    /** The format of the answer, or {@code null} until the endpoint is known. */
    Format format;
    int records;
    boolean logged;

    ApiCall(Instant at, String httpMethod, String path, String client) {
        this.at = at;
        this.httpMethod = httpMethod;
        this.path = path;
        this.client = client;
    }
}
