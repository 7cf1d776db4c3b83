package io.cnsh.repl;

import io.cnsh.client.AgentQuery;
import io.cnsh.client.CnshHome;
import io.cnsh.client.OwnerOnlyFiles;
import io.cnsh.client.Profiles;
import io.cnsh.dsl.DslScriptException;
import io.cnsh.dsl.ScriptExit;
import io.cnsh.model.AgentField;
import io.cnsh.model.ContactNowException;
import io.cnsh.report.Table;
import io.cnsh.wire.Format;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * One run of the shell: the current target, the evaluator and its binding, the printer, the
 * settings the commands change, the last error, and the read-evaluate-print loop. Inputs run on a
 * worker thread so that Ctrl-C can abandon them; the loop itself stays on the caller's thread.
 */
final class ReplSession {

    private static final Duration NAMES_TTL = Duration.ofSeconds(60);

    private final Terminal terminal;
    private final Printer printer;
    private final Evaluator evaluator;
    private final Connector connector;
    private final CnshHome home;
    private final String version;
    private final HelpTopics help = new HelpTopics(ReplSession.class.getClassLoader());
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

    ReplSession(Terminal terminal, Printer printer, ReplTarget target, Connector connector, CnshHome home, String version) {
        this.terminal = terminal;
        this.printer = printer;
        this.connector = connector;
        this.home = home;
        this.version = version;
        this.evaluator = new Evaluator(terminal.writer(), this::confirm, secrets);
        this.commands = commandTable();
        switchTo(target, null);
    }

    /** The command table: name, arguments, description, action, argument completion. */
    private Map<String, ReplCommand> commandTable() {
        Map<String, ReplCommand> t = new LinkedHashMap<>();
        add(t, "/help", "[TOPIC|/COMMAND]", "this help, a command's, or a DSL page (topics from dsl-docs)",
                this::help, before -> words(join(help.names(), commandNames())));
        add(t, "/connect", "PROFILE|sandbox", "send requests to a profile of $CNSH_HOME/config or the sandbox",
                this::connect, before -> words(join(profileNames(), List.of(Connector.SANDBOX))));
        add(t, "/login", "", "type the API password of the current target (not echoed, not kept)",
                args -> login(), ReplCommand.ArgCompleter.NONE);
        add(t, "/format", "json|xml", "switch the wire format of the current target",
                this::format, before -> words(List.of("json", "xml")));
        add(t, "/columns", "[default|FIELD...]", "show or choose the columns of agent tables",
                this::columns, before -> words(join(List.copyOf(AgentField.wireNames()), List.of("default"))));
        add(t, "/reveal", "on|off", "show or mask pins and passwords in output",
                this::reveal, before -> words(List.of("on", "off")));
        add(t, "/load", "FILE", "run a file of cnsh code in this session",
                this::load, FileCandidates::complete);
        add(t, "/save", "FILE", "save this session's inputs to a file (secrets masked)",
                this::save, FileCandidates::complete);
        add(t, "/history", "[N]", "the last N lines of history (all by default)",
                this::history, ReplCommand.ArgCompleter.NONE);
        add(t, "/trace", "", "the stack trace of the last error",
                args -> trace(), ReplCommand.ArgCompleter.NONE);
        add(t, "/exit", "[CODE]", "leave the shell (Ctrl-D does too)",
                this::exit, ReplCommand.ArgCompleter.NONE);
        return t;
    }

    private static void add(Map<String, ReplCommand> t, String name, String args, String description,
                            ReplCommand.Action action, ReplCommand.ArgCompleter completer) {
        t.put(name, new ReplCommand(name, args, description, action, completer));
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
            String prompt = ReplText.prompt(target.label());
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
        workers.shutdownNow();
        background.shutdownNow();
        target.close();
        return exitCode == null ? 0 : exitCode;
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

    private void run(Snippet snippet, boolean remember) {
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
            printer.error(ReplText.unknownCommand(name));
            return;
        }
        try {
            command.action().run(args);
        } catch (RuntimeException e) {
            failed(e, false);
        }
    }

    private void help(String topic) {
        if (topic.isEmpty()) {
            List<String> lines = new ArrayList<>(ReplText.helpIntro().lines().toList());
            lines.add("");
            lines.add("Commands:");
            int width = commands.values().stream().mapToInt(c -> (c.name() + " " + c.args()).length()).max().orElse(10);
            for (ReplCommand c : commands.values()) {
                String head = (c.name() + " " + c.args()).strip();
                lines.add("  " + head + " ".repeat(width - head.length() + 2) + c.description());
            }
            List<String> topics = help.names();
            if (!topics.isEmpty()) {
                lines.add("");
                lines.add("Topics (/help TOPIC): " + String.join(", ", topics));
            }
            printer.page(lines);
            return;
        }
        String key = topic.startsWith("/") ? topic : "/" + topic;
        ReplCommand c = commands.get(key);
        if (c != null && help.page(topic).isEmpty()) {
            printer.info(ReplText.usage(c.name(), c.args()));
            printer.info("  " + c.description());
            return;
        }
        help.page(topic).ifPresentOrElse(
                page -> printer.page(page.lines().toList()),
                () -> printer.error(ReplText.noTopic(topic, help.names())));
    }

