package io.cnsh.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The failures a sandbox injects on purpose, so that a client's retry, timeout and "outcome
 * unknown" handling can be tested over a real wire. All are off until set, and can be changed
 * while the server runs; every setter returns this object.
 *
 * <p>Two kinds: rates, drawn per request from a {@link Random} with a fixed {@link #seed(long) seed}
 * so that a run can be repeated, and counts, which hit exactly the next N requests. Latency
 * applies first, then a connection reset, then an HTTP error (neither of which reaches the store),
 * then the request is handled (where the forced token answers apply, to {@code database.php}
 * only, and a read may ignore {@code start} or {@code limit}, or lose rows from its page while its
 * {@code total} stays right), then a lost response (the write is committed, the connection closes unanswered),
 * then a garbled body.
 *
 * <pre>{@code
 * server.faults().nextLostResponses(1);      // the next create commits but its answer never arrives
 * server.faults().nextExpiredTokens(2);      // the next two database.php calls get "Expired token"
 * server.faults().latency(Duration.ofMillis(50), Duration.ofMillis(20)).httpErrorRate(0.05);
 * server.faults().ignoreStart(true);         // every read answers from the first match, as if start were 0
 * server.faults().ignoreLimit(true);         // every read answers with every match from start
 * server.faults().nextDroppedRows(1);        // the next row a read would return is left out of its page
 * }</pre>
 */
public final class Faults {

    /** The statuses an HTTP error rate picks from when none are given. */
    public static final int[] DEFAULT_ERROR_STATUSES = {500, 502, 503};

    private volatile long latencyMillis;
    private volatile long jitterMillis;
    private volatile double httpErrorRate;
    private volatile int[] errorStatuses = DEFAULT_ERROR_STATUSES.clone();
    private volatile double resetRate;
    private volatile double lostResponseRate;
    private volatile int nextErrorStatus = 503;
    private volatile boolean ignoreStart;
    private volatile boolean ignoreLimit;
    private volatile double dropRowRate;
    /** The faults that act on a number of coming requests (or rows), counted down as they act. */
    private enum Next {
        HTTP_ERRORS("http errors"), RESETS("resets"), LOST_RESPONSES("lost responses"),
        GARBLED_BODIES("garbled bodies"), TRUNCATED_BODIES("truncated bodies"), EXPIRED_TOKENS("expired tokens"),
        UNKNOWN_TOKENS("unknown tokens"), INVALID_TOKENS("invalid tokens"), DROPPED_ROWS("dropped rows");

        final String what;

        Next(String what) {
            this.what = what;
        }
    }

    private final Map<Next, AtomicInteger> next = new EnumMap<>(Next.class);
    private final AtomicLong injected = new AtomicLong();
    private final AtomicInteger held = new AtomicInteger();
    private volatile Pause pause = Thread::sleep;
    private Random random = new Random(1);

    Faults() {
        for (Next n : Next.values()) {
            next.put(n, new AtomicInteger());
        }
    }

    /** Delays every request by {@code fixed} plus a uniform random part of up to {@code jitter}. */
    public Faults latency(Duration fixed, Duration jitter) {
        if (fixed.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("latency and jitter must not be negative");
        }
        latencyMillis = fixed.toMillis();
        jitterMillis = jitter.toMillis();
        return this;
    }

    /** Answers this share of requests (0 to 1) with an HTTP error, one of {@code statuses} (default 500, 502, 503). */
    public Faults httpErrorRate(double rate, int... statuses) {
        int[] s = statuses.length == 0 ? DEFAULT_ERROR_STATUSES.clone() : statuses.clone();
        for (int status : s) {
            checkStatus(status);
        }
        httpErrorRate = rate(rate);
        errorStatuses = s;
        return this;
    }

    /** Closes the connection unanswered, before handling, for this share of requests. */
    public Faults resetRate(double rate) {
        resetRate = rate(rate);
        return this;
    }

    /** Handles (and commits) this share of requests, then closes the connection unanswered. */
    public Faults lostResponseRate(double rate) {
        lostResponseRate = rate(rate);
        return this;
    }

    /** Answers the next {@code n} requests with this HTTP status, before handling them. */
    public Faults nextHttpErrors(int n, int status) {
        checkStatus(status);
        nextErrorStatus = status;
        return next(Next.HTTP_ERRORS, n);
    }

    /** Closes the connection of the next {@code n} requests unanswered, before handling them. */
    public Faults nextResets(int n) {
        return next(Next.RESETS, n);
    }

    /** Handles (and commits) the next {@code n} requests, then closes their connections unanswered. */
    public Faults nextLostResponses(int n) {
        return next(Next.LOST_RESPONSES, n);
    }

    /** Answers the next {@code n} requests with an HTML error page and status 200 instead of the API's body. */
    public Faults nextGarbledBodies(int n) {
        return next(Next.GARBLED_BODIES, n);
    }

    /**
     * Answers the next {@code n} requests with the first half of the API's body, with its status and
     * content type: an answer in the right format that cannot be parsed.
     */
    public Faults nextTruncatedBodies(int n) {
        return next(Next.TRUNCATED_BODIES, n);
    }

    /** Answers the next {@code n} {@code database.php} calls {@code "Expired token"} with {@code expire:-1}. */
    public Faults nextExpiredTokens(int n) {
        return next(Next.EXPIRED_TOKENS, n);
    }

    /** Answers the next {@code n} {@code database.php} calls {@code "Unknown token"}. */
    public Faults nextUnknownTokens(int n) {
        return next(Next.UNKNOWN_TOKENS, n);
    }

    /** Answers the next {@code n} {@code database.php} calls {@code "Invalid token"}, as from a wrong address. */
    public Faults nextInvalidTokens(int n) {
        return next(Next.INVALID_TOKENS, n);
    }

    /**
     * Makes reads ignore {@code start}: each page begins at the first match, while {@code limit}
     * and {@code total} are honoured, as a server would that does not know the argument.
     */
    public Faults ignoreStart(boolean ignore) {
        ignoreStart = ignore;
        return this;
    }

    /** Makes reads ignore {@code limit}: each page holds every match from {@code start}. */
    public Faults ignoreLimit(boolean ignore) {
        ignoreLimit = ignore;
        return this;
    }

    /** Leaves this share of rows (0 to 1) out of read pages, each row drawn on its own; {@code total} still counts them. */
    public Faults dropRowRate(double rate) {
        dropRowRate = rate(rate);
        return this;
    }

    /** Leaves the next {@code n} rows that reads would return out of their pages; {@code total} still counts them. */
    public Faults nextDroppedRows(int n) {
        return next(Next.DROPPED_ROWS, n);
    }

    /** Restarts the random draws of the rates from this seed. */
    public synchronized Faults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** Turns every fault off. */
    public Faults clear() {
        latencyMillis = 0;
        jitterMillis = 0;
        httpErrorRate = 0;
        errorStatuses = DEFAULT_ERROR_STATUSES.clone();
        resetRate = 0;
        lostResponseRate = 0;
        ignoreStart = false;
        ignoreLimit = false;
        dropRowRate = 0;
        next.values().forEach(n -> n.set(0));
        return this;
    }

    /**
     * How many requests latency is holding right now. A test that interrupts a caller waits for
     * this to rise first, so that it acts while the request is in flight, not before it is sent.
     */
    public int held() {
        return held.get();
    }

    /** How many faults have been injected since the server started. */
    public long injected() {
        return injected.get();
    }

    /** The faults in force, e.g. {@code latency 50+20 ms, http errors 5% [500, 502, 503]}, or {@code none}. */
    public String describe() {
        StringJoiner j = new StringJoiner(", ");
        if (latencyMillis > 0 || jitterMillis > 0) {
            j.add("latency " + latencyMillis + "+" + jitterMillis + " ms");
        }
        if (httpErrorRate > 0) {
            j.add("http errors " + percent(httpErrorRate) + " " + Arrays.toString(errorStatuses));
        }
        if (resetRate > 0) {
            j.add("resets " + percent(resetRate));
        }
        if (lostResponseRate > 0) {
            j.add("lost responses " + percent(lostResponseRate));
        }
        if (ignoreStart) {
            j.add("reads ignore start");
        }
        if (ignoreLimit) {
            j.add("reads ignore limit");
        }
        if (dropRowRate > 0) {
            j.add("dropped rows " + percent(dropRowRate));
        }
        next.forEach((fault, n) -> {
            if (n.get() > 0) {
                j.add("next " + n.get() + " " + fault.what);
            }
        });
        return j.length() == 0 ? "none" : j.toString();
    }

    private static String percent(double rate) {
        return (Math.round(rate * 1000) / 10.0) + "%";
    }

    // The draws below are made by the request handler, once per request, in this order.

    /** How a held request waits: {@link Thread#sleep(long)} unless a spec of this package records the waits instead. */
    interface Pause {
        void pause(long millis) throws InterruptedException;
    }

    /** Sets how held requests wait; null restores {@link Thread#sleep(long)}. */
    Faults pause(Pause pause) {
        this.pause = pause == null ? Thread::sleep : pause;
        return this;
    }

    /** Holds the calling request for the latency in force, counted in {@link #held()} meanwhile. */
    void hold() throws InterruptedException {
        long delay = delayMillis();
        if (delay <= 0) {
            return;
        }
        held.incrementAndGet();
        try {
            pause.pause(delay);
        } finally {
            held.decrementAndGet();
        }
    }

    long delayMillis() {
        long jitter = jitterMillis;
        return latencyMillis + (jitter > 0 ? (long) (draw() * (jitter + 1)) : 0);
    }

    boolean reset() {
        return hit(Next.RESETS) || chance(resetRate);
    }

    /** The HTTP status to fail with, or 0. */
    int httpError() {
        if (hit(Next.HTTP_ERRORS)) {
            return nextErrorStatus;
        }
        double rate = httpErrorRate;
        if (rate > 0 && draw() < rate) {
            injected.incrementAndGet();
            int[] s = errorStatuses;
            return s[(int) (draw() * s.length)];
        }
        return 0;
    }

    /** The forced token answer for a {@code database.php} call, or {@code null}. */
    String tokenError() {
        return hit(Next.EXPIRED_TOKENS) ? "Expired token"
                : hit(Next.UNKNOWN_TOKENS) ? "Unknown token"
                : hit(Next.INVALID_TOKENS) ? "Invalid token"
                : null;
    }

    /** The {@code start} a read is served from: 0 while reads ignore it. */
    long start(long asked) {
        if (ignoreStart && asked > 0) {
            injected.incrementAndGet();
            return 0;
        }
        return asked;
    }

    /** The {@code limit} a read is served with: none while reads ignore it. */
    Long limit(Long asked) {
        if (ignoreLimit && asked != null) {
            injected.incrementAndGet();
            return null;
        }
        return asked;
    }

    /** The page a read sends: its rows less those the drop faults take out. */
    <T> List<T> dropRows(List<T> rows) {
        if (next.get(Next.DROPPED_ROWS).get() == 0 && dropRowRate == 0) {
            return rows;
        }
        List<T> kept = new ArrayList<>(rows.size());
        for (T row : rows) {
            if (!hit(Next.DROPPED_ROWS) && !chance(dropRowRate)) {
                kept.add(row);
            }
        }
        return kept;
    }

    boolean loseResponse() {
        return hit(Next.LOST_RESPONSES) || chance(lostResponseRate);
    }

    boolean garble() {
        return hit(Next.GARBLED_BODIES);
    }

    boolean truncate() {
        return hit(Next.TRUNCATED_BODIES);
    }

    private Faults next(Next fault, int n) {
        next.get(fault).set(count(n));
        return this;
    }

    private boolean hit(Next fault) {
        AtomicInteger n = next.get(fault);
        if (n.get() > 0 && n.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0) {
            injected.incrementAndGet();
            return true;
        }
        return false;
    }

    private boolean chance(double rate) {
        if (rate > 0 && draw() < rate) {
            injected.incrementAndGet();
            return true;
        }
        return false;
    }

    private synchronized double draw() {
        return random.nextDouble();
    }

    private static double rate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a rate is a share from 0 to 1, got " + rate);
        }
        return rate;
    }

    private static int count(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a count must not be negative, got " + n);
        }
        return n;
    }

    private static void checkStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an injected HTTP error is a 4xx or 5xx status, got " + status);
        }
    }
}
