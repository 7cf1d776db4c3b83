package io.cnsh.client;

import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import io.cnsh.model.ApiError;
import io.cnsh.wire.Envelope;
import io.cnsh.wire.Format;
import io.cnsh.wire.WireFormatException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs one API operation: takes a token, sends, repairs an expired or unknown token once, and
 * repeats idempotent calls after transport errors and 5xx answers as the {@link RetryPolicy} says.
 * A create is repeated only when it certainly never reached the server; otherwise it ends in
 * {@link OutcomeUnknownException}.
 */
final class Calls {

    /** How an operation may be repeated. */
    enum Kind {
        /** Reads and updates: repeating gives the same result. */
        IDEMPOTENT,
        /** Creates: never repeated once they may have reached the server. */
        CREATE,
        /** token.php calls: no token needed; answers are returned as they are. */
        TOKEN
    }

    private final ContactNowApi api;
    private final Format format;
    private final String baseUrl;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Random random;
    private final Redactor redactor;
    private final RateLimiter limiter;
    private TokenManager tokens;

    Calls(ContactNowApi api, Format format, String baseUrl, RetryPolicy policy, Sleeper sleeper, Random random,
          Redactor redactor, RateLimiter limiter) {
        this.api = api;
        this.format = format;
        this.baseUrl = baseUrl;
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.redactor = redactor;
        this.limiter = limiter;
    }

    void tokens(TokenManager tokens) {
        this.tokens = tokens;
    }

    ContactNowApi api() {
        return api;
    }

    String formatName() {
        return format.wireName();
    }

    /** Sends {@code request} (given a token) until it has an answer, as described above. */
    Envelope call(String operation, Kind kind, Function<String, Envelope> request) {
        boolean renewed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            String token = kind == Kind.TOKEN ? null : tokens.token();
            Envelope answer;
            try {
                limiter.acquire();
                answer = request.apply(token);
            } catch (ApiAnswer a) {
                answer = a.envelope();
            } catch (RuntimeException e) {
                Failure f = classify(operation, e);
                if (kind == Kind.CREATE && f.maybeReachedServer) {
                    throw new CreateOutcomeUnknown(redactor.redact(f.describe(operation, baseUrl)));
                }
                if (f.retryable && attempt < policy.maxAttempts()) {
                    pause(attempt);
                    continue;
                }
                throw new TransportException(operation, f.status,
                        redactor.redact(f.describe(operation, baseUrl)
                                + (attempt > 1 ? " (after " + attempt + " attempts)" : "")), null);
            }
            if (answer.isSuccess() || kind == Kind.TOKEN && !operation.equals("token#get")) {
                return answer;
            }
            ApiError error = answer.toApiError();
            if (kind != Kind.TOKEN && error.tokenNeedsRenewal() && !renewed) {
                tokens.renew(token);
                renewed = true;
                attempt--;
                continue;
            }
            if (kind != Kind.TOKEN && "Invalid token".equals(error.error())) {
                tokens.refused(token);
            }
            throw Errors.fromApi(operation, error, redactor, tokens.address());
        }
    }

    private void pause(int attempt) {
        try {
            sleeper.sleep(policy.delayAfter(attempt, random));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("", 0, "interrupted while waiting to retry", e);
        }
    }

    /** A create that may have reached the server got no readable answer; the caller reconciles. */
    static final class CreateOutcomeUnknown extends RuntimeException {
        CreateOutcomeUnknown(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * What a failed send means for repeating it; {@code what} may hold {@code %s} for the base URL
     * and {@code %o} for the operation (else it follows "operation failed: ").
     */
    private record Failure(boolean retryable, boolean maybeReachedServer, int status, String what) {
        String describe(String operation, String baseUrl) {
            String text = what.contains("%o") ? what.replace("%o", operation) : operation + " failed: " + what;
            return text.contains("%s") ? text.replace("%s", baseUrl) : text + " (" + baseUrl + ")";
        }
    }

    private static Failure classify(String operation, RuntimeException e) {
        if (e instanceof RetryableException re && re.status() > 0) {
            return httpStatus(re.status());
        }
        if (e instanceof RetryableException) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                return new Failure(true, false, 0, "cannot connect to %s (" + connectProblem(cause) + ")");
            }
            if (cause instanceof HttpTimeoutException) {
                return new Failure(true, true, 0, "no answer within the read timeout");
            }
            return new Failure(true, true, 0, "connection lost before the answer ("
                    + (cause == null ? "I/O error" : cause.getClass().getSimpleName()) + ")");
        }
        if (e instanceof DecodeException de && de.getCause() instanceof WireFeignCodec.UnparsedAnswer u) {
            return new Failure(false, true, de.status(), "the answer to %o could not be parsed as "
                    + u.format().wireName().toUpperCase(Locale.ROOT) + ": " + u.getMessage());
        }
        if (e instanceof DecodeException de) {
            String why = de.getCause() instanceof WireFormatException wfe ? wfe.getMessage() : "unreadable answer";
            return new Failure(true, true, de.status(), "the answer could not be read: " + why);
        }
        if (e instanceof FeignException fe) {
            if (fe.status() > 0) {
                return httpStatus(fe.status());
            }
            return new Failure(true, true, 0, "I/O error");
        }
        if (e instanceof WireFormatException wfe) {
            return new Failure(true, true, 0, "the answer could not be read: " + wfe.getMessage());
        }
        throw e;
    }

    private static Failure httpStatus(int status) {
        if (status == 429) {
            return new Failure(true, false, status, "HTTP 429 too many requests");
        }
        if (status >= 500) {
            return new Failure(true, true, status, "HTTP " + status + " from the server");
        }
        return new Failure(false, false, status, "HTTP " + status + " from the server");
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
