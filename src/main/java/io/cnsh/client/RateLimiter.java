package io.cnsh.client;

import java.time.Duration;

/** Spaces requests out to at most a number per second; a limit of 0 means no limit. */
final class RateLimiter {

    private final long intervalNanos;
    private final Sleeper sleeper;
    private long nextFree;

    RateLimiter(double perSecond, Sleeper sleeper) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        this.sleeper = sleeper;
    }

    void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextFree);
            nextFree = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("", 0, "interrupted while waiting for the rate limit", e);
            }
        }
    }
}
