package io.cnsh.repl;

import io.cnsh.dsl.DslException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * What the shell's {@code agents} resource is told before each write: on a production account a
 * write of more than {@link #CONFIRM_ABOVE} agents asks first, and a refusal stops it before
 * anything is sent. It also counts the writes of the current input, so that the value of a lone
 * create can be shown as {@code created agent N}.
 */
final class WriteGuard implements BiConsumer<String, Integer> {

    /** Writes of more agents than this ask first on a production account. */
    static final int CONFIRM_ABOVE = 25;

    private final boolean production;
    private final String targetLabel;
    private final Predicate<String> confirm;
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger singleCreates = new AtomicInteger();

    /**
     * @param confirm asked a yes/no question; true goes ahead
     */
    WriteGuard(boolean production, String targetLabel, Predicate<String> confirm) {
        this.production = production;
        this.targetLabel = targetLabel;
        this.confirm = confirm;
    }

    @Override
    public void accept(String verb, Integer count) {
        if (production && count > CONFIRM_ABOVE
                && !confirm.test(ReplText.confirmLargeWrite(verb, count, targetLabel))) {
            throw new DslException(ReplText.largeWriteDeclined(verb, count));
        }
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
