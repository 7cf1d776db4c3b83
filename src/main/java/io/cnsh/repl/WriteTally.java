package io.cnsh.repl;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * What the shell's {@code agents} resource is told before each write: it counts the writes of the
 * current input, so that the value of a lone create can be shown as {@code created agent N}. The
 * production guard is not here: it sits in the client ({@link io.cnsh.client.ChangeGuard}), where
 * every write passes.
 */
final class WriteTally implements BiConsumer<String, Integer> {

    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger singleCreates = new AtomicInteger();

    @Override
    public void accept(String verb, Integer count) {
        writes.incrementAndGet();
        if (verb.equals("create") && count == 1) {
            singleCreates.incrementAndGet();
        }
    }

    /** Forgets the writes counted so far; called before each input. */
    void startInput() {
        writes.set(0);
        singleCreates.set(0);
    }

    /** How many writes the current input made. */
    int writes() {
        return writes.get();
    }

    /** True when the current input made exactly one write, the create of one agent. */
    boolean onlyOneCreate() {
        return writes.get() == 1 && singleCreates.get() == 1;
    }
}
