package io.cnsh.cli

import java.nio.charset.StandardCharsets
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger

/**
 * A small HTTP proxy for specs, on a free loopback port: it opens {@code CONNECT host:port} tunnels
 * and pipes their bytes, counting the tunnels and keeping every {@code Proxy-Authorization} header
 * it was sent. With {@code credentials} ({@code 'user:password'}) it answers 407 to a CONNECT
 * without them, as a proxy that wants Basic authentication does.
 */
class ConnectProxy implements AutoCloseable {

    final AtomicInteger tunnels = new AtomicInteger()
    final List<String> authorizations = new CopyOnWriteArrayList<>()
    final List<String> targets = new CopyOnWriteArrayList<>()
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    private final String expected
    private final List<Socket> open = new CopyOnWriteArrayList<>()

    ConnectProxy(String credentials = null) {
        expected = credentials == null ? null : 'Basic ' + credentials.bytes.encodeBase64().toString()
        Thread.startDaemon('connect-proxy') {
            while (!server.closed) {
                Socket s
                try {
                    s = server.accept()
                } catch (IOException ignored) {
                    return
                }
                open << s
                Thread.startDaemon('connect-proxy-tunnel') { serve(s) }
            }
        }
    }

    int getPort() {
        server.localPort
    }

    String getUrl() {
        "http://127.0.0.1:${port}"
    }

    private void serve(Socket client) {
        client.withCloseable {
            InputStream in = client.inputStream
            List<String> head = []
            for (String line = readLine(in); line; line = readLine(in)) {
                head << line
            }
            if (head.isEmpty() || !head[0].startsWith('CONNECT ')) {
                reply(client, '405 Method Not Allowed')
                return
            }
            String auth = head.find { it.toLowerCase(Locale.ROOT).startsWith('proxy-authorization:') }
            if (auth != null) {
                authorizations << auth.substring(auth.indexOf(':') + 1).trim()
            }
            if (expected != null && (auth == null || auth.substring(auth.indexOf(':') + 1).trim() != expected)) {
                reply(client, '407 Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="spec"\r\n')
                return
            }
            String target = head[0].split(' ')[1]
            targets << target
            int colon = target.lastIndexOf(':')
            Socket upstream = new Socket(target.substring(0, colon), target.substring(colon + 1) as int)
            open << upstream
            tunnels.incrementAndGet()
            client.outputStream.write('HTTP/1.1 200 Connection established\r\n\r\n'.getBytes(StandardCharsets.US_ASCII))
            client.outputStream.flush()
            Thread pump = Thread.startDaemon('connect-proxy-up') {
                try {
                    upstream.outputStream << client.inputStream
                } catch (IOException ignored) {
                } finally {
                    try {
                        upstream.shutdownOutput()
                    } catch (IOException ignored) {
                    }
                }
            }
            try {
                client.outputStream << upstream.inputStream
            } catch (IOException ignored) {
            }
            pump.join(10_000)
            upstream.close()
        }
    }

    private static void reply(Socket client, String status, String headers = '') {
        client.outputStream.write("HTTP/1.1 ${status}\r\n${headers}Content-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII))
        client.outputStream.flush()
    }

    /** One header line, read byte by byte so that nothing of the tunnel after it is taken. */
    private static String readLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream()
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b)
            }
        }
        line.toString(StandardCharsets.ISO_8859_1)
    }

    @Override
    void close() {
        server.close()
        open.each { it.close() }
    }
}
