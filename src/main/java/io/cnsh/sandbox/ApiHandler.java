package io.cnsh.sandbox;

import io.cnsh.wire.Envelope;
import io.cnsh.wire.Format;
import io.cnsh.wire.WireCodec;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves {@code token.php} and {@code database.php} under {@code /} and {@code /api/} over HTTP:
 * reads the body within its limit, routes the path, refuses other verbs, applies the faults that
 * act on the exchange (latency, resets, HTTP errors, lost, garbled and truncated answers), parses
 * the arguments and hands them to {@link ApiActions}, then sends the answer. Every answer, failure
 * or fault is reported to the request log. Repeated slashes in the path count as one, as a base
 * URL written with a trailing slash produces them ({@code //token.php}).
 */
final class ApiHandler extends Handler.Abstract {

    private static final Set<String> PREFIXES = Set.of("/", "/api/");
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    private final Settings settings;
    private final Faults faults;
    private final RequestLog log;
    private final ApiReplies replies;
    private final ApiActions actions;
    private final AtomicInteger handling = new AtomicInteger();

    ApiHandler(Settings settings, AgentStore store, TokenRegistry tokens, Faults faults, RequestLog log) {
        this.settings = settings;
        this.faults = faults;
        this.log = log;
        this.replies = new ApiReplies(settings);
        this.actions = new ApiActions(settings, store, tokens, faults, replies);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response, callback);
        // A larger body is read on (and dropped) up to four times the limit so that the caller,
        // still sending, can read the refusal.
        int max = settings.maxBodyBytes();
        ex.readBody(max, Math.max(4L * max, 1 << 20), () -> handle(ex));
        return true;
    }

    /** Requests between arrival and their answer (or drop), lost answers included. */
    int handling() {
        return handling.get();
    }

    private void handle(Exchange ex) {
        handling.incrementAndGet();
        try {
            serve(ex);
        } finally {
            handling.decrementAndGet();
        }
    }

    private void serve(Exchange ex) {
        String path = ex.rawPath();
        ApiCall call = new ApiCall(settings.clock().instant(), ex.method(), path, TokenRegistry.address(ex.remoteAddress()));
        try {
            call.endpoint = route(SLASHES.matcher(path).replaceAll("/"));
            if (call.endpoint == null) {
                send(ex, call, ApiReplies.text(404, "Not found: this sandbox serves token.php and database.php\n",
                        "not found"));
                return;
            }
            call.format = call.endpoint == ApiCall.Endpoint.TOKEN ? Format.JSON : settings.defaultFormat();
            if (!call.httpMethod.equals("GET") && !call.httpMethod.equals("POST")) {
                ex.setHeader("Allow", "GET, POST");
                send(ex, call, ApiReplies.text(405, "Method not allowed: use GET or POST\n", "method not allowed"));
                return;
            }
            if (!beforeHandling(ex, call)) {
                return;
            }
            ApiReply reply;
            try {
                reply = actions.answer(call, arguments(ex, call));
            } catch (ApiFailure f) {
                reply = replies.failure(call, f);
            }
            afterHandling(ex, call, reply);
        } catch (IOException e) {
            finish(call, "connection failed: " + e.getClass().getSimpleName(), 0);
            ex.abandon(e);
        } catch (RuntimeException e) {
            // A sandbox bug or a store failure: answer 500 without details and keep serving.
            finish(call, "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage(), 500);
            try {
                WireCodec codec = replies.codec(call);
                ex.respond(500, codec.contentType(), codec.writeEnvelope(Envelope.failure("Internal sandbox error")));
            } catch (RuntimeException again) {
                // the answer could not be built either; the entry above already records the failure
                ex.abandon(again);
            }
        } finally {
            if (!ex.ended()) {
                ex.drop("no answer");
            }
        }
    }

    private static ApiCall.Endpoint route(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix + "token.php")) {
                return ApiCall.Endpoint.TOKEN;
            }
            if (path.equals(prefix + "database.php")) {
                return ApiCall.Endpoint.DATABASE;
            }
        }
        return null;
    }

    /** Latency, reset and HTTP error faults; false when the request was answered (or dropped) by one. */
    private boolean beforeHandling(Exchange ex, ApiCall call) {
        try {
            faults.hold();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.drop("interrupted");
            return false;
        }
        if (faults.reset()) {
            finish(call, "fault: reset before handling", 0);
            ex.drop("fault: reset");
            return false;
        }
        int status = faults.httpError();
        if (status != 0) {
            send(ex, call, new ApiReply(status, ApiReplies.TEXT_HTML, ApiReplies.errorPage(status), "fault: http " + status));
            return false;
        }
        return true;
    }

    /** Lost response and garbled body faults, then the reply itself. */
    private void afterHandling(Exchange ex, ApiCall call, ApiReply reply) {
        if (faults.loseResponse()) {
            finish(call, "fault: response lost after handling (" + reply.outcome() + ")", 0);
            ex.drop("fault: response lost");
            return;
        }
        if (faults.garble()) {
            send(ex, call, new ApiReply(200, ApiReplies.TEXT_HTML, ApiReplies.errorPage(502),
                    "fault: garbled body (" + reply.outcome() + ")"));
            return;
        }
        if (faults.truncate()) {
            send(ex, call, new ApiReply(reply.status(), reply.contentType(),
                    Arrays.copyOf(reply.body(), reply.body().length / 2), "fault: truncated body (" + reply.outcome() + ")"));
            return;
        }
        send(ex, call, reply);
    }

    /**
     * The request's arguments, from its query and body; also settles who the caller is.
     *
     * @throws IOException when the connection failed before the body was in
     * @throws ApiFailure  when the body is over the limit or the caller's claimed address is not one
     */
    private RequestParams arguments(Exchange ex, ApiCall call) throws IOException {
        byte[] body = ex.body();
        if (ex.bodyLength() > settings.maxBodyBytes()) {
            throw new ApiFailure("Bad payload: request body is over the limit of " + settings.maxBodyBytes() + " bytes");
        }
        call.client = caller(ex, call.client);
        return RequestParams.of(ex.rawQuery(), ex.header("Content-Type"), body);
    }

    /** The caller's address: the socket's, or the one a trusted proxy header names. */
    private String caller(Exchange ex, String socketAddress) {
        if (!settings.trustAddressHeader()) {
            return socketAddress;
        }
        String claimed = ex.header(SandboxServer.CALLER_ADDRESS_HEADER);
        if (claimed == null || claimed.isBlank()) {
            return socketAddress;
        }
        String ip = TokenRegistry.normalize(claimed.trim());
        if (ip == null) {
            throw new ApiFailure("Bad argument: " + SandboxServer.CALLER_ADDRESS_HEADER);
        }
        return ip;
    }

    /** Records the request, then answers it: a caller that has its answer finds the entry already logged. */
    private void send(Exchange ex, ApiCall call, ApiReply reply) {
        finish(call, reply.outcome(), reply.status());
        ex.respond(reply.status(), reply.contentType(), reply.body());
    }

    /** Records the request's one log line; a failure to send an answer already logged adds no second line. */
    private void finish(ApiCall call, String outcome, int status) {
        if (call.logged) {
            return;
        }
        call.logged = true;
        long millis = (System.nanoTime() - call.started) / 1_000_000;
        String format = call.format == null ? "-" : call.format.wireName();
        log.record(new RequestLog.Entry(call.at, call.client, call.httpMethod, call.path, call.operation, format,
                call.records, outcome, status, millis));
    }
}
