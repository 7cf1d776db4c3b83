package io.cnsh.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Certificate authorities from a PEM bundle, trusted beside the JDK's own: the TLS context of
 * {@link #sslContext()} accepts a server whose chain ends at either.
 */
final class CaBundle {

    private final Path file;
    private final List<X509Certificate> certificates;

    private CaBundle(Path file, List<X509Certificate> certificates) {
        this.file = file;
        this.certificates = certificates;
    }

    /** Reads the bundle; a missing, unreadable or certificate-less file is a one-line error naming {@code where} and the file. */
    static CaBundle read(Path file, String where) {
        String prefix = where + ": ca_file " + file;
        if (Files.isDirectory(file)) {
            throw new ConfigException(prefix + " is a directory, not a PEM bundle");
        }
        Collection<? extends Certificate> found;
        try (InputStream in = Files.newInputStream(file)) {
            found = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException(prefix + " does not exist");
        } catch (IOException e) {
            throw new ConfigException(prefix + " cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (CertificateException e) {
            throw new ConfigException(prefix + " is not a PEM bundle of certificates");
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (Certificate c : found) {
            if (c instanceof X509Certificate x) {
                certs.add(x);
            }
        }
        if (certs.isEmpty()) {
            throw new ConfigException(prefix + " holds no certificate (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        return new CaBundle(file, List.copyOf(certs));
    }

    /** A TLS context trusting the JDK's default authorities and this bundle's. */
    SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with " + file + ": " + e.getMessage(), e);
        }
    }

    /** The trust of {@link #sslContext()}: the JDK's default authorities and this bundle's. */
    TrustManager[] trustManagers() {
        try {
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (TrustManager tm : jdk.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, c);
                    }
                }
            }
            for (X509Certificate c : certificates) {
                store.setCertificateEntry("bundle-" + n++, c);
            }
            TrustManagerFactory both = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            both.init(store);
            return both.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS with " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JDK default + " + file + " (" + certificates.size() + (certificates.size() == 1 ? " certificate)" : " certificates)");
    }
}
