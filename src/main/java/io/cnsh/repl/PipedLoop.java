package io.cnsh.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The shell's loop when its input is a pipe or a file: no banner, no prompts; lines are gathered
 * until an input is complete (a {@code /command}, or code with every block closed), then run.
 * The first input that fails ends the loop with its code (1, or 2 for a write the production
 * guard refused) unless {@code --keep-going}, which runs on and ends with 1 (or 2) at the end. An
 * input still open at the end of the input is an error naming the line it started on, and so is
 * every error: {@code line 7: unknown verb ...}.
 */
final class PipedLoop {

    private final ReplSession session;
    private final boolean keepGoing;

    PipedLoop(ReplSession session, boolean keepGoing) {
        this.session = session;
        this.keepGoing = keepGoing;
    }

    /** Reads and runs inputs until the end of {@code in}, {@code /exit} or a failure; returns the exit code. */
    int run(BufferedReader in) {
        StringBuilder pending = new StringBuilder();
        int lineNo = 0;
        int startLine = 0;
        int worst = 0;
        while (!session.ended()) {
            String line = read(in);
            if (line == null) {
                break;
            }
            lineNo++;
            if (pending.isEmpty()) {
                if (line.isBlank()) {
                    continue;
                }
                startLine = lineNo;
            } else {
                pending.append('\n');
            }
            pending.append(line);
            String input = pending.toString();
            if (!ReplParser.isCommand(input, session.commands().keySet()) && Snippet.of(input).isIncomplete()) {
                continue;
            }
            pending.setLength(0);
            int code = runOne(input, startLine);
            if (code != 0) {
                worst = Math.max(worst, code);
                if (!keepGoing) {
                    return code;
                }
            }
        }
        if (!session.ended() && !pending.isEmpty()) {
            session.printer().error(ReplText.unclosedAtEnd(startLine, firstLine(pending)));
            return 1;
        }
        return worst;
    }

    /** Runs one input; its errors name the line of the input it starts on ({@code line 7: ...}). */
    private int runOne(String input, int startLine) {
        int errorsBefore = session.printer().errors();
        session.printer().errorsFromLine(startLine);
        try {
            session.handle(input);
        } finally {
            session.printer().errorsFromLine(0);
        }
        int code = session.takeFailure();
        return code == 0 && session.printer().errors() > errorsBefore ? 1 : code;
    }

    private static String read(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input: " + e.getMessage(), e);
        }
    }

    private static String firstLine(CharSequence input) {
        String first = input.toString().lines().findFirst().orElse("").strip();
        return first.length() > 40 ? first.substring(0, 39) + "…" : first;
    }
}
