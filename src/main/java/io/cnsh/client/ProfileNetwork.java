package io.cnsh.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The network keys of a profile, as written: {@code proxy}, {@code ca_file} (relative to
 * {@code $CNSH_HOME}; {@code ~/} is the home directory), {@code connect_timeout} and
 * {@code read_timeout} (seconds, e.g. {@code 10} or {@code 2.5}). Each is {@code null} when unset.
 * The bundle is read when the profile is used, so a bad one fails that profile only.
 */
public record ProfileNetwork(String proxy, Path caFile, Duration connectTimeout, Duration readTimeout) {

    /** Nothing set. */
    public static final ProfileNetwork NONE = new ProfileNetwork(null, null, null, null);

    /** The keys this record reads. */
    static final Set<String> KEYS = Set.of("proxy", "ca_file", "connect_timeout", "read_timeout");

    /** Reads the keys of one profile; a bad value is a one-line error naming the key and {@code where}. */
    static ProfileNetwork parse(JsonNode p, String where, Path home) {
        String proxy = text(p, "proxy", where);
        if (proxy != null) {
            HttpProxy.parse(proxy, where + ": proxy");
        }
        String ca = text(p, "ca_file", where);
        Path caFile = null;
        if (ca != null) {
            caFile = ca.startsWith("~/") ? Path.of(System.getProperty("user.home"), ca.substring(2))
                    : home.resolve(ca).toAbsolutePath().normalize();
        }
        return new ProfileNetwork(proxy, caFile, seconds(p, "connect_timeout", where), seconds(p, "read_timeout", where));
    }

    /** The timeouts on a client builder; unset ones keep the builder's defaults. */
    public ContactNow.Builder applyTimeouts(ContactNow.Builder b) {
        if (connectTimeout != null) {
            b.connectTimeout(connectTimeout);
        }
        if (readTimeout != null) {
            b.readTimeout(readTimeout);
        }
        return b;
    }

    private static String text(JsonNode p, String key, String where) {
        JsonNode n = p.get(key);
        if (n == null) {
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new ConfigException(where + ": " + key + " must be a non-empty string"
                    + (key.equals("proxy") ? " such as \"http://proxy.example.com:3128\"" : " naming a PEM file"));
        }
        return n.asText().trim();
    }

    private static Duration seconds(JsonNode p, String key, String where) {
        JsonNode n = p.get(key);
        if (n == null) {
            return null;
        }
        double s = n.isNumber() ? n.asDouble() : Double.NaN;
        if (!(s > 0) || Double.isInfinite(s) || s > 86_400) {
            throw new ConfigException(where + ": " + key + " must be a positive number of seconds (at most 86400),"
                    + " such as 10 or 2.5, got " + (n.isNumber() ? n.asText() : "'" + n.asText() + "'"));
        }
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
    }
}
