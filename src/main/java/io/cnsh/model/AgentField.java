package io.cnsh.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The documented fields of a ContactNow agent record, by wire name, with the value rules the
 * references settle.
 *
 * <p>A rule is only enforced where the sources agree on it: digits for ids and the pin, {@code Y}/{@code N}
 * for the admin and supervisor rights, {@code yes}/{@code no} for {@code aod}. Everything else (for
 * example {@code auth_level}, whose only documented value is {@code admin}) accepts any value; the
 * values seen in the documentation are offered as {@link #knownValues()} for completion only.
 * {@code null} and the empty string pass every rule: the API itself sends both.
 */
public enum AgentField {
    AGENTID("agentid", Rule.DIGITS),
    NAME("name", Rule.ANY),
    MOH("moh", Rule.ANY, "none"),
    USERFIELD("userfield", Rule.ANY),
    FILTER("filter", Rule.DIGITS, "0", "999", "505050"),
    PIN("pin", Rule.DIGITS),
    USERNAME("username", Rule.ANY),
    PASSWORD("password", Rule.ANY),
    PHONE("phone", Rule.ANY),
    CUSTOMER("customer", Rule.DIGITS),
    DEFAULT_STATUS("default_status", Rule.ANY, "wrap"),
    AGENT_VERSION("agent_version", Rule.DIGITS, "2"),
    LAST_BROADCAST_MSG("last_broadcast_msg", Rule.ANY),
    SELFSERVE_ID("selfserve_id", Rule.DIGITS),
    AOD("aod", Rule.YES_NO, "yes", "no"),
    AOD_LOCK("aod_lock", Rule.DIGITS, "0", "1"),
    AUDIO_ID("audio_id", Rule.DIGITS),
    AUTH_LEVEL("auth_level", Rule.ANY, "admin", "supervisor", "agent"),
    AUTH_ADMIN("auth_admin", Rule.Y_N, "Y", "N"),
    AUTH_SUPERVISOR("auth_supervisor", Rule.Y_N, "Y", "N"),
    AUTH_REPORTS("auth_reports", Rule.ANY, "Y", "N");

    private static final Map<String, AgentField> BY_WIRE_NAME;

    static {
        Map<String, AgentField> byName = new LinkedHashMap<>();
        for (AgentField f : values()) {
            byName.put(f.wireName, f);
        }
        BY_WIRE_NAME = Collections.unmodifiableMap(byName);
    }

    private final String wireName;
    private final Rule rule;
    private final List<String> knownValues;

    AgentField(String wireName, Rule rule, String... knownValues) {
        this.wireName = wireName;
        this.rule = rule;
        this.knownValues = List.of(knownValues);
    }

    /** The field's name on the wire, e.g. {@code auth_level}. */
    public String wireName() {
        return wireName;
    }

    /** The field's name in Java style, e.g. {@code authLevel}. */
    public String javaName() {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : wireName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** Values seen in the documentation; a hint for completion, not a whitelist. */
    public List<String> knownValues() {
        return knownValues;
    }

    /** True for the pin and the password: values that are masked wherever they are shown. */
    public boolean isSecret() {
        return this == PIN || this == PASSWORD;
    }

    /** A short description of the rule, for error messages and docs, e.g. {@code digits only}. */
    public String ruleDescription() {
        return rule.description;
    }

    /**
     * Checks a value against this field's rule.
     *
     * @return empty when the value is acceptable, otherwise a one-line problem naming the field and
     *     the value (masked for secret fields), or the character XML 1.0 cannot carry (see {@link XmlText})
     */
    public Optional<String> check(String value) {
        Optional<String> xml = XmlText.problem(wireName, value);
        if (xml.isPresent()) {
            return xml;
        }
        if (value == null || value.isEmpty() || rule.accepts.apply(value)) {
            return Optional.empty();
        }
        String shown = isSecret() ? Secrets.mask(value) : "'" + value + "'";
        return Optional.of("field '" + wireName + "' must be " + rule.description + ", got " + shown);
    }

    /** The field with this wire name, if it is a documented one. */
    public static Optional<AgentField> byWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    /** The field with this wire name or Java name ({@code auth_level} or {@code authLevel}). */
    public static Optional<AgentField> byAnyName(String name) {
        AgentField f = BY_WIRE_NAME.get(name);
        if (f != null) {
            return Optional.of(f);
        }
        return Arrays.stream(values()).filter(v -> v.javaName().equals(name)).findFirst();
    }

    /** Wire names of all documented fields, in the documented order. */
    public static Set<String> wireNames() {
        return BY_WIRE_NAME.keySet();
    }

    private enum Rule {
        ANY("any text", v -> true),
        DIGITS("digits only", Pattern.compile("[0-9]+").asMatchPredicate()::test),
        Y_N("Y or N", v -> v.equals("Y") || v.equals("N")),
        YES_NO("yes or no", v -> v.equals("yes") || v.equals("no"));

        final String description;
        final Function<String, Boolean> accepts;

        Rule(String description, Function<String, Boolean> accepts) {
            this.description = description;
            this.accepts = accepts;
        }
    }
}
