package io.cnsh.client;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentField;
import io.cnsh.model.NameHints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The named arguments of a read, as the DSL, scripts and JShell users write them
 * ({@code auth_level: 'admin', sort: 'name', limit: 5, all: true}), turned into an
 * {@link AgentQuery} with the same checks, plus whether to page through every match.
 *
 * <p>Numbers are converted strictly: {@code limit} and {@code start} take whole numbers (or their
 * text, as a CSV cell gives them) within the int range, never wrapped or truncated, so
 * {@code 4294967297} and {@code 2.9} are refused rather than read as 1 and 2. {@code all} takes a
 * boolean only. Field names must be documented wire names, and so must the field {@code sort}
 * names.
 *
 * <pre>{@code
 * ReadArguments r = ReadArguments.of(Map.of("auth_level", "admin", "all", true));
 * List<Agent> admins = r.all() ? cn.agents().readAll(r.query()).toList() : cn.agents().read(r.query()).agents();
 * }</pre>
 *
 * @param query the filters, sort and page
 * @param all   true to read every match page by page ({@link AgentsClient#readAll}); a {@code limit}
 *              then caps the whole list and {@code start} is where it begins
 */
public record ReadArguments(AgentQuery query, boolean all) {

    /** The arguments of a read that are not field filters. */
    public static final List<String> OPTIONS = List.of("sort", "start", "limit", "all");

    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,10}");

    public ReadArguments {
        Objects.requireNonNull(query, "query");
    }

    /**
     * Reads named arguments, in order.
     *
     * @throws InvalidInputException naming the first argument that is unknown or has a bad value
     */
    public static ReadArguments of(Map<?, ?> arguments) {
        if (arguments == null) {
            throw new InvalidInputException("read takes field: value pairs, got null; write read() to read every agent");
        }
        AgentQuery q = AgentQuery.all();
        boolean all = false;
        for (Map.Entry<?, ?> e : arguments.entrySet()) {
            String name = String.valueOf(e.getKey());
            Object v = e.getValue();
            switch (name) {
                case "all" -> all = bool(v);
                case "sort" -> q = sort(q, v);
                case "start" -> q = q.start(count(name, v, 0));
                case "limit" -> q = q.limit(count(name, v, 1));
                default -> {
                    if (AgentField.byWireName(name).isEmpty()) {
                        List<String> known = new ArrayList<>(AgentField.wireNames());
                        known.addAll(OPTIONS);
                        throw new InvalidInputException(NameHints.unknown("field", name, known));
                    }
                    q = q.and(name, v);
                }
            }
        }
        return new ReadArguments(q, all);
    }

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new InvalidInputException("all takes true or false, got " + shown(v)
                + (v instanceof CharSequence ? " (text, which Groovy counts as true)" : "") + "; write all: true or all: false");
    }

    private static AgentQuery sort(AgentQuery q, Object v) {
        AgentQuery sorted = q.sort(Agent.text(v));
        String field = AgentQuery.sortField(sorted.sort());
        if (AgentField.byWireName(field).isEmpty()) {
            throw new InvalidInputException(NameHints.unknown("field", field, AgentField.wireNames()));
        }
        return sorted;
    }

    /** A whole number from {@code min} to {@link Integer#MAX_VALUE}, from a number or its text, never wrapped. */
    private static int count(String name, Object v, int min) {
        String text = v instanceof Number || v instanceof CharSequence ? Agent.text(v) : null;
        if (text != null && WHOLE.matcher(text).matches()) {
            long n = Long.parseLong(text);
            if (n >= min && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        }
        throw new InvalidInputException(AgentQuery.badCount(name, shown(v)));
    }

    private static String shown(Object v) {
        return v == null ? "null" : "'" + Agent.text(v) + "'";
    }
}
