package io.cnsh.bulk;

import io.cnsh.model.Secrets;

/**
 * One field a plan changes: its value now and the value asked for. {@link #toString()} and
 * {@link #describe()} mask secret fields (pin, password), so a change can be printed or logged.
 *
 * @param field  the wire name, e.g. {@code auth_level}
 * @param before the live value ({@code null} when the agent does not have it or is new)
 * @param after  the value to set
 */
public record FieldChange(String field, String before, String after) {

    /** True when the field holds a secret and its values are never shown. */
    public boolean secret() {
        return Secrets.isSecretName(field);
    }

    /** The value as a plan shows it: quoted, {@code ****} for a secret, {@code (none)} for null. */
    public String shownBefore() {
        return show(before, secret());
    }

    /** The new value as a plan shows it. */
    public String shownAfter() {
        return show(after, secret());
    }

    /** {@code name 'Joe' -> 'Joe Bloggs'}, secrets masked. */
    public String describe() {
        return field + " " + shownBefore() + " -> " + shownAfter();
    }

    static String show(String value, boolean secret) {
        if (value == null) {
            return "(none)";
        }
        if (value.isEmpty()) {
            return "''";
        }
        if (secret) {
            return Secrets.MASK;
        }
        return "'" + value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("'", "\\'") + "'";
    }

    @Override
    public String toString() {
        return describe();
    }
}
