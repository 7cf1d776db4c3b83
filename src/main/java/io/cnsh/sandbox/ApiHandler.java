package io.cnsh.sandbox;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentField;
import io.cnsh.model.AgentPage;
import io.cnsh.model.StatementFilter;
import io.cnsh.wire.Envelope;
import io.cnsh.wire.Format;
import io.cnsh.wire.Payload;
import io.cnsh.wire.WireCodec;
import io.cnsh.wire.WireFormatException;
import io.cnsh.wire.WireLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code token.php} and {@code database.php} (method {@code agents}) under {@code /} and
 * {@code /api/}: reads the request, applies the faults in force, runs the action against the
 * store and writes the envelope in the requested format. Every answer, failure or fault is
 * reported to the request log. Repeated slashes in the path count as one, as a base URL written
 * with a trailing slash produces them ({@code //token.php}).
 */
final class ApiHandler extends Handler.Abstract {

    private static final String TEXT_HTML = "text/html; charset=utf-8";
    private static final Set<String> PREFIXES = Set.of("/", "/api/");
    private static final Set<String> TOKEN_ACTIONS = Set.of("get", "validate");
    private static final Set<String> AGENT_ACTIONS = Set.of("create", "read", "update", "delete");
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    private final Settings settings;
    private final AgentStore store;
    private final TokenRegistry tokens;
    private final Faults faults;
    private final RequestLog log;
    private final Map<Format, WireCodec> codecs = new EnumMap<>(Format.class);

    ApiHandler(Settings settings, AgentStore store, TokenRegistry tokens, Faults faults, RequestLog log) {
        this.settings = settings;
        this.store = store;
        this.tokens = tokens;
        this.faults = faults;
        this.log = log;
        WireLimits limits = new WireLimits(settings.maxBodyBytes());
        for (Format f : Format.values()) {
            codecs.put(f, WireCodec.of(f, limits));
        }
    }

    private enum Endpoint { TOKEN, DATABASE }

    /** What is being answered; filled in as the request is understood, then logged. */
    private static final class Call {
        final long started = System.nanoTime();
        final Instant at;
        final String httpMethod;
        final String path;
        String client;
        Endpoint endpoint;
        String operation = "-";
        Format format;
        int records;
        boolean logged;

        Call(Instant at, String httpMethod, String path, String client) {
            this.at = at;
            this.httpMethod = httpMethod;
            this.path = path;
            this.client = client;
        }
    }

    /** A reply ready to send. */
    private record Reply(int status, String contentType, byte[] body, String outcome) {
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

    private void handle(Exchange ex) {
        String path = ex.rawPath();
        Call call = new Call(settings.clock().instant(), ex.method(), path, TokenRegistry.address(ex.remoteAddress()));
        try {
            call.endpoint = route(SLASHES.matcher(path).replaceAll("/"));
            if (call.endpoint == null) {
                send(ex, call, new Reply(404, "text/plain; charset=utf-8",
                        "Not found: this sandbox serves token.php and database.php\n".getBytes(StandardCharsets.UTF_8),
                        "not found"));
                return;
            }
            call.format = call.endpoint == Endpoint.TOKEN ? Format.JSON : settings.defaultFormat();
            if (!call.httpMethod.equals("GET") && !call.httpMethod.equals("POST")) {
                ex.setHeader("Allow", "GET, POST");
                send(ex, call, new Reply(405, "text/plain; charset=utf-8",
                        "Method not allowed: use GET or POST\n".getBytes(StandardCharsets.UTF_8), "method not allowed"));
                return;
            }
            if (!beforeHandling(ex, call)) {
                return;
            }
            Reply reply;
            try {
                reply = answer(ex, call);
            } catch (ApiFailure f) {
                reply = failure(call, f);
            }
            afterHandling(ex, call, reply);
        } catch (IOException e) {
            finish(call, "connection failed: " + e.getClass().getSimpleName(), 0);
            ex.abandon(e);
        } catch (RuntimeException e) {
            // A sandbox bug or a store failure: answer 500 without details and keep serving.
            finish(call, "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage(), 500);
            try {
                ex.respond(500, codec(call).contentType(), codec(call).writeEnvelope(Envelope.failure("Internal sandbox error")));
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

    private static Endpoint route(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix + "token.php")) {
                return Endpoint.TOKEN;
            }
            if (path.equals(prefix + "database.php")) {
                return Endpoint.DATABASE;
            }
        }
        return null;
    }

    /** Latency, reset and HTTP error faults; false when the request was answered (or dropped) by one. */
    private boolean beforeHandling(Exchange ex, Call call) {
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
            send(ex, call, new Reply(status, TEXT_HTML, errorPage(status), "fault: http " + status));
            return false;
        }
        return true;
    }

    /** Lost response and garbled body faults, then the reply itself. */
    private void afterHandling(Exchange ex, Call call, Reply reply) {
        if (faults.loseResponse()) {
            finish(call, "fault: response lost after handling (" + reply.outcome() + ")", 0);
            ex.drop("fault: response lost");
            return;
        }
        if (faults.garble()) {
            send(ex, call, new Reply(200, TEXT_HTML, errorPage(502), "fault: garbled body (" + reply.outcome() + ")"));
            return;
        }
        if (faults.truncate()) {
            send(ex, call, new Reply(reply.status(), reply.contentType(),
                    Arrays.copyOf(reply.body(), reply.body().length / 2), "fault: truncated body (" + reply.outcome() + ")"));
            return;
        }
        send(ex, call, reply);
    }

    private Reply answer(Exchange ex, Call call) throws IOException {
        byte[] body = ex.body();
        if (ex.bodyLength() > settings.maxBodyBytes()) {
            throw new ApiFailure("Bad payload: request body is over the limit of " + settings.maxBodyBytes() + " bytes");
        }
        call.client = caller(ex, call.client);
        RequestParams params = RequestParams.of(ex.rawQuery(), ex.header("Content-Type"), body);
        Format format = null;
        String formatArg = params.nonBlank("format");
        if (formatArg != null) {
            try {
                format = Format.parse(formatArg);
                call.format = format;
            } catch (IllegalArgumentException e) {
                format = null;
            }
        }
        String action = params.nonBlank("action");
        if (call.endpoint == Endpoint.TOKEN) {
            call.operation = "token/" + known(action, TOKEN_ACTIONS);
            if (formatArg != null && format == null) {
                throw ApiFailure.badArgument("format");
            }
            return envelope(call, token(action, params, call.client));
        }
        String method = params.nonBlank("method");
        call.operation = ("agents".equals(method) ? method : "?") + "/" + known(action, AGENT_ACTIONS);
        checkToken(params.get("token"), call.client);
        if (formatArg != null && format == null) {
            throw ApiFailure.badArgument("format");
        }
        if (!"agents".equals(method)) {
            throw ApiFailure.badArgument("method");
        }
        if (action == null || !AGENT_ACTIONS.contains(action) || (action.equals("delete") && !settings.deleteEnabled())) {
            throw ApiFailure.badArgument("action");
        }
        if (action.equals("read")) {
            return read(call, params);
        }
        List<Agent> records = payload(call, params);
        call.records = records.size();
        if (records.size() > settings.maxRecordsPerWrite()) {
            throw new ApiFailure("Bad payload: " + records.size() + " records in one request, over the limit of "
                    + settings.maxRecordsPerWrite() + " records per write; send them in smaller batches");
        }
        WriteOutcome out = switch (action) {
            case "create" -> store.create(records);
            case "update" -> store.update(records);
            default -> store.softDelete(records);
        };
        Reply reply = envelope(call, Envelope.write(settings.accountId(), out.total(), out.bad(), out.key(), out.error()));
        return new Reply(reply.status(), reply.contentType(), reply.body(),
                "ok total=" + out.total() + " bad=" + out.bad() + (action.equals("create") ? " key=" + out.key() : ""));
    }

    private static String known(String value, Set<String> values) {
        return value != null && values.contains(value) ? value : "?";
    }

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

    private Envelope token(String action, RequestParams params, String caller) {
        if ("get".equals(action)) {
            if (!tokens.login(params.get("username"), params.get("password"), settings.apiUser(), settings.apiPassword(), caller)) {
                throw new ApiFailure("Authentication failure");
            }
            String address = params.nonBlank("address");
            Set<String> binding = address == null ? Set.of(caller) : TokenRegistry.addressList(address);
            TokenRegistry.Grant grant = tokens.get(binding);
            return Envelope.token(grant.token(), grant.expire());
        }
        if ("validate".equals(action)) {
            String token = params.nonBlank("token");
            return switch (tokens.check(token, caller)) {
                case VALID -> Envelope.validated(tokens.expire(token));
                case EXPIRED -> throw new ApiFailure("Expired token", -1L);
                case UNKNOWN, WRONG_ADDRESS -> throw new ApiFailure("Invalid token");
            };
        }
        throw ApiFailure.badArgument("action");
    }

    private void checkToken(String token, String caller) {
        String forced = faults.tokenError();
        if (forced != null) {
            throw new ApiFailure(forced, forced.equals("Expired token") ? -1L : null);
        }
        switch (tokens.check(token == null ? null : token.trim(), caller)) {
            case VALID -> { }
            case UNKNOWN -> throw new ApiFailure(settings.unknownTokenError());
            case WRONG_ADDRESS -> throw new ApiFailure("Invalid token");
            case EXPIRED -> throw new ApiFailure("Expired token", -1L);
        }
    }

    private List<Agent> payload(Call call, RequestParams params) {
        Format format = call.format;
        Payload payload;
        try {
            payload = codecs.get(format).readPayload(params.payload());
        } catch (WireFormatException e) {
            throw new ApiFailure("Bad payload: " + e.getMessage());
        }
        if (format == Format.JSON && payload.shape() == Payload.Shape.SINGLE && !settings.acceptBareObject()) {
            throw new ApiFailure("Bad payload: JSON payload must be an array of agent records, found an object");
        }
        if (format != Format.XML) {
            return payload.records();
        }
        // XML cannot tell an empty element from a missing value; a PHP server reads both as "".
        return payload.records().stream().map(ApiHandler::emptyForNull).toList();
    }

    private static Agent emptyForNull(Agent a) {
        Map<String, String> fields = new LinkedHashMap<>();
        a.fields().forEach((k, v) -> fields.put(k, v == null ? "" : v));
        return Agent.of(fields);
    }

    /** The XML codec writes null as {@code <x/>} but "" as {@code <x></x>}; the API writes both as {@code <x/>}. */
    private static Agent nullForEmpty(Agent a) {
        Map<String, String> fields = new LinkedHashMap<>();
        a.fields().forEach((k, v) -> fields.put(k, v == null || v.isEmpty() ? null : v));
        return Agent.of(fields);
    }

    private Reply read(Call call, RequestParams params) {
        AgentQuery asked = query(params);
        long start = faults.start(asked.start());
        Long limit = faults.limit(asked.limit());
        boolean faulty = start != asked.start() || !Objects.equals(limit, asked.limit());
        AgentPage found = store.read(faulty ? new AgentQuery(asked.equals(), asked.statement(), asked.sort(),
                asked.descending(), start, limit) : asked);
        AgentPage page = new AgentPage(found.total(), faults.dropRows(found.agents()));
        call.records = page.agents().size();
        String outcome = "ok total=" + page.total() + " list=" + page.agents().size()
                + (start == asked.start() ? "" : " (fault: start " + asked.start() + " ignored)")
                + (Objects.equals(limit, asked.limit()) ? "" : " (fault: limit " + asked.limit() + " ignored)")
                + (page.agents().size() == found.agents().size() ? ""
                        : " (fault: " + (found.agents().size() - page.agents().size()) + " rows dropped)");
        if (call.format == Format.CSV) {
            byte[] body = page.agents().isEmpty()
                    ? (String.join(",", AgentField.wireNames()) + "\n").getBytes(StandardCharsets.UTF_8)
                    : codecs.get(Format.CSV).writePayload(page.agents(), Payload.Shape.LIST);
            return new Reply(200, contentType(call), body, outcome);
        }
        List<Agent> agents = call.format == Format.XML
                ? page.agents().stream().map(ApiHandler::nullForEmpty).toList()
                : page.agents();
        Reply r = envelope(call, Envelope.read(page.total(), agents));
        return new Reply(r.status(), r.contentType(), r.body(), outcome);
    }

    /** The read's filters, statement, sort and page from its arguments. */
    static AgentQuery query(RequestParams params) {
        Map<String, String> equals = new LinkedHashMap<>();
        for (String field : AgentField.wireNames()) {
            String v = params.get(field);
            if (v != null && !v.isEmpty() && !field.equals("filter")) {
                equals.put(field, v);
            }
        }
        StatementFilter statement = null;
        String filter = params.nonBlank("filter");
        if (filter != null) {
            try {
                statement = StatementFilter.parse(filter);
            } catch (IllegalArgumentException e) {
                throw ApiFailure.badArgument("filter");
            }
        }
        String sort = "agentid";
        boolean descending = false;
        String sortArg = params.nonBlank("sort");
        if (sortArg != null) {
            String[] words = sortArg.split("\\s+");
            sort = words[0];
            if (sort.startsWith("-")) {
                descending = true;
                sort = sort.substring(1);
            }
            if (words.length == 2 && !descending && words[1].equalsIgnoreCase("desc")) {
                descending = true;
            } else if (words.length == 2 && (descending || !words[1].equalsIgnoreCase("asc")) || words.length > 2) {
                throw ApiFailure.badArgument("sort");
            }
            if (AgentField.byWireName(sort).isEmpty()) {
                throw ApiFailure.badArgument("sort");
            }
        }
        long start = count(params, "start");
        long limit = count(params, "limit");
        return new AgentQuery(equals, statement, sort, descending, start, limit == 0 ? null : limit);
    }

    private static long count(RequestParams params, String name) {
        String v = params.nonBlank(name);
        if (v == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw ApiFailure.badArgument(name);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiFailure.badArgument(name);
        }
    }

    private Reply envelope(Call call, Envelope envelope) {
        return new Reply(envelope.isSuccess() ? 200 : settings.errorStatus(), contentType(call),
                codec(call).writeEnvelope(envelope), envelope.isSuccess() ? "ok" : "error: " + envelope.error());
    }

    private Reply failure(Call call, ApiFailure f) {
        Envelope e = f.expire() == null ? Envelope.failure(f.error()) : Envelope.failure(f.error(), f.expire());
        return envelope(call, e);
    }

    private WireCodec codec(Call call) {
        return codecs.get(call.format == null ? Format.JSON : call.format);
    }

    private String contentType(Call call) {
        return settings.htmlContentType() ? TEXT_HTML : codec(call).contentType();
    }

    /** Records the request, then answers it: a caller that has its answer finds the entry already logged. */
    private void send(Exchange ex, Call call, Reply reply) {
        finish(call, reply.outcome(), reply.status());
        ex.respond(reply.status(), reply.contentType(), reply.body());
    }

    /** Records the request's one log line; a failure to send an answer already logged adds no second line. */
    private void finish(Call call, String outcome, int status) {
        if (call.logged) {
            return;
        }
        call.logged = true;
        long millis = (System.nanoTime() - call.started) / 1_000_000;
        String format = call.format == null ? "-" : call.format.wireName();
        log.record(new RequestLog.Entry(call.at, call.client, call.httpMethod, call.path, call.operation, format,
                call.records, outcome, status, millis));
    }

    private static byte[] errorPage(int status) {
        String reason = switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
        return ("<html><head><title>" + status + " " + reason + "</title></head><body><h1>" + status + " "
                + reason + "</h1></body></html>\n").getBytes(StandardCharsets.UTF_8);
    }
}
