package io.cnsh.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its answer on Jetty's core API, reduced to what {@link ApiHandler} needs: the
 * verb, the raw path and query, a header, the caller's address, the body, and exactly one way to
 * end it: an answer, or a connection dropped without one.
 *
 * <p>The body is read without a thread waiting for it: a client that sends part of a body and
 * stops holds no request thread, only its connection, until the server's idle timeout closes it.
 */
final class Exchange {

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
    private long bodyLength;
    private IOException bodyFailure;
    private boolean ended;

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    String method() {
        return request.getMethod();
    }

    /** The path as sent, percent-escapes kept. */
    String rawPath() {
        String path = request.getHttpURI().getPath();
        return path == null ? "/" : path;
    }

    /** The query as sent, or {@code null}. */
    String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The address of the socket the request came on. */
    InetAddress remoteAddress() {
        SocketAddress a = request.getConnectionMetaData().getRemoteSocketAddress();
        return a instanceof InetSocketAddress inet ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }

    /**
     * Reads the body to its end, keeping its first {@code keep} bytes and dropping the rest, or
     * stops once {@code readUpTo} bytes came; then runs {@code then} on a request thread. While
     * bytes are awaited no thread waits: Jetty calls back when more arrive.
     */
    void readBody(int keep, long readUpTo, Runnable then) {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                // not Invocable, so Jetty runs it on a request thread, never on its selector
                request.demand(() -> readBody(keep, readUpTo, then));
                return;
            }
            if (chunk.getFailure() != null) {
                Throwable f = chunk.getFailure();
                bodyFailure = f instanceof IOException io ? io : new IOException(f.getMessage(), f);
                chunk.release();
                then.run();
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            int n = bytes.remaining();
            if (bodyLength + n <= keep) {
                byte[] copy = new byte[n];
                bytes.get(copy);
                body.writeBytes(copy);
            }
            bodyLength += n;
            boolean last = chunk.isLast();
            chunk.release();
            if (last || bodyLength > readUpTo) {
                then.run();
                return;
            }
        }
    }

    /**
     * The body read by {@link #readBody}, or as much as was kept of it.
     *
     * @throws IOException when the connection failed or timed out before the body was in
     */
    byte[] body() throws IOException {
        if (bodyFailure != null) {
            throw bodyFailure;
        }
        return body.toByteArray();
    }

    /** How many bytes of body came, kept or not. */
    long bodyLength() {
        return bodyLength;
    }

    void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /** Sends the answer; the exchange is over. */
    void respond(int status, String contentType, byte[] body) {
        if (ended) {
            return;
        }
        ended = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Closes the connection without an answer, as a lost connection looks to the caller. */
    void drop(String why) {
        if (ended) {
            return;
        }
        ended = true;
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.failed(new IOException(why));
    }

    /** Ends an exchange that could not be answered (its connection failed) without sending anything more. */
    void abandon(Throwable failure) {
        if (ended) {
            return;
        }
        ended = true;
        callback.failed(failure);
    }

    /** True once {@link #respond}, {@link #drop} or {@link #abandon} was called. */
    boolean ended() {
        return ended;
    }
}
