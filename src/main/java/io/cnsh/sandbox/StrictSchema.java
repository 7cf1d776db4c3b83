package io.cnsh.sandbox;

import io.cnsh.model.Agent;
import io.cnsh.model.AgentField;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a strict sandbox stores and answers agents: as a fixed-schema server over a SQL table would,
 * one column per documented field.
 *
 * <p>Fields outside the documented 21 are dropped from writes and never answered. The numeric
 * fields ({@link #NUMERIC}) are integer columns: a value is stored as its number, so {@code "007"},
 * {@code "+7"} and {@code " 7 "} come back as {@code "7"} (still a JSON string, as a PHP API reading
 * MySQL answers), an empty value as {@code "0"}, and text that is no whole number, or one outside a
 * 32-bit column, refuses the record. The {@code pin} stays text: its leading zeros matter.
 */
final class StrictSchema {

    /** The fields a fixed-schema server keeps in integer columns. */
    static final Set<String> NUMERIC = Set.of("filter", "customer", "agent_version", "selfserve_id", "aod_lock",
            "audio_id");

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final BigInteger MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private StrictSchema() {
    }

    /** Why a column cannot store this record, or {@code null} when it can. */
    static String problem(Agent record) {
        for (Map.Entry<String, String> e : record.fields().entrySet()) {
            if (NUMERIC.contains(e.getKey()) && e.getValue() != null && number(e.getValue()) == null) {
                String shown = e.getValue().length() > 40 ? e.getValue().substring(0, 40) + "…" : e.getValue();
                return "field '" + e.getKey() + "' must be a whole number from " + MIN + " to " + MAX
                        + ", got '" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
            }
        }
        return null;
    }

    /** The record as the table keeps it: documented fields only, numbers in their stored form. */
    static Agent stored(Agent record) {
        Map<String, String> kept = new LinkedHashMap<>();
        record.fields().forEach((name, value) -> {
            if (AgentField.byWireName(name).isPresent()) {
                String n = NUMERIC.contains(name) && value != null ? number(value) : null;
                kept.put(name, n == null ? value : n);
            }
        });
        return Agent.of(kept);
    }

    /** The canonical text of a value an integer column can hold ({@code ""} stores 0), else {@code null}. */
    private static String number(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return "0";
        }
        if (!INTEGER.matcher(v).matches() || v.length() > 40) {
            return null;
        }
        BigInteger n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
        return n.compareTo(MIN) < 0 || n.compareTo(MAX) > 0 ? null : n.toString();
    }
}
