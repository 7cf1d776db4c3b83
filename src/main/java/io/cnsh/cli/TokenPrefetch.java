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
 *
 * <p>The early request never outlives its command: closing the handle waits for it (it is bounded by
 * the client's own timeouts; an interrupt of the waiting thread is passed on to it), so a command
 * that ends before it needs the token, such as one whose arguments are refused, still sends exactly
 * one token request, and nothing of the command runs on after it has returned.
 */
final class TokenPrefetch implements AutoCloseable {

    private static final TokenPrefetch NONE = new TokenPrefetch(null);

    private final Thread thread;

    private TokenPrefetch(Thread thread) {
        this.thread = thread;
    }

    /** The binding's names that reach the target (see {@code ScriptRunner.binding}). */
    private static final Set<String> TARGET_NAMES = Set.of("agents", "cn");

    /** Starts getting the token for {@code t} when {@code t} is remote and {@code code} names it. */
    static TokenPrefetch start(Target t, String code) {
        if (t.isSandbox() || code == null || !namesTarget(code)) {
            return NONE;
        }
        Thread thread = new Thread(() -> t.client().tokens().prefetch(), "cnsh-token-prefetch");
        thread.setDaemon(true);
        thread.start();
        return new TokenPrefetch(thread);
    }

    /** Waits for the early request to end; an interrupt while waiting stops it, and is kept. */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
                thread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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
