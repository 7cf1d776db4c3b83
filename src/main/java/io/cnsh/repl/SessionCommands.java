package io.cnsh.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.History;

/**
 * The commands about the session's own inputs, errors and end: {@code /load} a file of code,
 * {@code /save} the inputs (secrets masked), {@code /history}, {@code /trace} of the last error,
 * {@code /exit}.
 */
final class SessionCommands {

    private final ReplSession session;
    private final Printer printer;

    SessionCommands(ReplSession session) {
        this.session = session;
        this.printer = session.printer();
    }

    void load(String file) {
        if (file.isEmpty()) {
            printer.error(ReplText.usage("/load", "FILE"));
            return;
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            printer.error("cannot read " + file + ": " + e.getMessage());
            return;
        }
        session.run(Snippet.of(text), false);
    }

    void save(String file) {
        if (file.isEmpty()) {
            printer.error(ReplText.usage("/save", "FILE"));
            return;
        }
        List<String> entered = session.entered();
        StringBuilder text = new StringBuilder();
        entered.forEach(l -> text.append(session.secrets().mask(l)).append('\n'));
        try {
            Files.writeString(Path.of(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            printer.error("cannot write " + file + ": " + e.getMessage());
            return;
        }
        printer.info(ReplText.saved(entered.size(), file));
    }

    void history(String args) {
        int last = Integer.MAX_VALUE;
        if (!args.isEmpty()) {
            try {
                last = Integer.parseInt(args);
            } catch (NumberFormatException e) {
                printer.error(ReplText.usage("/history", "[N]"));
                return;
            }
        }
        List<String> lines = new ArrayList<>();
        for (History.Entry e : session.history()) {
            lines.add(String.format("%5d  %s", e.index() + 1, e.line().replace("\n", "\n       ")));
        }
        printer.page(lines.subList(Math.max(0, lines.size() - last), lines.size()));
    }

    void trace() {
        Throwable error = session.lastError();
        if (error == null) {
            printer.info(ReplText.NO_TRACE);
            return;
        }
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        // a compile error quotes the user's source line, which may hold a pin
        printer.page(text.toString().lines().map(session.secrets()::mask).toList());
    }

    void dryRun(String args) {
        if (!args.equals("on") && !args.equals("off")) {
            printer.error(ReplText.usage("/dry-run", "on|off"));
            return;
        }
        session.evaluator().dryRun(args.equals("on"));
        printer.info(ReplText.dryRun(args.equals("on")));
    }

    void exit(String args) {
        int code;
        try {
            code = args.isEmpty() ? 0 : Integer.parseInt(args);
        } catch (NumberFormatException e) {
            printer.error(ReplText.usage("/exit", "[CODE]"));
            return;
        }
        if (code < 0 || code > 255) {
            printer.error(ReplText.exitRange(args));
            return;
        }
        session.exit(code);
    }
}
