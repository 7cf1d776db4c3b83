package io.cnsh.client;

import java.net.Authenticator;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a client reaches its base URL: through which proxy, if any, and trusting which certificate
 * authorities. Resolved once per target from a profile's {@code proxy} and {@code ca_file} and the
 * environment's proxy variables; {@link #toString()} says what was chosen and why, without a secret.
 */
public final class Network {

    /** No proxy setting and no bundle: the HTTP client as the JDK builds it. */
    public static final Network DEFAULT = new Network(null, "no proxy", null);

    private final HttpProxy proxy;
    private final String proxyReason;
    private final CaBundle ca;

    private Network(HttpProxy proxy, String proxyReason, CaBundle ca) {
        this.proxy = proxy;
        this.proxyReason = proxyReason;
        this.ca = ca;
    }

    /**
     * The network of a base URL. The proxy is the profile's {@code proxy} if set, else
     * {@code https_proxy}/{@code HTTPS_PROXY} for an https URL or {@code http_proxy}/{@code HTTP_PROXY}
     * for an http one (lower case first, as curl reads them); {@code no_proxy}/{@code NO_PROXY} sends
     * matching hosts past either. An empty variable counts as unset.
     *
     * @param profileProxy the profile's {@code proxy}, or {@code null}
     * @param caFile       the profile's {@code ca_file}, or {@code null}
     * @param where        names the profile in errors, e.g. {@code /home/me/.cnsh/config [profiles.prod]}
     */
    public static Network resolve(URI base, Map<String, String> env, String profileProxy, Path caFile, String where) {
        CaBundle ca = caFile == null ? null : CaBundle.read(caFile, where);
        boolean https = "https".equalsIgnoreCase(base.getScheme());
        String source;
        String url;
        if (profileProxy != null) {
            source = where + ": proxy";
            url = profileProxy;
        } else {
            String[] names = https ? new String[] {"https_proxy", "HTTPS_PROXY"} : new String[] {"http_proxy", "HTTP_PROXY"};
            source = firstSet(env, names);
            url = source == null ? null : env.get(source);
        }
        if (url == null) {
            return new Network(null, "no proxy", ca);
        }
        HttpProxy proxy = HttpProxy.parse(url, source);
        String list = firstSet(env, "no_proxy", "NO_PROXY");
        String match = list == null ? null : NoProxy.match(env.get(list), base);
        if (match != null) {
            return new Network(null, "no proxy (" + list + " entry '" + match + "' matches " + base.getHost()
                    + "; " + proxy + " not used)", ca);
        }
        String from = profileProxy != null ? "the profile's proxy" : source;
        return new Network(proxy, "proxy " + proxy + " (from " + from + ")", ca);
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return n;
            }
        }
        return null;
    }

    /** Puts the proxy, its credentials and the trusted authorities on a client builder. */
    void apply(HttpClient.Builder builder) {
        if (proxy != null) {
            builder.proxy(proxy.selector());
            Authenticator auth = proxy.authenticator();
            if (auth != null) {
                builder.authenticator(auth);
            }
        }
        if (ca != null) {
            builder.sslContext(ca.sslContext());
        }
    }

    /** For messages after the base URL: {@code " through proxy http://host:port"}, or nothing without a proxy. */
    String via() {
        return proxy == null ? "" : " through proxy " + proxy;
    }

    /** What was chosen, for {@code --debug}: the proxy (its password masked) or why none, and the CA. */
    @Override
    public String toString() {
        return "network: " + proxyReason + "; CA: " + (ca == null ? "JDK default" : ca.toString());
    }
}
