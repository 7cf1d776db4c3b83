package io.cnsh.client;

import feign.RetryableException;
import feign.Retryer;
import java.util.Random;

/**
 * Feign's retryer for the ContactNow API; Feign clones it for every call, so its counts are per call.
 * It judges each {@link CallFailure}:
 * <ul>
 * <li>a token the API called expired or unknown is renewed and the call repeated, once (this is not
 *     counted as an attempt);</li>
 * <li>a create that may have reached the server is never repeated: the call ends in
 *     {@link CreateOutcomeUnknown}, and the batch in {@link OutcomeUnknownException};</li>
 * <li>other failures on the way are repeated after the {@link RetryPolicy}'s backoff (through the
 *     client's {@link Sleeper}) until its attempts are used up, then end in a one-line
 *     {@link TransportException} naming the base URL;</li>
 * <li>API refusals end in their typed exception at once.</li>
 * </ul>
 */
final class CallRetryer implements Retryer {

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Random random;
    private final TokenManager tokens;
    private final Redactor redactor;
    private final String baseUrl;
    private int attempt = 1;
    private boolean renewed;

    CallRetryer(RetryPolicy policy, Sleeper sleeper, Random random, TokenManager tokens, Redactor redactor,
                String baseUrl) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.tokens = tokens;
        this.redactor = redactor;
        this.baseUrl = baseUrl;
    }

    @Override
    public void continueOrPropagate(RetryableException e) {
        CallFailure f = CallFailure.of(e);
        Operation op = f.operation();
        if (f.outcome() != null) {
            if (f.refusedToken() != null && !renewed) {
                tokens.renew(f.refusedToken());
                renewed = true;
                return;
            }
            throw f;
        }
        if (!op.idempotent() && f.maybeReachedServer()) {
            throw CallFailure.ending(op, new CreateOutcomeUnknown(redactor.redact(f.describe(baseUrl))), e.request());
        }
        if (f.retryable() && attempt < policy.maxAttempts()) {
            pause();
            attempt++;
            return;
        }
        throw CallFailure.ending(op, new TransportException(op.label(), f.httpStatus(), redactor.redact(
                f.describe(baseUrl) + (attempt > 1 ? " (after " + attempt + " attempts)" : "")), null), e.request());
    }

    private void pause() {
        try {
            sleeper.sleep(policy.delayAfter(attempt, random));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("", 0, "interrupted while waiting to retry", e);
        }
    }

    @Override
    public Retryer clone() {
        return new CallRetryer(policy, sleeper, random, tokens, redactor, baseUrl);
    }

    /** A create that may have reached the server got no readable answer; the caller reconciles. */
    static final class CreateOutcomeUnknown extends RuntimeException {
        CreateOutcomeUnknown(String message) {
            super(message, null, false, false);
        }
    }
}
