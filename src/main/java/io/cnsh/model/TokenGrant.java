package io.cnsh.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An API token from {@code token.php} and the moment it stops working.
 * {@link #toString()} never shows the token.
 */
public record TokenGrant(String token, Instant expire) {

    public TokenGrant {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expire, "expire");
    }

    /** True when the token is still good at {@code now} with {@code margin} to spare. */
    public boolean validAt(Instant now, Duration margin) {
        return now.plus(margin).isBefore(expire);
    }

    @Override
    public String toString() {
        return "TokenGrant[token=" + Secrets.MASK + ", expire=" + expire + "]";
    }
}
