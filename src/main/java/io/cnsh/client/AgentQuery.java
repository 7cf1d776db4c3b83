package io.cnsh.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The arguments of an agents read: equality filters on any field, the statement {@code filter}
 * (for example {@code NOT IN (999, 505050)}), {@code sort}, {@code start} and {@code limit}.
 * Immutable; each method returns a new query.
 *
 * <pre>{@code
 * AgentQuery admins = AgentQuery.where("auth_level", "admin").sort("name").limit(50);
 * AgentQuery live = AgentQuery.all().filter("NOT IN (999, 505050)");
 * }</pre>
 */
public final class AgentQuery {

    /** The statement filter that leaves out deleted (999) and system (505050) agents. */
    public static final String LIVE_AGENTS = "NOT IN (999, 505050)";

    private final Map<String, String> filters;
    private final String sort;
    private final Integer start;
    private final Integer limit;

    private AgentQuery(Map<String, String> filters, String sort, Integer start, Integer limit) {
        this.filters = Collections.unmodifiableMap(filters);
        this.sort = sort;
        this.start = start;
        this.limit = limit;
    }

    /** Every agent, deleted and system ones included (as the API returns them). */
    public static AgentQuery all() {
        return new AgentQuery(new LinkedHashMap<>(), null, null, null);
    }

    /** Agents whose field equals the value. */
    public static AgentQuery where(String field, Object value) {
        return all().and(field, value);
    }

    /** This query plus an equality filter. */
    public AgentQuery and(String field, Object value) {
        Objects.requireNonNull(field, "field");
        Map<String, String> copy = new LinkedHashMap<>(filters);
        copy.put(field, value == null ? "" : value.toString());
        return new AgentQuery(copy, sort, start, limit);
    }

    /** This query with a statement filter on the {@code filter} field, e.g. {@code != 999}. */
    public AgentQuery filter(String statement) {
        return and("filter", statement);
    }

    /** Leaves out deleted (999) and system (505050) agents. */
    public AgentQuery liveOnly() {
        return filter(LIVE_AGENTS);
    }

    public AgentQuery sort(String field) {
        return new AgentQuery(new LinkedHashMap<>(filters), field, start, limit);
    }

    public AgentQuery start(int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("start must not be negative, got " + offset);
        }
        return new AgentQuery(new LinkedHashMap<>(filters), sort, offset, limit);
    }

    public AgentQuery limit(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + max);
        }
        return new AgentQuery(new LinkedHashMap<>(filters), sort, start, max);
    }

    /** The field filters, in order. */
    public Map<String, String> filters() {
        return filters;
    }

    public String sort() {
        return sort;
    }

    public Integer start() {
        return start;
    }

    public Integer limit() {
        return limit;
    }

    /** The query parameters to send, filters first. */
    public Map<String, String> arguments() {
        Map<String, String> args = new LinkedHashMap<>(filters);
        if (sort != null) {
            args.put("sort", sort);
        }
        if (start != null) {
            args.put("start", start.toString());
        }
        if (limit != null) {
            args.put("limit", limit.toString());
        }
        return args;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentQuery q && filters.equals(q.filters) && Objects.equals(sort, q.sort)
                && Objects.equals(start, q.start) && Objects.equals(limit, q.limit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filters, sort, start, limit);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(arguments());
        shown.replaceAll((k, v) -> io.cnsh.model.Secrets.isSecretName(k) ? io.cnsh.model.Secrets.MASK : v);
        return "AgentQuery" + shown;
    }
}
