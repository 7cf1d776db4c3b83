package io.cnsh.cli

import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SSLContext
import java.nio.file.Files
import java.nio.file.Path
import java.security.KeyStore

/**
 * A key and a self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made by the JDK's
 * {@code keytool} in {@code dir}: the server's TLS context and the certificate as PEM, for a profile's
 * {@code ca_file}.
 */
class SelfSignedTls {

    final Path keystore
    final Path pem
    private static final String PASS = 'spec-keystore'

    SelfSignedTls(Path dir) {
        keystore = dir.resolve('server.p12')
        pem = dir.resolve('server-ca.pem')
        String keytool = Path.of(System.getProperty('java.home'), 'bin', 'keytool').toString()
        run([keytool, '-genkeypair', '-alias', 'server', '-keyalg', 'EC', '-groupname', 'secp256r1', '-validity', '2',
             '-dname', 'CN=cnsh spec sandbox', '-ext', 'SAN=ip:127.0.0.1,dns:localhost', '-keystore', keystore.toString(),
             '-storetype', 'PKCS12', '-storepass', PASS, '-keypass', PASS])
        run([keytool, '-exportcert', '-rfc', '-alias', 'server', '-keystore', keystore.toString(), '-storepass', PASS,
             '-file', pem.toString()])
    }

    private static void run(List<String> command) {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start()
        String out = p.inputStream.text
        assert p.waitFor() == 0: "${command[1]} failed: ${out}"
    }

    /** The server side: this key and certificate. */
    SSLContext serverContext() {
        KeyStore ks = KeyStore.getInstance('PKCS12')
        Files.newInputStream(keystore).withCloseable { ks.load(it, PASS.toCharArray()) }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.defaultAlgorithm)
        kmf.init(ks, PASS.toCharArray())
        SSLContext ctx = SSLContext.getInstance('TLS')
        ctx.init(kmf.keyManagers, null, null)
        ctx
    }
}
