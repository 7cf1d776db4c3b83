package io.cnsh.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's HTTP client sets up TLS (the default SSL context: providers, keys, trust store) when it
 * is built, even for a client that only ever speaks plain HTTP. For an {@code http://} base URL,
 * cnsh gives it this context instead, which sets up nothing and refuses any TLS connection: the
 * client follows no redirects, so it never leaves the base URL's scheme.
 */
final class PlainHttp {

    private PlainHttp() {
    }

    /** The builder, with a context that refuses TLS when the base URL is plain HTTP. */
    static HttpClient.Builder forScheme(HttpClient.Builder builder, URI base) {
        if ("http".equalsIgnoreCase(base.getScheme())) {
            builder.sslContext(new NoTls());
        }
        return builder;
    }

    private static final class NoTls extends SSLContext {
        NoTls() {
            super(new Spi(), null, "none");
        }
    }

    private static final class Spi extends SSLContextSpi {
        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("plain HTTP only");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return new SSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return new SSLParameters();
        }

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("TLS on a plain-HTTP client");
        }
    }
}
