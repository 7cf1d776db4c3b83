package io.cnsh.repl;

import java.util.List;
import org.jline.reader.Candidate;

/**
 * One row of the shell's command table: the name users type ({@code /connect}), a synopsis of its
 * arguments, a one-line description for {@code /help}, what it does, and how its arguments
 * complete.
 */
record ReplCommand(String name, String args, String description, Action action, ArgCompleter completer) {

    /** Runs the command with the text after its name (stripped, possibly empty). */
    @FunctionalInterface
    interface Action {
        void run(String args);
    }

    /** Candidates for the argument being typed, given the text after the command name up to the cursor. */
    @FunctionalInterface
    interface ArgCompleter {
        ArgCompleter NONE = before -> List.of();

        List<Candidate> complete(String before);
    }
}
