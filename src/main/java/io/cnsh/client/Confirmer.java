package io.cnsh.client;

/**
 * Puts a yes/no question to the person at the terminal, for the production guard
 * ({@link ChangeGuard}). The command line reads the answer from {@code /dev/tty}, never from piped
 * input; the shell reads it with its line reader; specs answer for the user.
 */
@FunctionalInterface
public interface Confirmer {

    /** What came of a question. */
    enum Answer { YES, NO, NO_TERMINAL }

    /** There is nobody to ask: every question is answered {@link Answer#NO_TERMINAL}. */
    Confirmer NO_TERMINAL = question -> Answer.NO_TERMINAL;

    /** Asks the question (it ends with {@code [y/N] }) and waits for the answer. */
    Answer ask(String question);

    /** True for the answers that mean yes: {@code y} or {@code yes}, in any case, spaces around ignored. */
    static boolean isYes(String line) {
        String a = line == null ? "" : line.strip();
        return a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes");
    }
}
