package io.cnsh.cli;

import io.cnsh.dsl.GroovyScanner;
import io.cnsh.dsl.GroovyToken;
import java.util.Set;

/**
 * For {@code -e} and {@code run} against a remote target: gets the token on a background thread
 * while the script compiles, so the first request does not wait for it afterwards (and Feign and
 * Jackson are warmed up by the way). Only when the code names the target ({@code agents} or
 * {@code cn} as a name in it, read by {@link GroovyScanner}): code that does not, such as
 * {@code -e 1}, sends no token request at all. The token comes from the cache when it holds one.
 * A failure of the early request is thrown by the script's first use of the target, with the
 * message and exit code it has without the early request ({@code TokenManager.prefetch}); a script
 * that names the target but never uses it does not see it.
 */
final class TokenPrefetch {

    /** The binding's names that reach the target (see {@code ScriptRunner.binding}). */
    private static final Set<String> TARGET_NAMES = Set.of("agents", "cn");

    private TokenPrefetch() {
    }

    /** Starts getting the token for {@code t} when {@code t} is remote and {@code code} names it. */
    static void start(Target t, String code) {
        if (t.isSandbox() || code == null || !namesTarget(code)) {
            return;
        }
        Thread thread = new Thread(() -> t.client().tokens().prefetch(), "cnsh-token-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether {@code code} has {@code agents} or {@code cn} as a name outside strings and comments. */
    static boolean namesTarget(String code) {
        for (GroovyToken token : GroovyScanner.scan(code)) {
            if (token.kind() == GroovyToken.Kind.IDENTIFIER && TARGET_NAMES.contains(token.text(code))) {
                return true;
            }
        }
        return false;
    }
}
