package io.cnsh.repl;

import io.cnsh.client.AgentQuery;
import io.cnsh.client.CnshHome;
import io.cnsh.dsl.DslScriptException;
import io.cnsh.dsl.ScriptExit;
import io.cnsh.model.ContactNowException;
import io.cnsh.model.OwnerOnlyFiles;
import io.cnsh.report.Table;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * One run of the shell: the current target, the evaluator and its binding, the printer, the
 * settings the commands change, the last error, and the read-evaluate-print loop. Inputs run on a
 * worker thread so that Ctrl-C can abandon them; the loop itself stays on the caller's thread. A
 * line that is a command goes to its handler in the table of {@link ReplCommands}.
 */
final class ReplSession {

    private static final Duration NAMES_TTL = Duration.ofSeconds(60);

    private final Terminal terminal;
    private final Printer printer;
    private final Evaluator evaluator;
    private final String version;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("cnsh-eval"));
    private final ExecutorService background = Executors.newFixedThreadPool(2, daemon("cnsh-background"));
    private final List<String> entered = new ArrayList<>();
    private final SessionSecrets secrets = new SessionSecrets();
    private final Map<String, ReplCommand> commands;
    private LineReader reader;
    private MaskingHistory history;
    private volatile ReplTarget target;
    private volatile LiveNames names;
    private String targetName;
    private List<String> columns = Table.DEFAULT_COLUMNS;
    private boolean reveal;
    private Throwable lastError;
    private Integer exitCode;
    private int failure;
    private volatile boolean pipedInput;
    private volatile java.util.function.Consumer<String> pipedNotices;

    ReplSession(Terminal terminal, Printer printer, ReplTarget target, Connector connector, CnshHome home, String version) {
        this.terminal = terminal;
        this.printer = printer;
        this.version = version;
        this.evaluator = new Evaluator(terminal.writer(), this::confirm, secrets);
        // the run id is said on the terminal of a prompting session; a piped session's output stays values only
        evaluator.journalTo(io.cnsh.bulk.RunStore.of(home), line -> {
            if (!pipedInput) {
                printer.info(line);
            } else if (pipedNotices != null) {
                pipedNotices.accept(line);
            }
        });
        this.commands = ReplCommands.table(this, connector, home);
        switchTo(target, null);
    }

    Map<String, ReplCommand> commands() {
        return commands;
    }

    Evaluator evaluator() {
        return evaluator;
    }

    /** The secret values this session has sent, for the history to mask. */
    SessionSecrets secrets() {
        return secrets;
    }

    /** The live names of the current target, for completion. */
    LiveNames.Snapshot names() {
        return names.snapshot();
    }

    /** Where a piped session says the run id of its journal (the launcher's stderr); without it, nowhere. */
    void pipedNotices(java.util.function.Consumer<String> notices) {
        this.pipedNotices = notices;
    }

    /** Gives the session its reader, once the stages that need the command table are built. */
    void attach(LineReader reader, MaskingHistory history) {
        this.reader = reader;
        this.history = history;
    }

    /** Reads, evaluates and prints until {@code /exit} or end of input; returns the exit code. */
    int loop() {
        banner();
        background.execute(this::warmUp);
        while (exitCode == null) {
            String line;
            String prompt = ReplText.prompt(target.label(), evaluator.dryRun());
            reader.setVariable(LineReader.SECONDARY_PROMPT_PATTERN, ReplText.continuation(prompt));
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (!line.isBlank()) {
                handle(line);
            }
        }
        return finish();
    }

    /**
     * Runs the inputs of a pipe or file with no banner and no prompts (see {@link PipedLoop});
     * returns the exit code.
     */
    int piped(java.io.BufferedReader in, boolean keepGoing) {
        pipedInput = true;
        if (pipedNotices != null) {
            // stdout holds the values; errors and warnings go where the run id goes, the command's stderr
            printer.diagnosticsTo(pipedNotices);
        }
        background.execute(this::warmUp);
        int code = new PipedLoop(this, keepGoing).run(in);
        if (exitCode == null) {
            exitCode = code;
        }
        return finish();
    }

    private int finish() {
        workers.shutdownNow();
        background.shutdownNow();
        evaluator.closeJournal();
        target.close();
        return exitCode == null ? 0 : exitCode;
    }

    /** Whether {@code /exit} or a script's {@code exit} has ended the session. */
    boolean ended() {
        return exitCode != null;
    }

    /**
     * The exit code an input that failed since the last call asks for (2 for a write the guard
     * refused, else 1), or 0 when none failed; clears it.
     */
    int takeFailure() {
        int f = failure;
        failure = 0;
        return f;
    }

    /** Runs one input: a command or code. */
    void handle(String line) {
        if (ReplParser.isCommand(line, commands.keySet())) {
            command(line.strip());
        } else {
            run(Snippet.of(line), true);
        }
    }

    private void banner() {
        printer.info(ReplText.bannerTitle(version));
        whereLine("");
        printer.info(ReplText.BANNER_HINTS);
    }

    private void whereLine(String prefix) {
        String where = prefix + ReplText.bannerWhere(target);
        if (target.isProduction()) {
            printer.alert(where);
        } else {
            printer.info(where);
        }
    }

    /** After the first prompt: open the target and read the names for completion, and load Groovy, side by side. */
    private void warmUp() {
        target.openInBackground();
        names.refreshInBackground();
        try {
            Evaluator.warmUp();
        } catch (RuntimeException e) {
            // Only a head start for the first input; that input reports any real problem.
        }
    }

    /** Evaluates code on a worker thread that Ctrl-C abandons, and prints its value or error. */
    void run(Snippet snippet, boolean remember) {
        FutureTask<Evaluator.Result> work = new FutureTask<>(() -> evaluator.evaluate(snippet));
        // Ctrl-C is heard before the work starts, so no request can be in flight without it.
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> work.cancel(true));
        try {
            workers.execute(work);
            Evaluator.Result result = work.get();
            if (remember) {
                entered.add(snippet.input());
            }
            if (result.writes() > 0) {
                names.invalidate();
            }
            printer.value(result.value(), columns, reveal, result.onlyOneCreate());
        } catch (CancellationException e) {
            printer.info(ReplText.CANCELLED);
        } catch (ExecutionException e) {
            failed(e.getCause(), snippet.input().contains("\n"));
        } catch (InterruptedException e) {
            work.cancel(true);
            Thread.currentThread().interrupt();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            maskHistoryAgain();
        }
    }

    /** After an input that sent a secret value typed on an earlier line, masks that line in the history too. */
    private void maskHistoryAgain() {
        if (history == null) {
            return;
        }
        try {
            history.catchUp();
        } catch (IOException e) {
            printer.error(ReplText.historyNotMasked(history.file(), OwnerOnlyFiles.reason(e)));
        }
    }

    private void failed(Throwable t, boolean multiline) {
        if (t instanceof ScriptExit exit) {
            if (exit.problem() != null) {
                printer.error(exit.problem());
            }
            exitCode = exit.code();
            return;
        }
        if (t instanceof CancellationException) {
            printer.info(ReplText.CANCELLED);
            return;
        }
        lastError = t;
        failure = io.cnsh.client.WriteRefusedException.in(t).isPresent() ? 2 : 1;
        printer.error(secrets.mask(describe(t, multiline)));
    }

    /** An error in one line: the message without the input's name, with the line number for several lines. */
    static String describe(Throwable t, boolean multiline) {
        if (t instanceof DslScriptException d) {
            String prefix = d.file() == null ? "" : d.file() + (d.line() > 0 ? ":" + d.line() : "") + ": ";
            String text = d.getMessage().startsWith(prefix) ? d.getMessage().substring(prefix.length()) : d.getMessage();
            return multiline && d.line() > 0 ? "line " + d.line() + ": " + text : text;
        }
        if (t instanceof ContactNowException) {
            return t.getMessage();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private void command(String line) {
        int space = line.indexOf(' ');
        String name = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String args = space < 0 ? "" : line.substring(space + 1).strip();
        ReplCommand command = commands.get(name);
        if (command == null) {
            failure = 1;
            printer.error(ReplText.unknownCommand(name));
            return;
        }
        try {
            command.action().run(args);
        } catch (RuntimeException e) {
            failed(e, false);
        }
    }

    private void switchTo(ReplTarget next, String name) {
        ReplTarget old = target;
        target = next;
        targetName = name;
        evaluator.use(next);
        names = new LiveNames(() -> next.client().agents().readAll(AgentQuery.all()), background,
                Clock.systemUTC(), NAMES_TTL);
        if (old != null && old != next) {
            old.close();
            next.openInBackground();
            names.refreshInBackground();
        }
    }

    /** Asks a yes/no question on the terminal; only {@code y} or {@code yes} goes ahead. */
    private boolean confirm(String question) {
        String answer = ask(question, null).strip();
        return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
    }

    /**
     * Reads one answer on the terminal, kept out of the history; {@code mask} hides what is typed
     * ({@code null}: shown). Ctrl-C or end of input answer nothing.
     */
    String ask(String prompt, Character mask) {
        history.pause(true);
        try {
            return mask == null ? reader.readLine(prompt) : reader.readLine(prompt, mask);
        } catch (UserInterruptException | EndOfFileException e) {
            return "";
        } finally {
            history.pause(false);
        }
    }

    // ---- what the commands read and change (ReplCommands) -------------------------------------

    Printer printer() {
        return printer;
    }

    ReplTarget target() {
        return target;
    }

    /** The profile the current target was opened from; {@code null} for the one the shell started with. */
    String targetName() {
        return targetName;
    }

    /** Makes {@code next} the current target and says where requests go now. */
    void connected(ReplTarget next, String name) {
        switchTo(next, name);
        whereLine("connected: ");
    }

    List<String> columns() {
        return columns;
    }

    void columns(List<String> chosen) {
        columns = chosen;
    }

    void reveal(boolean on) {
        reveal = on;
        evaluator.reveal(on);
    }

    /** The inputs typed in this session, in order (not those run by {@code /load}). */
    List<String> entered() {
        return List.copyOf(entered);
    }

    MaskingHistory history() {
        return history;
    }

    Throwable lastError() {
        return lastError;
    }

    /** Ends the loop after the current input, with this exit code. */
    void exit(int code) {
        exitCode = code;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
