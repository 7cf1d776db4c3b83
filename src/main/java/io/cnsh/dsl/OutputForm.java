package io.cnsh.dsl;

import java.util.Locale;

/**
 * How {@code cnsh -e} prints its value ({@code --output}): {@link #TABLE} for people, the others
 * for programs. See {@link Output}.
 */
public enum OutputForm {
    /** Today's table and count for agents, the text of anything else (also what no {@code -o} prints). */
    TABLE,
    /** One JSON document: agents in the API's record shape, other values as JSON. */
    JSON,
    /** RFC 4180 CSV with a header row: for agents the wire field names. */
    CSV,
    /** Tab-separated with a header row, no quoting: tab, line break and backslash escaped. */
    TSV,
    /** The bare values: no header, one value or one agent per line. */
    VALUES;

    /** The name given to {@code --output}: {@code json}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
