package io.cnsh.bulk;

/** What a plan does with one CSV row. */
public enum RowAction {
    /** Change some fields of an existing agent. */
    UPDATE('~'),
    /** Create a new agent. */
    CREATE('+'),
    /** The agent already has every value the row asks for. */
    UNCHANGED('='),
    /** The row is left alone on purpose (its username exists and updating it was not asked for). */
    SKIP('-'),
    /** The row cannot be applied: unknown key, ambiguous username, bad value, repeated agent. */
    INVALID('!'),
    /** A desired-state row whose agent does not exist (drift only). */
    MISSING('+');

    private final char mark;

    RowAction(char mark) {
        this.mark = mark;
    }

    /** The one-character mark of plan lines: {@code ~ + = - !}. */
    public char mark() {
        return mark;
    }

    /** True for the actions that send something. */
    public boolean sends() {
        return this == UPDATE || this == CREATE;
    }
}
