package io.cnsh.client;

import feign.Request;
import feign.RetryableException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Why a call got no usable answer, as the decoder or Feign saw it, for the {@link CallRetryer} to
 * judge: an API refusal (its typed exception is the cause; a refused token may be renewed once), or a
 * failure on the way (a lost connection, an HTTP error status, an unreadable answer), which says
 * whether repeating may help and whether the request may have reached the server.
 *
 * <p>The call ends with the cause thrown to the caller (the client builds Feign with
 * {@link feign.ExceptionPropagationPolicy#UNWRAP}); the message of this exception itself is never
 * shown and holds no URL, since the URL carries the token.
 */
final class CallFailure extends RetryableException {

    private final transient Operation operation;
    private final String refusedToken;
    private final boolean retryable;
    private final boolean maybeReachedServer;
    private final int httpStatus;
    private final String what;

    private CallFailure(Operation operation, RuntimeException outcome, String refusedToken, boolean retryable,
                       boolean maybeReachedServer, int status, String what, Request request) {
        super(status, operation.label() + " got no usable answer", request.httpMethod(), outcome, (Long) null, request);
        this.operation = operation;
        this.refusedToken = refusedToken;
        this.retryable = retryable;
        this.maybeReachedServer = maybeReachedServer;
        this.httpStatus = status;
        this.what = what;
    }

    /** The call ends in {@code outcome} (a typed exception); nothing repeats it. */
    static CallFailure ending(Operation operation, RuntimeException outcome, Request request) {
        return new CallFailure(operation, outcome, null, false, false, 0, null, request);
    }

    /** The API refused {@code token} as expired or unknown: renew it and repeat, once; else end in {@code outcome}. */
    static CallFailure tokenRefused(Operation operation, String token, RuntimeException outcome, Request request) {
        return new CallFailure(operation, outcome, token, false, false, 0, null, request);
    }

    /**
     * A failure on the way; {@code what} may hold {@code %s} for the base URL and {@code %o} for
     * the operation (else it follows "operation failed: ").
     */
    static CallFailure onTheWay(Operation operation, boolean retryable, boolean maybeReachedServer, int status,
                                String what, Request request) {
        return new CallFailure(operation, null, null, retryable, maybeReachedServer, status, what, request);
    }

    /** An HTTP error status without an API answer in its body. */
    static CallFailure httpStatus(Operation operation, int status, Request request) {
        if (status == 429) {
            return onTheWay(operation, true, false, status, "HTTP 429 too many requests", request);
        }
        if (status == 407) {
            return onTheWay(operation, false, false, status, "the proxy wants credentials to reach %s (HTTP 407 proxy"
                    + " authentication required): give them in the proxy URL, http://user:password@host:port", request);
        }
        return onTheWay(operation, status >= 500, status >= 500, status, "HTTP " + status + " from the server", request);
    }

    /** Feign's own retryable exception: the request could not be sent or its answer not received. */
    static CallFailure of(RetryableException e) {
        if (e instanceof CallFailure f) {
            return f;
        }
        Operation operation = Operation.of(e.request().requestTemplate());
        Throwable cause = e.getCause();
        String tls = tlsProblem(cause);
        if (tls != null) {
            return onTheWay(operation, false, false, 0, "cannot connect to %s securely (" + tls + ")", e.request());
        }
        if (proxyRefused(cause)) {
            return onTheWay(operation, false, false, 0, "the proxy refused the tunnel to %s (407 proxy authentication"
                    + " required): check the user and password of the proxy URL", e.request());
        }
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return onTheWay(operation, true, false, 0, "cannot connect to %s (" + connectProblem(cause) + ")", e.request());
        }
        if (cause instanceof HttpTimeoutException) {
            return onTheWay(operation, true, true, 0, "no answer within the read timeout", e.request());
        }
        return onTheWay(operation, true, true, 0, "connection lost before the answer ("
                + (cause == null ? "I/O error" : cause.getClass().getSimpleName()) + ")", e.request());
    }

    Operation operation() {
        return operation;
    }

    /** The typed exception the call ends in, for a refusal or a decided outcome; {@code null} for a failure on the way. */
    RuntimeException outcome() {
        return (RuntimeException) getCause();
    }

    /** The token to renew before the one repetition, or {@code null}. */
    String refusedToken() {
        return refusedToken;
    }

    boolean retryable() {
        return retryable;
    }

    boolean maybeReachedServer() {
        return maybeReachedServer;
    }

    int httpStatus() {
        return httpStatus;
    }

    /** The failure in a sentence naming the operation and the base URL. */
    String describe(String baseUrl) {
        String op = operation.label();
        String text = what.contains("%o") ? what.replace("%o", op) : op + " failed: " + what;
        return text.contains("%s") ? text.replace("%s", baseUrl) : text + " (" + baseUrl + ")";
    }

    /** The proxy asked for credentials it was not given, or refused those it got. */
    private static boolean proxyRefused(Throwable cause) {
        String m = cause == null ? "" : String.valueOf(cause.getMessage());
        return cause instanceof java.io.IOException
                && (m.startsWith("too many authentication attempts") || m.matches("(?i).*tunnel failed.*407.*"));
    }

    /** Why a TLS handshake failed, in a few words with what to do, or {@code null} when it did not. */
    private static String tlsProblem(Throwable cause) {
        boolean handshake = false;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            handshake |= t instanceof SSLHandshakeException;
            if (handshake && t instanceof CertPathValidatorException || handshake && t instanceof CertPathBuilderException) {
                return "its certificate is not signed by an authority cnsh trusts; add the authority's certificate"
                        + " to the profile's ca_file (a PEM bundle)";
            }
            if (handshake && t instanceof CertificateException && String.valueOf(t.getMessage()).contains("subject alternative")) {
                return "its certificate names another host: " + t.getMessage();
            }
        }
        return handshake ? "TLS handshake failed: " + cause.getMessage() : null;
    }

    /** Why a connection could not be made, in a few words; the JDK often leaves the outer message empty. */
    private static String connectProblem(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no answer within the connect timeout";
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                return m.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
            }
        }
        return "connection refused";
    }
}
