package io.cnsh.sandbox;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentField;
import io.cnsh.model.AgentPage;
import io.cnsh.model.StatementFilter;
import io.cnsh.wire.Envelope;
import io.cnsh.wire.Format;
import io.cnsh.wire.Payload;
import io.cnsh.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The API itself, behind the HTTP plumbing of {@link ApiHandler}: {@code token.php} (get and
 * validate a token) and {@code database.php} with {@code method=agents} (read, create, update and
 * delete agents), from a request's arguments to its answer. Checks the token and the arguments
 * in the order the API does, applies the faults that bend an answer (forced token errors, paging
 * ignored, rows dropped) and runs the action against the store. A refusal is thrown as an
 * {@link ApiFailure}.
 */
final class ApiActions {

    private static final Set<String> TOKEN_ACTIONS = Set.of("get", "validate");
    private static final Set<String> AGENT_ACTIONS = Set.of("create", "read", "update", "delete");

    private final Settings settings;
    private final AgentStore store;
    private final TokenRegistry tokens;
    private final Faults faults;
    private final ApiReplies replies;

    ApiActions(Settings settings, AgentStore store, TokenRegistry tokens, Faults faults, ApiReplies replies) {
        this.settings = settings;
        this.store = store;
        this.tokens = tokens;
        this.faults = faults;
        this.replies = replies;
    }

    /**
     * The answer to a call of the endpoint it names with these arguments.
     *
     * @throws ApiFailure when the API answers {@code success:false}
     */
    ApiReply answer(ApiCall call, RequestParams params) {
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
        if (call.endpoint == ApiCall.Endpoint.TOKEN) {
            call.operation = "token/" + known(action, TOKEN_ACTIONS);
            if (formatArg != null && format == null) {
                throw ApiFailure.badArgument("format");
            }
            return replies.envelope(call, token(action, params, call.client));
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
        return replies.envelope(call, Envelope.write(settings.accountId(), out.total(), out.bad(), out.key(), out.error()))
                .withOutcome("ok total=" + out.total() + " bad=" + out.bad()
                        + (action.equals("create") ? " key=" + out.key() : ""));
    }

    private static String known(String value, Set<String> values) {
        return value != null && values.contains(value) ? value : "?";
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

    private List<Agent> payload(ApiCall call, RequestParams params) {
        Format format = call.format;
        Payload payload;
        try {
            payload = replies.codec(format).readPayload(params.payload());
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
        return payload.records().stream().map(ApiActions::emptyForNull).toList();
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

    private ApiReply read(ApiCall call, RequestParams params) {
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
                    : replies.codec(Format.CSV).writePayload(page.agents(), Payload.Shape.LIST);
            return new ApiReply(200, replies.contentType(call), body, outcome);
        }
        List<Agent> agents = call.format == Format.XML
                ? page.agents().stream().map(ApiActions::nullForEmpty).toList()
                : page.agents();
        return replies.envelope(call, Envelope.read(page.total(), agents)).withOutcome(outcome);
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
}
