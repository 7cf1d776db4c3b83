package io.cnsh.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Slows password guessing at {@code token.php}, per caller address, without slowing good logins.
 *
 * <p>The first {@value #FREE_FAILURES} wrong passwords from an address are answered at once. Each
 * further one is answered after a delay that doubles from {@link #FIRST_DELAY} up to
 * {@link #MAX_DELAY}, and until that delay has passed the address gets no new check: a login
 * attempt from it in that time is refused without looking at the password, so sending many at
 * once does not guess faster. A caller that waits for its answer never meets that refusal, so a
 * correct password after a typo is accepted at once and forgets the failures. Other addresses are
 * never affected. An address is forgotten {@link #FORGET_AFTER} after its last failure.
 *
 * <p>A delayed answer holds its request thread for the delay; at most {@code maxWaiting} do at
 * once (and one per address), so guesses cannot take every thread: past that, failures are
 * answered at once, and the address's wait still applies to its next attempt.
 */
final class LoginThrottle {

    /** Wrong passwords from one address answered without delay. */
    static final int FREE_FAILURES = 5;
    /** The delay of the first slowed failure; each further one doubles it. */
    static final Duration FIRST_DELAY = Duration.ofMillis(250);
    /** The longest delay. */
    static final Duration MAX_DELAY = Duration.ofSeconds(5);
    /** How long after its last failure an address starts afresh. */
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    /** The most addresses remembered; past it, forgotten ones are dropped first, then all. */
    private static final int MAX_ADDRESSES = 10_000;

    /** Waits for a delay; the server's sleeps the thread, a test's moves its clock. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration delay) throws InterruptedException;
    }

    /** The failures of one address and the time (ticker nanos) before which it gets no check. */
    private static final class Failures {
        int count;
        long lastFailure;
        long notBefore;
        boolean waiting;
    }

    private final LongSupplier nanos;
    private final Pause pause;
    private final Semaphore waiting;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    /**
     * @param nanos      a monotonic ticker in nanoseconds, such as {@link System#nanoTime()}
     * @param pause      how a delayed answer waits
     * @param maxWaiting the most answers delayed at once
     */
    LoginThrottle(LongSupplier nanos, Pause pause, int maxWaiting) {
        this.nanos = nanos;
        this.pause = pause;
        this.waiting = new Semaphore(Math.max(1, maxWaiting));
    }

    /** The system's ticker and real sleeps, for a server of {@code threads} request threads. */
    static LoginThrottle forThreads(int threads) {
        return new LoginThrottle(System::nanoTime, d -> Thread.sleep(d.toMillis()), threads / 4);
    }

    /** False when the address is still waiting out a failure: refuse this attempt without checking it. */
    boolean mayTry(String address) {
        Failures f = byAddress.get(address);
        if (f == null) {
            return true;
        }
        synchronized (f) {
            return f.waiting ? false : nanos.getAsLong() - f.notBefore >= 0;
        }
    }

    /** A correct login: the address starts afresh. */
    void succeeded(String address) {
        byAddress.remove(address);
    }

    /** A wrong login: counts it and, past the free ones, waits the delay it earns before returning. */
    void failed(String address) throws InterruptedException {
        long now = nanos.getAsLong();
        if (byAddress.size() >= MAX_ADDRESSES && !byAddress.containsKey(address)) {
            forgetOld(now);
        }
        Failures f = byAddress.computeIfAbsent(address, a -> new Failures());
        Duration delay;
        synchronized (f) {
            if (f.count > 0 && now - f.lastFailure > FORGET_AFTER.toNanos()) {
                f.count = 0;
            }
            f.count++;
            f.lastFailure = now;
            delay = delay(f.count);
            f.notBefore = now + delay.toNanos();
            if (delay.isZero() || f.waiting || !waiting.tryAcquire()) {
                return;
            }
            f.waiting = true;
        }
        try {
            pause.pause(delay);
        } finally {
            synchronized (f) {
                f.waiting = false;
            }
            waiting.release();
        }
    }

    /** The delay the {@code n}th failure in a row earns. */
    static Duration delay(int n) {
        if (n <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(n - FREE_FAILURES - 1, 30);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private void forgetOld(long now) {
        byAddress.values().removeIf(f -> now - f.lastFailure > FORGET_AFTER.toNanos());
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.clear();
        }
    }
}
