package io.cnsh.client;

import io.cnsh.model.TokenGrant;
import io.cnsh.wire.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a valid API token at hand: fetched on first use, kept in memory and in the
 * {@link TokenCache}, asked for again once {@code margin} ahead of its expiry (the API hands back
 * the current token until it expires) and at expiry, and renewed at once when the API says it
 * expired or is unknown. "Invalid token" (bound to another address) drops the token and, like
 * "Authentication failure", ends in a typed error that says why. A cached token is used only with
 * the password it was fetched with; with another one a token is requested, and refused if the
 * password is wrong.
 *
 * <p>Thread-safe: concurrent callers share one renewal.
 */
public final class TokenManager {

    private final String baseUrl;
    private final String username;
    private final char[] password;
    private final String address;
    private final TokenCache cache;
    private final Clock clock;
    private final Duration margin;
    private final Redactor redactor;

    private volatile ContactNowApi api;
    private TokenGrant current;
    private Instant refreshFrom;
    /** What an early {@link #prefetch()} failed with, for the first {@link #token()} to throw. */
    private RuntimeException prefetchFailure;
    /** Whether {@link #token()} was called: a prefetch after that has nothing to do. */
    private boolean asked;
    /** Open while a prefetch runs, and the thread running it, for {@link #token()} to wait on interruptibly. */
    private volatile CountDownLatch prefetching;
    private volatile Thread prefetcher;

    TokenManager(String baseUrl, String username, char[] password, List<String> address,
                 TokenCache cache, Clock clock, Duration margin, Redactor redactor) {
        this.baseUrl = baseUrl;
        this.username = Objects.requireNonNull(username, "username");
        this.password = password == null ? new char[0] : password.clone();
        this.address = address == null || address.isEmpty() ? null : String.join(",", address);
        this.cache = cache;
        this.clock = clock;
        this.margin = margin;
        this.redactor = redactor;
        redactor.register(new String(this.password));
    }

    /** The API to ask for tokens; set once, when the client's Feign interface (which adds this manager's tokens) is built. */
    void use(ContactNowApi api) {
        this.api = api;
    }

    /**
     * A token to send now: the one in use, or one fetched when there is none, when it has expired,
     * or once when it comes within the margin of its expiry. The API answers a request for a new
     * token with the current one until that expires, so after one early request that returns the
     * same token, it is used up to its expiry without asking again.
     */
    public String token() {
        awaitPrefetch();
        synchronized (this) {
            asked = true;
            return tokenNow();
        }
    }

    private String tokenNow() {
        if (prefetchFailure != null) {
            RuntimeException failure = prefetchFailure;
            prefetchFailure = null;
            // thrown where the token is needed, as if fetched here: the script's line is on this stack
            failure.fillInStackTrace();
            throw failure;
        }
        Instant now = clock.instant();
        if (current == null && cache != null) {
            cache.load(baseUrl, username, address, password).ifPresent(this::adopt);
        }
        if (current == null || !now.isBefore(current.expire())) {
            adopt(fetch());
        } else if (!now.isBefore(refreshFrom)) {
            String before = current.token();
            adopt(fetch());
            if (current.token().equals(before)) {
                refreshFrom = current.expire();
            }
        }
        return current.token();
    }

    /**
     * Gets a token ahead of its first use, as {@link #token()} would (from the cache when it holds
     * one, else from the API), for a caller that has other work meanwhile. It throws nothing: a
     * failure is kept and thrown by the next {@link #token()} in place of a second request, so it
     * reaches the user as it would have without the early call, and only if a token is then needed.
     */
    public void prefetch() {
        CountDownLatch done = new CountDownLatch(1);
        prefetcher = Thread.currentThread();
        prefetching = done;
        try {
            synchronized (this) {
                if (!asked) {
                    try {
                        tokenNow();
                    } catch (RuntimeException e) {
                        prefetchFailure = e;
                    }
                }
            }
        } finally {
            prefetcher = null;
            prefetching = null;
            done.countDown();
        }
    }

    /**
     * Waits for a prefetch in progress, outside the lock so that an interrupt (Ctrl-C) is not held up:
     * it is passed on to the prefetching thread, whose request stops as the caller's own would have,
     * and that failure is then the caller's; the caller's interrupt status is kept.
     */
    private void awaitPrefetch() {
        CountDownLatch done = prefetching;
        Thread other = prefetcher;
        if (done == null || other == Thread.currentThread() || Thread.holdsLock(this)) {
            return;
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            if (other != null) {
                other.interrupt();
            }
            boolean waited = false;
            while (!waited) {
                try {
                    done.await();
                    waited = true;
                } catch (InterruptedException again) {
                    // keep waiting: the prefetching thread was told to stop
                }
            }
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Replaces the token the API refused. When another thread already replaced it, the newer
     * one is returned without a second request.
     */
    public synchronized String renew(String refused) {
        if (current != null && !current.token().equals(refused)) {
            return current.token();
        }
        drop();
        adopt(fetch());
        return current.token();
    }

    /** Drops a token the API refused for good (bound to other addresses), so the next call fetches one. */
    synchronized void refused(String token) {
        if (current != null && current.token().equals(token)) {
            drop();
        }
    }

    /** The grant in use, if any; never fetches. */
    public synchronized Optional<TokenGrant> current() {
        return Optional.ofNullable(current);
    }

    /** Asks the API whether the current token is valid and until when. */
    public Envelope validate() {
        return api.validateToken();
    }

    /** Forgets the token in memory and in the cache. */
    public synchronized void forget() {
        drop();
    }

    /** The comma-separated address list the token is bound to, or empty for the caller's own. */
    public Optional<String> address() {
        return Optional.ofNullable(address);
    }

    private void drop() {
        current = null;
        prefetchFailure = null;
        if (cache != null) {
            cache.remove(baseUrl, username, address);
        }
    }

    private TokenGrant fetch() {
        String pw = new String(password);
        Envelope e = api.getToken(username, pw, address);
        TokenGrant grant = e.toTokenGrant();
        redactor.register(grant.token());
        if (cache != null) {
            cache.store(baseUrl, username, address, grant, password);
        }
        return grant;
    }

    // Tokens stay registered with the redactor after they are replaced: a request still in flight
    // on another thread may log the old one.
    private void adopt(TokenGrant grant) {
        current = grant;
        refreshFrom = grant.expire().minus(margin);
        redactor.register(grant.token());
    }
}
