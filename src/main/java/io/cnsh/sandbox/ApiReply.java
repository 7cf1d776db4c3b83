package io.cnsh.sandbox;

/**
 * An answer ready to send, and the outcome the request log records for it.
 *
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type} header
 * @param body        the bytes of the body
 * @param outcome     a short account of the answer, never holding a secret
 */
record ApiReply(int status, String contentType, byte[] body, String outcome) {

    /** The same answer, with another account of it in the log. */
    ApiReply withOutcome(String other) {
        return new ApiReply(status, contentType, body, other);
    }
}
