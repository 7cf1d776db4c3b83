package io.cnsh.dsl;

import io.cnsh.model.ContactNowException;

/**
 * A script or DSL line failed: the message starts with {@code file:line:} (the user's own line)
 * and says what went wrong in one line. The original failure is the cause, for {@code --trace}.
 */
public class DslScriptException extends ContactNowException {

    private final String file;
    private final int line;

    public DslScriptException(String file, int line, String message, Throwable cause) {
        super((file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ") + message, cause);
        this.file = file;
        this.line = line;
    }

    /** The script's name, e.g. {@code bulk.groovy} or {@code -e}. */
    public String file() {
        return file;
    }

    /** The user's line, or 0 when unknown. */
    public int line() {
        return line;
    }
}
