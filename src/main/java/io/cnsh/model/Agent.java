package io.cnsh.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One ContactNow agent record, as the API sends it: field name to text value.
 *
 * <p>Every value is a string or {@code null}, and the two stay distinct ({@code "phone":null} is not
 * {@code "phone":""}). A record holds only the fields that were given, in the order given, so the
 * same type serves as a full record read from the API and as a partial one sent in an update.
 * Fields the documentation does not list are kept and written back unchanged.
 *
 * <pre>{@code
 * Agent joe = Agent.builder().name("Joe Bloggs").username("joe").pin("482913").build();
 * Agent renamed = joe.with("name", "Joe Blogs");
 * }</pre>
 *
 * <p>Instances are immutable. {@link #toString()} masks the pin and the password.
 */
public final class Agent {

    private final Map<String, String> values;

    private Agent(Map<String, String> values) {
        this.values = Fields.of(values);
    }

    private Agent(Fields values) {
        this.values = values;
    }

    /**
     * A record from a map of wire names to values. Numbers and other objects become their text;
     * {@code null} stays {@code null}.
     */
    public static Agent of(Map<String, ?> fields) {
        return new Agent(Fields.copyOf(fields));
    }

    /** An empty record. */
    public static Agent empty() {
        return new Agent(new LinkedHashMap<>());
    }

    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(values));
    }

    /** A copy with one field set; an unknown field name is kept as given. */
    public Agent with(String field, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(Objects.requireNonNull(field, "field name"), text(value));
        return new Agent(copy);
    }

    public Agent with(AgentField field, Object value) {
        return with(field.wireName(), value);
    }

    /** A copy with every given field set. */
    public Agent withAll(Map<String, ?> fields) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field name"), text(v)));
        return new Agent(copy);
    }

    /** A copy without the field. */
    public Agent without(String field) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.remove(field);
        return new Agent(copy);
    }

    /** True when the record carries the field, even with a {@code null} value. */
    public boolean has(String field) {
        return values.containsKey(field);
    }

    /**
     * The field's value, or {@code null} when it is null or absent (see {@link #has}). A documented
     * field can also be named in Java style ({@code authLevel} for {@code auth_level}), which is
     * what makes {@code agent.authLevel} work in Groovy.
     */
    public String get(String field) {
        String v = values.get(field);
        if (v == null && !values.containsKey(field)) {
            return AgentField.byAnyName(field).map(f -> values.get(f.wireName())).orElse(null);
        }
        return v;
    }

    public String get(AgentField field) {
        return values.get(field.wireName());
    }

    /** All fields in order, read-only. */
    public Map<String, String> fields() {
        return values;
    }

    /** The fields the documentation does not list, in order, read-only. */
    public Map<String, String> unknownFields() {
        Map<String, String> unknown = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (AgentField.byWireName(k).isEmpty()) {
                unknown.put(k, v);
            }
        });
        return Collections.unmodifiableMap(unknown);
    }

    public int size() {
        return values.size();
    }

    /** The agent id as a number, or {@code null} when absent, empty or not a number. */
    public Long agentid() {
        String id = values.get("agentid");
        if (id == null || id.isEmpty()) {
            return null;
        }
        try {
            return Long.valueOf(id.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public String name() { return values.get("name"); }
    public String moh() { return values.get("moh"); }
    public String userfield() { return values.get("userfield"); }
    public String filter() { return values.get("filter"); }
    public String pin() { return values.get("pin"); }
    public String username() { return values.get("username"); }
    public String password() { return values.get("password"); }
    public String phone() { return values.get("phone"); }
    public String customer() { return values.get("customer"); }
    public String defaultStatus() { return values.get("default_status"); }
    public String agentVersion() { return values.get("agent_version"); }
    public String lastBroadcastMsg() { return values.get("last_broadcast_msg"); }
    public String selfserveId() { return values.get("selfserve_id"); }
    public String aod() { return values.get("aod"); }
    public String aodLock() { return values.get("aod_lock"); }
    public String audioId() { return values.get("audio_id"); }
    public String authLevel() { return values.get("auth_level"); }
    public String authAdmin() { return values.get("auth_admin"); }
    public String authSupervisor() { return values.get("auth_supervisor"); }
    public String authReports() { return values.get("auth_reports"); }

    /**
     * The rule violations of the documented fields, one line each, secrets masked; empty when
     * the record is acceptable. Fields outside the documented ones are checked only for characters
     * XML 1.0 cannot carry ({@link XmlText}).
     */
    public java.util.List<String> problems() {
        java.util.List<String> out = new java.util.ArrayList<>();
        values.forEach((k, v) -> AgentField.byWireName(k).map(f -> f.check(v)).orElseGet(() -> XmlText.problem(k, v))
                .ifPresent(out::add));
        return out;
    }

    /** True when the record is marked deleted ({@code filter} 999). */
    public boolean isDeleted() {
        return "999".equals(filter());
    }

    /** True for the system (default PBX) agent ({@code filter} 505050). */
    public boolean isSystem() {
        return "505050".equals(filter());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Agent other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The fields in order, with the pin and the password masked. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "Agent{", "}");
        values.forEach((k, v) -> j.add(k + "=" + (Secrets.isSecretName(k) ? Secrets.mask(v) : v)));
        return j.toString();
    }

    /** The text a value is sent as: {@code null} stays null, {@code 2.0} is {@code "2"}, {@code 2.9} is {@code "2.9"}. */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                // 2.0 is "2" and 1e20 is "100000000000000000000", not Long.MAX_VALUE
                return new java.math.BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
            }
        }
        return value.toString();
    }

    /** Builds a record field by field; setting a field twice keeps its first position. */
    public static final class Builder {
        private final Map<String, String> values;

        private Builder(Map<String, String> values) {
            this.values = values;
        }

        public Builder set(String field, Object value) {
            values.put(Objects.requireNonNull(field, "field name"), text(value));
            return this;
        }

        public Builder set(AgentField field, Object value) {
            return set(field.wireName(), value);
        }

        public Builder remove(String field) {
            values.remove(field);
            return this;
        }

        public Builder agentid(Object v) { return set("agentid", v); }
        public Builder name(String v) { return set("name", v); }
        public Builder moh(String v) { return set("moh", v); }
        public Builder userfield(String v) { return set("userfield", v); }
        public Builder filter(Object v) { return set("filter", v); }
        public Builder pin(String v) { return set("pin", v); }
        public Builder username(String v) { return set("username", v); }
        public Builder password(String v) { return set("password", v); }
        public Builder phone(String v) { return set("phone", v); }
        public Builder customer(Object v) { return set("customer", v); }
        public Builder defaultStatus(String v) { return set("default_status", v); }
        public Builder agentVersion(Object v) { return set("agent_version", v); }
        public Builder lastBroadcastMsg(String v) { return set("last_broadcast_msg", v); }
        public Builder selfserveId(Object v) { return set("selfserve_id", v); }
        public Builder aod(String v) { return set("aod", v); }
        public Builder aodLock(Object v) { return set("aod_lock", v); }
        public Builder audioId(Object v) { return set("audio_id", v); }
        public Builder authLevel(String v) { return set("auth_level", v); }
        public Builder authAdmin(String v) { return set("auth_admin", v); }
        public Builder authSupervisor(String v) { return set("auth_supervisor", v); }
        public Builder authReports(String v) { return set("auth_reports", v); }

        public Agent build() {
            return new Agent(new LinkedHashMap<>(values));
        }
    }
}
