package io.cnsh.client;

import java.net.URI;
import java.util.Locale;

/**
 * The hosts a {@code NO_PROXY} list sends past the proxy, read as curl reads it: entries separated
 * by commas (or spaces); {@code *} alone matches every host; an entry matches its host and every
 * host under it ({@code example.com} and {@code .example.com} both match {@code api.example.com});
 * an entry with {@code :port} matches that port only. Addresses match literally (no CIDR ranges),
 * and loopback is not special: {@code localhost} goes through the proxy unless listed.
 */
final class NoProxy {

    private NoProxy() {
    }

    /** The entry of {@code list} that matches the URL's host and port, or {@code null}. */
    static String match(String list, URI url) {
        if (list == null) {
            return null;
        }
        String host = bare(url.getHost());
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        for (String entry : list.split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return entry;
            }
            String name = entry;
            int wantedPort = -1;
            int close = entry.indexOf(']');
            int colon = entry.lastIndexOf(':');
            if (entry.startsWith("[") && close > 0) {
                name = entry.substring(1, close);
                wantedPort = close + 1 < entry.length() && entry.charAt(close + 1) == ':' ? port(entry.substring(close + 2)) : -1;
            } else if (colon > 0 && colon == entry.indexOf(':')) {
                name = entry.substring(0, colon);
                wantedPort = port(entry.substring(colon + 1));
            }
            name = bare(name);
            if (name.startsWith(".")) {
                name = name.substring(1);
            }
            boolean hostMatches = !name.isEmpty() && (host.equals(name) || host.endsWith("." + name));
            if (hostMatches && (wantedPort < 0 || wantedPort == port)) {
                return entry;
            }
        }
        return null;
    }

    private static String bare(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static int port(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -2;
        }
    }
}
