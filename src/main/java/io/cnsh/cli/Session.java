package io.cnsh.cli;

import io.cnsh.client.ContactNow;
import java.io.PrintWriter;
import java.util.Map;

/**
 * An open connection to the default target, for JShell and embedding: resolves the target the way
 * the command line does ({@code CNSH_PROFILE}, {@code CNSH_BASE_URL}, else the embedded sandbox)
 * and closes it (stopping an in-process sandbox) on {@link #close()}.
 *
 * <pre>{@code
 * try (Session s = Session.open()) {
 *     s.client().agents().read(AgentQuery.all().limit(5));
 * }
 * }</pre>
 */
public final class Session implements AutoCloseable {

    private final Target target;

    private Session(Target target) {
        this.target = target;
    }

    /** Opens the default target from the process environment. */
    public static Session open() {
        return open(System.getenv());
    }

    /** Opens the default target from the given environment variables. */
    public static Session open(Map<String, String> env) {
        return new Session(Target.open(new TargetOptions(), env, new PrintWriter(System.err, true)));
    }

    /** The client for the target. */
    public ContactNow client() {
        return target.client();
    }

    /** {@code sandbox}, a profile name, or a host. */
    public String label() {
        return target.label();
    }

    @Override
    public void close() {
        target.close();
    }
}
