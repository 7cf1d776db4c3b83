package io.cnsh.client;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentField;
import io.cnsh.model.NameHints;
import io.cnsh.model.Secrets;
import io.cnsh.model.StatementFilter;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of an agents read: equality filters on documented fields, the statement
 * {@code filter} (for example {@code NOT IN (999, 505050)}), {@code sort}, {@code start} and
 * {@code limit}. Immutable; each method returns a new query.
 *
 * <p>Every argument is checked as it is added, as a write's values are, because the API drops a
 * filter it cannot use and then matches every agent: a filter needs a value (not {@code null}, not
 * blank) that follows its field's rule ({@link AgentField#check}); the statement filter is one of
 * {@link StatementFilter#FORMS}; {@code limit} is 1 or more and {@code start} 0 or more. A mistake
 * is an {@link InvalidInputException} that names the argument and says what to write.
 *
 * <pre>{@code
 * AgentQuery admins = AgentQuery.where("auth_level", "admin").sort("name").limit(50);
 * AgentQuery live = AgentQuery.all().filter("NOT IN (999, 505050)");
 * AgentQuery.where("username", "");   // InvalidInputException: read filter 'username' has no value …
 * }</pre>
 */
public final class AgentQuery {

    /** The statement filter that leaves out deleted (999) and system (505050) agents. */
    public static final String LIVE_AGENTS = "NOT IN (999, 505050)";

    /** A field name as the API's records spell them, then an optional direction. */
    private static final Pattern SORT = Pattern.compile(
            "(?:-([A-Za-z_][A-Za-z0-9_.-]{0,63})|([A-Za-z_][A-Za-z0-9_.-]{0,63})(?:\\s+(?i:asc|desc))?)");

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

    /**
     * This query plus an equality filter on a documented field ({@code filter} takes a statement,
     * see {@link #filter}). The value is sent as a write's would be ({@code 3103.0} as {@code 3103})
     * and follows the same field rule.
     *
     * @throws InvalidInputException when the field is not documented, or the value is {@code null},
     *     blank, a list, or breaks the field's rule
     */
    public AgentQuery and(String field, Object value) {
        AgentField f = AgentField.byWireName(field).orElseThrow(() ->
                new InvalidInputException(NameHints.unknown("field", String.valueOf(field), AgentField.wireNames())));
        if (value instanceof Collection<?> || value instanceof Map<?, ?> || value != null && value.getClass().isArray()) {
            throw new InvalidInputException("read filter '" + field + "' takes one value, got a "
                    + (value instanceof Map<?, ?> ? "map" : "list") + "; read once per value, or read more and keep some with .where");
        }
        String text = Agent.text(value);
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("read filter '" + field + "' has no value (got "
                    + (text == null ? "null" : "'" + text + "'") + "), so it would match every agent; to find agents without one,"
                    + " read without it and use .where(" + field + ": { !it })");
        }
        if (f == AgentField.FILTER) {
            StatementFilter.checkNumeric(text).ifPresent(problem -> {
                throw new InvalidInputException(problem);
            });
        } else {
            f.check(text).ifPresent(problem -> {
                throw new InvalidInputException(problem);
            });
        }
        Map<String, String> copy = new LinkedHashMap<>(filters);
        copy.put(field, text);
        return new AgentQuery(copy, sort, start, limit);
    }

    /**
     * This query with a statement filter on the {@code filter} field: a number, a comparison such
     * as {@code != 999}, or a list such as {@code NOT IN (999, 505050)}, with whole numbers.
     *
     * @throws InvalidInputException when the statement is blank or not one of {@link StatementFilter#FORMS}
     */
    public AgentQuery filter(String statement) {
        return and("filter", statement);
    }

    /** Leaves out deleted (999) and system (505050) agents. */
    public AgentQuery liveOnly() {
        return filter(LIVE_AGENTS);
    }

    /**
     * This query sorted by a field: {@code name}, {@code name desc} or {@code -name}. Which fields
     * can be sorted by is the API's to say (it refuses others with {@code Bad argument: sort}).
     *
     * @throws InvalidInputException when the text is not one field name with an optional direction
     */
    public AgentQuery sort(String field) {
        if (field == null || !SORT.matcher(field.strip()).matches()) {
            throw new InvalidInputException("sort " + (field == null ? "null" : "'" + field + "'")
                    + " is not a field to sort by; write a field name: 'name', 'name desc' or '-name'");
        }
        return new AgentQuery(new LinkedHashMap<>(filters), field.strip(), start, limit);
    }

    /** The field a sort text names: {@code name} for {@code name}, {@code name desc} and {@code -name}. */
    static String sortField(String sort) {
        Matcher m = SORT.matcher(sort.strip());
        return m.matches() ? (m.group(1) != null ? m.group(1) : m.group(2)) : sort;
    }

    /**
     * This query skipping the first {@code offset} matches.
     *
     * @throws InvalidInputException when the offset is negative
     */
    public AgentQuery start(int offset) {
        if (offset < 0) {
            throw new InvalidInputException(badCount("start", "'" + offset + "'"));
        }
        return new AgentQuery(new LinkedHashMap<>(filters), sort, offset, limit);
    }

    /**
     * This query returning at most {@code max} agents. There is no "no limit" value: leave limit out.
     *
     * @throws InvalidInputException when {@code max} is less than 1 (the API reads 0 as "every agent")
     */
    public AgentQuery limit(int max) {
        if (max < 1) {
            throw new InvalidInputException(badCount("limit", "'" + max + "'"));
        }
        return new AgentQuery(new LinkedHashMap<>(filters), sort, start, max);
    }

    /** The one-line problem of a start or limit that is not a whole number in its range. */
    static String badCount(String name, String shown) {
        boolean limit = name.equals("limit");
        return name + " must be a whole number from " + (limit ? 1 : 0) + " to " + Integer.MAX_VALUE + ", got " + shown
                + (limit ? "; leave limit out to read every match" : "");
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
        shown.replaceAll((k, v) -> Secrets.isSecretName(k) ? Secrets.MASK : v);
        return "AgentQuery" + shown;
    }
}
