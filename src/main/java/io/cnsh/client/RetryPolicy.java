package io.cnsh.client;

import java.time.Duration;
import java.util.Random;

/**
 * How reads, token calls and updates are repeated after a transport error or a 5xx answer:
 * exponential backoff from {@code baseDelay}, capped at {@code maxDelay}, with up to
 * {@code jitter} (a fraction) added at random. Creates are never repeated by this policy.
 *
 * @param maxAttempts attempts in all, including the first (1 means no retry)
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter) {

    /** Four attempts, 200 ms doubling to at most 5 s, 20% jitter. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), 0.2);

    /** One attempt only. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
    }

    /** The wait before attempt {@code attempt + 1}, where {@code attempt} counts from 1. */
    public Duration delayAfter(int attempt, Random random) {
        long base = baseDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        long extra = jitter == 0 ? 0 : (long) (capped * jitter * random.nextDouble());
        return Duration.ofMillis(capped + extra);
    }
}
