package io.cnsh.sandbox;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The HTTP side of a sandbox: a Jetty server listening on one address, with the read timeout,
 * the bound on open connections and the header limit of its settings. One selector thread reads
 * request lines and headers of every connection without blocking, so a slow or silent client
 * holds no request thread; request threads run the handler once a request's header is in.
 */
final class HttpListener {

    /** How soon an idle connection is closed once the bound on connections is reached. */
    private static final Duration IDLE_TIMEOUT_AT_LIMIT = Duration.ofSeconds(1);
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final Server jetty;
    private final ServerConnector connector;
    private final InetAddress address;

    private HttpListener(Server jetty, ServerConnector connector, InetAddress address) {
        this.jetty = jetty;
        this.connector = connector;
        this.address = address;
    }

    /**
     * Listens on {@code bind} at the settings' port and serves every request with {@code handler}.
     *
     * @throws SandboxException when the address cannot be bound; nothing is left running then
     */
    static HttpListener start(InetAddress bind, SandboxSettings<?> config, Handler handler) {
        int server = SERVERS.incrementAndGet();
        // One acceptor and one selector thread besides the request threads.
        QueuedThreadPool pool = new QueuedThreadPool(config.threads + 2, Math.min(config.threads + 2, 4));
        pool.setName("cnsh-sandbox-" + server);
        pool.setDaemon(true);
        pool.setReservedThreads(0);
        Server jetty = new Server(pool, new ScheduledExecutorScheduler("cnsh-sandbox-" + server + "-timer", true), null);
        jetty.setStopTimeout(1_000);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        jetty.setErrorHandler(errors);
        ServerConnector connector = connector(jetty, bind, config);
        jetty.setHandler(handler);
        try {
            jetty.start();
            return new HttpListener(jetty, connector, bind);
        } catch (Exception e) {
            stop(jetty);
            throw cannotListen(e, bind, config.port);
        }
    }

    private static ServerConnector connector(Server jetty, InetAddress bind, SandboxSettings<?> config) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(config.maxHeaderBytes);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // "//token.php" is an empty path segment, which Jetty refuses by default as ambiguous; the
        // official PHP wrapper sends it whenever its base URL ends in "/".
        http.setUriCompliance(UriCompliance.DEFAULT.with("sandbox", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        ServerConnector c = config.tls == null
                ? new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http))
                : new ServerConnector(jetty, 1, 1, tls(config.tls), new HttpConnectionFactory(http));
        c.setHost(bind.getHostAddress());
        c.setPort(config.port);
        c.setIdleTimeout(config.readTimeout.toMillis());
        c.setAcceptQueueSize(256);
        jetty.addConnector(c);
        long idleAtLimit = Math.min(config.readTimeout.toMillis(), IDLE_TIMEOUT_AT_LIMIT.toMillis());
        NetworkConnectionLimit limit = new NetworkConnectionLimit(config.maxConnections, c);
        limit.setEndPointIdleTimeout(idleAtLimit);
        jetty.addBean(limit);
        // The limit shortens the idle timeout only of connections whose endpoint exists when the
        // bound is reached; those accepted in the same instant get theirs here, as they open.
        c.addBean(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                if (limit.getNetworkConnectionCount() >= config.maxConnections) {
                    c.getConnectedEndPoints().forEach(e -> e.setIdleTimeout(idleAtLimit));
                }
            }
        });
        return c;
    }

    private static SslConnectionFactory tls(javax.net.ssl.SSLContext context) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(context);
        return new SslConnectionFactory(factory, HttpVersion.HTTP_1_1.asString());
    }

    /** A failed start as the sandbox reports it: an I/O failure names the address, anything else goes on as it is. */
    private static RuntimeException cannotListen(Exception e, InetAddress bind, int port) {
        Throwable io = e;
        while (io != null && !(io instanceof IOException)) {
            io = io.getCause();
        }
        if (io == null && e instanceof RuntimeException r) {
            return r;
        }
        for (Throwable t = io; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new SandboxException("cannot listen on " + hostPort(bind, port) + ": address already in use");
            }
        }
        String why = (io == null ? e : io).getMessage();
        return new SandboxException("cannot listen on " + hostPort(bind, port) + ": " + why, e);
    }

    /** The address the server listens on. */
    InetAddress address() {
        return address;
    }

    /** The port the server listens on (the chosen one when asked for port 0). */
    int port() {
        return connector.getLocalPort();
    }

    /** Stops listening and lets running requests finish for up to a second. */
    void stop() {
        stop(jetty);
    }

    private static void stop(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping failed part way: the caller releases the rest all the same
        }
    }

    /** The address of a host name or literal, for {@link #start}. */
    static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new SandboxException("cannot listen on " + host + ": unknown address");
        }
    }

    /** {@code host:port} for a URL or a message: an IPv6 address in brackets, without its scope. */
    static String hostPort(InetAddress host, int port) {
        String h = host.getHostAddress();
        int scope = h.indexOf('%');
        if (scope >= 0) {
            h = h.substring(0, scope);
        }
        return (host instanceof Inet6Address ? "[" + h + "]" : h) + ":" + port;
    }
}
