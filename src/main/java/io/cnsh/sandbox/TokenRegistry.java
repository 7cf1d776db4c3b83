package io.cnsh.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API tokens the sandbox has issued: 40 lowercase hex characters, each bound to the address
 * that asked for it or to an {@code address} list, good until its {@code expire} second.
 *
 * <p>While a token for the same binding is still good, {@code get} returns it again with the same
 * expiry. Grants are kept in memory for lookups and written through to the store so that a
 * restarted sandbox still honours them. Expired grants are remembered for a day, so that their
 * use is answered "Expired token" rather than as unknown.
 */
final class TokenRegistry {

    /** The most addresses a token may be bound to. */
    static final int MAX_ADDRESSES = 10;

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final long KEEP_EXPIRED_SECONDS = 86_400;

    /** One issued token. */
    record Grant(String token, long expire, Set<String> addresses) {
    }

    /** What a token is worth for a caller. */
    enum Verdict { VALID, UNKNOWN, EXPIRED, WRONG_ADDRESS }

    private final Map<String, Grant> byToken = new ConcurrentHashMap<>();
    private final Map<Set<String>, Grant> byBinding = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final long ttlSeconds;
    private final AgentStore store;
    private final LoginThrottle throttle;

    TokenRegistry(Clock clock, Duration ttl, AgentStore store, LoginThrottle throttle) {
        this.clock = clock;
        this.ttlSeconds = ttl.toSeconds();
        this.store = store;
        this.throttle = throttle;
        for (String[] row : store.loadTokens(now() - KEEP_EXPIRED_SECONDS)) {
            remember(new Grant(row[0], Long.parseLong(row[1]), Set.copyOf(List.of(row[2].split(",")))));
        }
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * Whether a caller's API credentials are the expected ones. Wrong ones from an address are
     * slowed after a few ({@link LoginThrottle}); while an address waits out a failure, its
     * attempts are refused unchecked. The password is compared in constant time.
     */
    boolean login(String username, String password, String expectedUser, String expectedPassword, String caller) {
        if (!throttle.mayTry(caller)) {
            return false;
        }
        boolean userOk = MessageDigest.isEqual(bytes(username), bytes(expectedUser));
        boolean passwordOk = MessageDigest.isEqual(bytes(password), bytes(expectedPassword));
        boolean ok = username != null && password != null && userOk && passwordOk;
        if (ok) {
            throttle.succeeded(caller);
            return true;
        }
        try {
            throttle.failed(caller);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    /** The good token for this binding, issuing a new one when there is none. */
    synchronized Grant get(Set<String> binding) {
        long now = now();
        Grant current = byBinding.get(binding);
        if (current != null && now < current.expire()) {
            return current;
        }
        byToken.values().removeIf(g -> g.expire() < now - KEEP_EXPIRED_SECONDS);
        Grant fresh = new Grant(HexFormat.of().formatHex(bytes(20)), now + ttlSeconds, Set.copyOf(binding));
        store.saveToken(fresh.token(), fresh.expire(), String.join(",", new TreeSet<>(binding)));
        remember(fresh);
        return fresh;
    }

    private void remember(Grant g) {
        byToken.put(g.token(), g);
        Grant other = byBinding.get(g.addresses());
        if (other == null || other.expire() <= g.expire()) {
            byBinding.put(g.addresses(), g);
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Whether the token can be used from this address. */
    Verdict check(String token, String caller) {
        Grant g = token == null ? null : byToken.get(token);
        if (g == null) {
            return Verdict.UNKNOWN;
        }
        if (!g.addresses().contains(caller)) {
            return Verdict.WRONG_ADDRESS;
        }
        return now() < g.expire() ? Verdict.VALID : Verdict.EXPIRED;
    }

    /** The expiry of a known token. */
    long expire(String token) {
        return byToken.get(token).expire();
    }

    /**
     * The addresses of an {@code address} argument: a comma-separated list of at most ten IPv4 or
     * IPv6 addresses, spaces allowed around the commas.
     *
     * @throws ApiFailure {@code Bad argument: address} for a longer list or an invalid address
     */
    static Set<String> addressList(String list) {
        Set<String> out = new TreeSet<>();
        String[] items = list.split(",", -1);
        if (items.length > MAX_ADDRESSES) {
            throw ApiFailure.badArgument("address");
        }
        for (String item : items) {
            String ip = normalize(item.trim());
            if (ip == null) {
                throw ApiFailure.badArgument("address");
            }
            out.add(ip);
        }
        return out;
    }

    /** The canonical text of an IP address literal, or {@code null} when it is not one. Never resolves names. */
    static String normalize(String ip) {
        if (IPV4.matcher(ip).matches()) {
            return ip;
        }
        if (ip.indexOf(':') >= 0 && IPV6_CHARS.matcher(ip).matches()) {
            try {
                return address(InetAddress.getByName(ip));
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /** The text an address is compared by: dotted IPv4, or full IPv6 without a scope. */
    static String address(InetAddress a) {
        String s = a.getHostAddress();
        int scope = s.indexOf('%');
        return scope < 0 ? s : s.substring(0, scope);
    }
}
