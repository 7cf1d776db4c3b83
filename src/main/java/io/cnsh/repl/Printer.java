package io.cnsh.repl;

import io.cnsh.dsl.AgentList;
import io.cnsh.dsl.Show;
import io.cnsh.dsl.WriteSummary;
import io.cnsh.model.Agent;
import io.cnsh.report.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;

/**
 * Shows values, notes and errors on the terminal. An {@link AgentList} (or any list of agents) is a
 * table fitted to the terminal's width with a count line; a write is one line; other values are
 * their Groovy text. Output taller than the screen goes through a {@code -- more --} pager, which
 * is off on a dumb terminal. Errors are one red line.
 */
final class Printer {

    private final Terminal terminal;
    private final boolean paging;
    private final boolean colour;
    private int errors;
    private volatile java.util.function.Consumer<String> diagnostics;
    private volatile int firstLine;
    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("line (\\d{1,9}): (.*)");

    /**
     * @param paging whether tall output stops at each screenful; callers pass false for a dumb terminal
     */
    Printer(Terminal terminal, boolean paging) {
        this(terminal, paging, true);
    }

    /** @param colour false: plain text even on a terminal that shows colour (see {@link Colour}) */
    Printer(Terminal terminal, boolean paging, boolean colour) {
        this.terminal = terminal;
        this.paging = paging;
        this.colour = colour;
    }

    /**
     * Where errors, warnings and alerts go instead of the terminal: a piped session's stderr, so that its
     * stdout holds values only. Plain text, one line each.
     */
    void diagnosticsTo(java.util.function.Consumer<String> sink) {
        this.diagnostics = sink;
    }

    /**
     * From now on, each error names a line of a piped session's input: {@code line 7: …} for an input that
     * starts on line 7, and an error that already names a line of a multi-line input ({@code line 2: …}) names
     * it in the whole input ({@code line 8: …}). 0: errors name no line.
     */
    void errorsFromLine(int line) {
        this.firstLine = line;
    }

    private String located(String line) {
        int first = firstLine;
        if (first <= 0) {
            return line;
        }
        java.util.regex.Matcher m = LINE.matcher(line);
        return m.matches() ? "line " + (first + Long.parseLong(m.group(1)) - 1) + ": " + m.group(2)
                : "line " + first + ": " + line;
    }

    /** How many errors this printer has shown. */
    int errors() {
        return errors;
    }

    /** True for terminals that cannot move the cursor: pipes, IDE consoles, {@code TERM=dumb}. */
    static boolean isDumb(Terminal terminal) {
        String type = terminal.getType();
        return type == null || type.startsWith(Terminal.TYPE_DUMB);
    }

    /**
     * The lines that show a value, fitted to {@code width} (0: no limit).
     *
     * @param created true when the value is the agentid from the create of one agent
     */
    static List<String> render(Object value, int width, List<String> columns, boolean reveal, boolean created) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof AgentList || value instanceof Agent) {
            return Show.lines(value, width, reveal, columns);
        }
        if (value instanceof WriteSummary) {
            return List.of(value.toString());
        }
        if (created && value instanceof Long) {
            return List.of(ReplText.createdAgent(value));
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Agent.class::isInstance)) {
            List<Agent> agents = new ArrayList<>();
            list.forEach(a -> agents.add((Agent) a));
            List<String> out = new ArrayList<>(Table.of(columns, width, reveal).render(agents));
            out.add(agents.size() + " agent" + (agents.size() == 1 ? "" : "s"));
            return out;
        }
        String text = value instanceof CharSequence ? value.toString() : InvokerHelper.toString(value);
        return text.lines().toList();
    }

    /** Shows a value, paging it when it is taller than the screen. */
    void value(Object value, List<String> columns, boolean reveal, boolean created) {
        int width = Math.max(0, terminal.getWidth());
        page(render(value, width, columns, reveal, created));
    }

    /** Prints lines, one screenful at a time when paging is on and they do not fit. */
    void page(List<String> lines) {
        PrintWriter w = terminal.writer();
        int height = terminal.getHeight();
        if (!paging || height < 3 || lines.size() < height) {
            lines.forEach(w::println);
            w.flush();
            return;
        }
        int i = 0;
        int stop = height - 1;
        while (i < lines.size()) {
            while (i < lines.size() && i < stop) {
                w.println(lines.get(i++));
            }
            if (i >= lines.size()) {
                break;
            }
            int key = ask(styled(ReplText.MORE, AttributedStyle.INVERSE));
            if (key == ' ') {
                stop = i + height - 1;
            } else if (key == '\r' || key == '\n' || key == 'j') {
                stop = i + 1;
            } else {
                break;
            }
        }
        w.flush();
    }

    /** A note, such as {@code cancelled}. */
    void info(String text) {
        terminal.writer().println(text);
        terminal.writer().flush();
    }

    /** A warning, in bold yellow. */
    void warning(String text) {
        diagnostic(text, AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW));
    }

    /** A line in bold red, for production banners. */
    void alert(String text) {
        diagnostic(text, AttributedStyle.BOLD.foreground(AttributedStyle.RED));
    }

    /** An error: one red line. */
    void error(String text) {
        errors++;
        String line = text == null || text.isBlank() ? "error" : text.strip().lines().findFirst().orElse("error");
        diagnostic(located(line), AttributedStyle.DEFAULT.foreground(AttributedStyle.RED));
    }

    private void diagnostic(String text, AttributedStyle style) {
        java.util.function.Consumer<String> sink = diagnostics;
        if (sink != null) {
            terminal.writer().flush();
            sink.accept(text);
            return;
        }
        terminal.writer().println(styled(text, style));
        terminal.writer().flush();
    }

    /** Text as the terminal shows it: ANSI colours on a capable terminal, plain elsewhere or with colour off. */
    String styled(String text, AttributedStyle style) {
        return colour ? new AttributedString(text, style).toAnsi(terminal) : text;
    }

    /** Shows the pager's prompt, reads one key without echo, then erases the prompt. */
    private int ask(String prompt) {
        PrintWriter w = terminal.writer();
        w.print(prompt);
        w.flush();
        Attributes saved = terminal.enterRawMode();
        try {
            Attributes raw = terminal.getAttributes();
            raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
            terminal.setAttributes(raw);
            return terminal.reader().read();
        } catch (IOException e) {
            return 'q';
        } finally {
            terminal.setAttributes(saved);
            terminal.puts(InfoCmp.Capability.carriage_return);
            terminal.puts(InfoCmp.Capability.clr_eol);
            w.flush();
        }
    }
}
