package io.cnsh.client;

import java.time.Clock;
import java.time.Duration;

/**
 * Spaces requests out to at most a number per second; a limit of 0 means no limit. Time is read
 * from the client's clock and waits go through its sleeper, so a test can check the spacing
 * without sleeping. A clock that jumps back restarts the schedule rather than stalling it.
 */
final class RateLimiter {

    private final long intervalNanos;
    private final Sleeper sleeper;
    private final Clock clock;
    private long nextFree = Long.MIN_VALUE;
    private long lastSeen = Long.MIN_VALUE;

    RateLimiter(double perSecond, Sleeper sleeper, Clock clock) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        this.sleeper = sleeper;
        this.clock = clock;
    }

    void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = nanos();
            if (now < lastSeen) {
                nextFree = now;
            }
            lastSeen = now;
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

    private long nanos() {
        java.time.Instant t = clock.instant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
