package io.cnsh.repl;

import java.util.Map;

/**
 * The one decision whether cnsh colours its output: not when {@code NO_COLOR} is set to anything
 * but the empty string (no-color.org), nor when {@code TERM} is {@code dumb}. The command line
 * makes it once and hands it to picocli's help and to the shell (highlighter, errors, pager).
 */
public final class Colour {

    private Colour() {
    }

    /** Whether colour is allowed by this environment; a terminal that cannot show it still gets none. */
    public static boolean allowed(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        return !"dumb".equals(env.get("TERM"));
    }
}