    private void connect(String name) {
        if (name.isEmpty()) {
            printer.error(ReplText.usage("/connect", "PROFILE|sandbox"));
            return;
        }
        switchTo(connector.connect(name, null, null), name);
        whereLine("connected: ");
    }

    private void format(String name) {
        Format f;
        try {
            f = Format.parse(name);
        } catch (IllegalArgumentException e) {
            f = null;
        }
        if (f == null || f == Format.CSV) {
            printer.error(ReplText.usage("/format", "json|xml"));
            return;
        }
        switchTo(connector.connect(targetName, f, null), targetName);
        whereLine("connected: ");
    }

    private void login() {
        if (target.isSandbox()) {
            printer.info(ReplText.NO_LOGIN_ON_SANDBOX);
            return;
        }
        String typed;
        history.pause(true);
        try {
            typed = reader.readLine(ReplText.loginPrompt(target.label()), '*');
        } catch (UserInterruptException | EndOfFileException e) {
            typed = "";
        } finally {
            history.pause(false);
        }
        if (typed.isEmpty()) {
            printer.info(ReplText.LOGIN_EMPTY);
            return;
        }
        char[] password = typed.toCharArray();
        try {
            switchTo(connector.connect(targetName, target.format(), password), targetName);
        } finally {
            Arrays.fill(password, '\0');
        }
        whereLine("connected: ");
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

    private void columns(String args) {
        if (args.isEmpty()) {
            printer.info(ReplText.columns(columns));
            return;
        }
        if (args.equals("default")) {
            columns = Table.DEFAULT_COLUMNS;
            printer.info(ReplText.columns(columns));
            return;
        }
        List<String> chosen = Arrays.asList(args.split("[\\s,]+"));
        for (String c : chosen) {
            if (!AgentField.wireNames().contains(c)) {
                printer.error(ReplText.unknownColumn(c));
                return;
            }
        }
        columns = List.copyOf(chosen);
        printer.info(ReplText.columns(columns));
    }

    private void reveal(String args) {
        if (!args.equals("on") && !args.equals("off")) {
            printer.error(ReplText.usage("/reveal", "on|off"));
            return;
        }
        reveal = args.equals("on");
        evaluator.reveal(reveal);
        if (reveal) {
            printer.warning(ReplText.revealed(true));
        } else {
            printer.info(ReplText.revealed(false));
        }
    }

    private void load(String file) {
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
        run(Snippet.of(text), false);
    }

    private void save(String file) {
        if (file.isEmpty()) {
            printer.error(ReplText.usage("/save", "FILE"));
            return;
        }
        StringBuilder text = new StringBuilder();
        entered.forEach(l -> text.append(secrets.mask(l)).append('\n'));
        try {
            Files.writeString(Path.of(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            printer.error("cannot write " + file + ": " + e.getMessage());
            return;
        }
        printer.info(ReplText.saved(entered.size(), file));
    }

    private void history(String args) {
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
        for (History.Entry e : history) {
            lines.add(String.format("%5d  %s", e.index() + 1, e.line().replace("\n", "\n       ")));
        }
        printer.page(lines.subList(Math.max(0, lines.size() - last), lines.size()));
    }

    private void trace() {
        if (lastError == null) {
            printer.info(ReplText.NO_TRACE);
            return;
        }
        StringWriter text = new StringWriter();
        lastError.printStackTrace(new PrintWriter(text));
        // a compile error quotes the user's source line, which may hold a pin
        printer.page(text.toString().lines().map(secrets::mask).toList());
    }

    private void exit(String args) {
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
        exitCode = code;
    }

    /** Asks a yes/no question on the terminal; only {@code y} or {@code yes} goes ahead. */
    private boolean confirm(String question) {
        history.pause(true);
        try {
            String answer = reader.readLine(question);
            return answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes");
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        } finally {
            history.pause(false);
        }
    }

    private List<String> profileNames() {
        try {
            return List.copyOf(Profiles.load(home).names());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private List<String> commandNames() {
        return commands.keySet().stream().map(n -> n.substring(1)).toList();
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<Candidate> words(List<String> words) {
        return words.stream().map(w -> new Candidate(w, w, null, null, null, null, true)).toList();
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
