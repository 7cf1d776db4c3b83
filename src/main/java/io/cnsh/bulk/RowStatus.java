package io.cnsh.bulk;

import java.util.Locale;

/** How a row of a bulk run ended, as the results CSV and the journal say it. */
public enum RowStatus {
    /** The agent was changed. */
    UPDATED,
    /** A new agent was created. */
    CREATED,
    /** Nothing to change: the agent already had the values. */
    UNCHANGED,
    /** Left alone on purpose (existing username in a create without updating). */
    SKIPPED,
    /** Not applied because the row has a problem (only with skip-invalid). */
    INVALID,
    /** Sent, and refused by the API (or its outcome could not be settled); a resume tries it again. */
    FAILED,
    /** Not done yet: the run stopped before it; a resume applies it. */
    PENDING;

    /** The lower-case word used in files, e.g. {@code updated}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a resume leaves the row alone. */
    public boolean done() {
        return this != FAILED && this != PENDING;
    }

    /** The status for its label. */
    public static RowStatus parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
