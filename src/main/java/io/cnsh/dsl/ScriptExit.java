package io.cnsh.dsl;

/** Ends a script early with an exit code ({@code exit 4} in a script, or {@code --help}). */
public final class ScriptExit extends RuntimeException {

    private final int code;

    public ScriptExit(int code) {
        super("exit " + code, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
