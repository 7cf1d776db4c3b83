package io.cnsh.client;

/**
 * Consulted by {@link AgentsClient} before a create or update is sent: the one point every write
 * passes, whether it comes from the DSL, a script's {@code cn.agents()}, a bulk run or Java code.
 * The gate sees the whole write (all its records) before its first batch goes out.
 *
 * <pre>{@code
 * ContactNow cn = ContactNow.builder().baseUrl(url).credentials(user, pw)
 *         .writeGate(ChangeGuard.builder().maxChanges(10).build())
 *         .build();
 * }</pre>
 *
 * <p>Contract: return {@link Verdict#SEND} to let the write go; {@link Verdict#HOLD} to keep it back
 * without failing (nothing is sent and the write answers that no record was written: the place for
 * a dry run); throw {@link WriteRefusedException} to refuse it. Pitfall: a gate is called from the
 * thread that writes, which may be a script's own thread; keep it thread-safe.
 */
@FunctionalInterface
public interface WriteGate {

    /** What becomes of a write the gate has looked at. */
    enum Verdict {
        /** Send it. */
        SEND,
        /** Send nothing, and answer as if no record needed writing. */
        HOLD
    }

    /** Lets every write through. */
    WriteGate OPEN = write -> Verdict.SEND;

    /**
     * Decides on a write before anything of it is sent.
     *
     * @throws WriteRefusedException when the write must not be sent
     */
    Verdict admit(PendingWrite write);

    /**
     * Agents a read returned, as they arrived (a journal or a dry run learns before-values from them). Default:
     * nothing. Must be quick and must not throw.
     */
    default void seen(java.util.List<io.cnsh.model.Agent> agents) {
    }

    /**
     * How a write this gate let through ended: its answer, or the failure it ended in (then
     * {@code result} is null). Default: nothing. Must not throw.
     */
    default void sent(PendingWrite write, io.cnsh.model.WriteResult result, RuntimeException failure) {
    }

    /** What a held write answers (a {@link DryRun}'s placeholder id), or null for "nothing written". */
    default io.cnsh.model.WriteResult heldResult(PendingWrite write) {
        return null;
    }

    /** True when a read must not be sent because it names what only this gate knows (a placeholder id). */
    default boolean answersLocally(AgentQuery query) {
        return false;
    }

    /**
     * True when this gate holds every write back (a {@link DryRun}, or a gate passing writes to one), so
     * that code below it starts no run and journals nothing for writes that are never sent. Default: false.
     */
    default boolean holdsWrites() {
        return false;
    }
}
