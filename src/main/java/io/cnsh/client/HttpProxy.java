package io.cnsh.client;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP proxy as a proxy URL names it, {@code http://[user:password@]host[:port]}: without a
 * scheme {@code http://} is meant, without a port 1080 (as curl reads them). Its password is never
 * shown: {@link #toString()} masks it.
 */
final class HttpProxy {

    private static final String TUNNEL_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    private final String host;
    private final int port;
    private final String user;
    private final char[] password;

    private HttpProxy(String host, int port, String user, char[] password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * The proxy of a URL; {@code source} names where it was set ({@code HTTPS_PROXY}, a profile's
     * {@code proxy}) for the one-line error about a value that is no proxy URL, which never repeats a password.
     */
    static HttpProxy parse(String url, String source) {
        String text = url.trim();
        String shown = masked(text);
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(source + ": '" + shown + "' is not a proxy URL (http://host:port)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new ConfigException(source + ": '" + shown + "' is a " + scheme
                    + " proxy; cnsh speaks to http:// proxies only (http://host:port)");
        }
        if (uri.getHost() == null || uri.getPort() == 0 || uri.getPort() > 65535
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new ConfigException(source + ": '" + shown + "' is not a proxy URL (http://host:port)");
        }
        String user = null;
        char[] password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = decode(colon < 0 ? "" : info.substring(colon + 1)).toCharArray();
        }
        return new HttpProxy(uri.getHost(), uri.getPort() < 0 ? 1080 : uri.getPort(), user, password);
    }

    /** The text of a proxy URL with any password replaced by {@code ***}. */
    static String masked(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int start = url.contains("://") ? url.indexOf("://") + 3 : 0;
        int colon = url.indexOf(':', start);
        return colon >= 0 && colon < at ? url.substring(0, colon + 1) + "***" + url.substring(at) : url;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    ProxySelector selector() {
        return ProxySelector.of(InetSocketAddress.createUnresolved(host, port));
    }

    /**
     * Answers the proxy's request for credentials, when the URL holds them. The JDK leaves Basic
     * out of the CONNECT of an HTTPS tunnel unless {@code jdk.http.auth.tunneling.disabledSchemes}
     * says otherwise; cnsh clears it, unless the user set it, before its HTTP client is first built.
     */
    Authenticator authenticator() {
        if (user == null) {
            return null;
        }
        if (System.getProperty(TUNNEL_SCHEMES) == null) {
            System.setProperty(TUNNEL_SCHEMES, "");
        }
        String name = user;
        char[] secret = password.clone();
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(name, secret.clone()) : null;
            }
        };
    }

    @Override
    public String toString() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + (user == null ? "" : user + ":***@") + h + ":" + port;
    }
}
