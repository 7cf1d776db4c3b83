package io.cnsh.bulk;

import io.cnsh.client.ContactNow;
import java.net.URI;
import java.util.Locale;

/**
 * Whether a run's or a saved plan's recorded account (base URL and API user) is the one a client is
 * aimed at. A base URL on this machine (loopback) is compared without its port, because the
 * in-process sandbox listens on a new port each time it starts.
 */
final class RunTarget {

    private RunTarget() {
    }

    /** True when {@code target} (or an unrecorded one) and {@code username} are the client's account. */
    static boolean matches(String target, String username, ContactNow client) {
        return matches(target, username, client.baseUri(), client.username());
    }

    static boolean matches(String target, String username, URI baseUri, String nowUser) {
        if (target == null) {
            return true;
        }
        boolean sameUser = username == null || username.equals(nowUser);
        return sameUser && sameBaseUrl(URI.create(target), baseUri);
    }

    private static boolean sameBaseUrl(URI a, URI b) {
        if (!text(a.getScheme()).equalsIgnoreCase(text(b.getScheme()))
                || !text(a.getHost()).equalsIgnoreCase(text(b.getHost()))
                || !text(a.getPath()).replaceAll("/+$", "").equals(text(b.getPath()).replaceAll("/+$", ""))) {
            return false;
        }
        return a.getPort() == b.getPort() || loopback(a.getHost());
    }

    private static boolean loopback(String host) {
        String h = text(host).toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
