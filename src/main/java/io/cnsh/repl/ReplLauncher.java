package io.cnsh.repl;

import io.cnsh.client.ChangeGuard;
import io.cnsh.client.CnshHome;
import io.cnsh.client.Confirmer;
import io.cnsh.client.ConfigException;
import io.cnsh.model.OwnerOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jline.reader.Completer;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Starts the cnsh shell: a JLine line reader over the DSL, on a target given by the caller.
 *
 * <pre>{@code
 * int code = ReplLauncher.builder()
 *         .home(CnshHome.fromEnvironment(System.getenv()))
 *         .target(target)                  // where requests go; its client may still be opening
 *         .connector(connector)            // opens profiles and the sandbox for /connect
 *         .build()
 *         .start();                        // returns at /exit or Ctrl-D
 * }</pre>
 *
 * <p>The shell is put together in small stages, each a method here: terminal, session (printer,
 * evaluator, command table), parser, completer, highlighter, history, reader, loop. Without
 * {@link Builder#streams} it uses the system terminal (a dumb one when the input is not a
 * terminal); with it, a dumb terminal over the given streams, which is how it is embedded and
 * tested. Nothing touches the network before the first prompt: the target's client opens in the
 * background after it.
 */
public final class ReplLauncher {

    private final CnshHome home;
    private final ReplTarget target;
    private final Connector connector;
    private final String version;
    private final Path historyFile;
    private final Terminal givenTerminal;
    private final boolean closeTerminal;
    private final ChangeGuard.Options guardOptions;
    private final boolean dryRun;
    private final Confirmer pipedConfirmer;
    private final boolean streams;
    private final boolean colour;
    private final boolean interactive;
    private final boolean keepGoing;
    private final java.io.PrintWriter notices;

    private ReplLauncher(Builder b) {
        this.home = Objects.requireNonNull(b.home, "home");
        this.target = Objects.requireNonNull(b.target, "target");
        this.connector = b.connector != null ? b.connector : (name, format, password) -> {
            throw new ConfigException("this shell cannot switch targets");
        };
        this.version = b.version == null ? "cnsh" : b.version;
        this.historyFile = b.historyFile != null ? b.historyFile : home.history();
        this.givenTerminal = b.terminal;
        this.closeTerminal = b.terminal == null || b.ownsTerminal;
        this.guardOptions = b.guardOptions;
        this.dryRun = b.dryRun;
        this.pipedConfirmer = b.pipedConfirmer;
        this.streams = b.ownsTerminal;
        this.colour = b.colour;
        this.interactive = b.interactive;
        this.keepGoing = b.keepGoing;
        this.notices = b.notices;
    }

    /** A builder; home and target are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the shell until {@code /exit} or end of input (Ctrl-D), then closes the current target.
     *
     * @return the exit code: 0, or the code given to {@code /exit CODE} or a script's {@code exit}
     */
    public int start() {
        Terminal terminal = givenTerminal != null ? givenTerminal : terminal();
        try {
            ReplSession session = session(terminal);
            if (!interactive) {
                return session.piped(new java.io.BufferedReader(terminal.reader()), keepGoing);
            }
            Parser parser = parser(session);
            Completer completer = completer(session);
            Highlighter highlighter = highlighter(session);
            MaskingHistory history = history(session);
            LineReader reader = reader(terminal, parser, completer, highlighter, history);
            session.attach(reader, history);
            return session.loop();
        } finally {
            if (closeTerminal) {
                close(terminal);
            }
        }
    }

    /** The system terminal; Ctrl-C is left to the shell, which cancels rather than exits. */
    static Terminal terminal() {
        try {
            return TerminalBuilder.builder()
                    .name("cnsh")
                    .system(true)
                    .dumb(true)
                    .nativeSignals(true)
                    .signalHandler(Terminal.SignalHandler.SIG_IGN)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the process's standard input is a terminal (not a pipe or a file), as the native
     * terminal support sees it; without it, whether Java sees a console.
     */
    public static boolean inputIsTerminal() {
        for (String provider : new String[] {"jni", "ffm", "exec"}) {
            try {
                return TerminalProvider.load(provider).isSystemStream(SystemStream.Input);
            } catch (IOException | RuntimeException | LinkageError e) {
                // the next provider
            }
        }
        return System.console() != null;
    }

    /** A dumb terminal over plain streams (no cursor movement, no colours). */
    static Terminal dumbTerminal(InputStream in, OutputStream out) {
        try {
            return new DumbTerminal("cnsh", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The session: printer (paging unless the terminal is dumb), evaluator, command table. */
    ReplSession session(Terminal terminal) {
        Printer printer = new Printer(terminal, interactive && !Printer.isDumb(terminal), colour);
        ReplSession session = new ReplSession(terminal, printer, target, connector, home, version);
        session.evaluator().guardOptions(guardOptions);
        session.evaluator().dryRun(dryRun);
        if (notices != null) {
            session.pipedNotices(line -> {
                notices.println(line);
                notices.flush();
            });
        }
        if (streams || givenTerminal == null && Printer.isDumb(terminal)) {
            // the lines come from a pipe or a file: the next line must not answer the production question
            session.evaluator().pipedConfirmer(pipedConfirmer);
        }
        return session;
    }

    static Parser parser(ReplSession session) {
        return new ReplParser(session.commands().keySet());
    }

    static Completer completer(ReplSession session) {
        return new ReplCompleter(session.commands(), session.evaluator()::variableNames, session::names);
    }

    Highlighter highlighter(ReplSession session) {
        return new ReplHighlighter(session.commands().keySet(), colour);
    }

    static MaskingHistory history(ReplSession session) {
        return new MaskingHistory(session.secrets());
    }

    /** The line reader: history file, no {@code !} expansion (Groovy's {@code !=}), Tab completes. */
    LineReader reader(Terminal terminal, Parser parser, Completer completer, Highlighter highlighter,
                      MaskingHistory history) {
        ownerOnly(historyFile);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .appName("cnsh")
                .terminal(terminal)
                .parser(parser)
                .completer(completer)
                .highlighter(highlighter)
                .history(history)
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_FILE_SIZE, 5_000)
                .variable(LineReader.BLINK_MATCHING_PAREN, 0)
                .variable(LineReader.LIST_MAX, 200)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .option(LineReader.Option.HISTORY_INCREMENTAL, true)
                .option(LineReader.Option.INSERT_TAB, false);
        if (!colour) {
            // JLine's own colours: the completion list's
            for (String style : new String[] {LineReader.COMPLETION_STYLE_STARTING, LineReader.COMPLETION_STYLE_DESCRIPTION,
                LineReader.COMPLETION_STYLE_GROUP, LineReader.COMPLETION_STYLE_SELECTION, LineReader.COMPLETION_STYLE_BACKGROUND,
                LineReader.COMPLETION_STYLE_LIST_STARTING, LineReader.COMPLETION_STYLE_LIST_DESCRIPTION,
                LineReader.COMPLETION_STYLE_LIST_GROUP, LineReader.COMPLETION_STYLE_LIST_SELECTION,
                LineReader.COMPLETION_STYLE_LIST_BACKGROUND}) {
                builder.variable(style, "");
            }
        }
        return builder.build();
    }

    /** Creates the history file readable by its owner only, before JLine opens it. */
    private static void ownerOnly(Path file) {
        try {
            if (!Files.exists(file)) {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) {
                    OwnerOnlyFiles.createDirectories(dir);
                }
                OwnerOnlyFiles.createFile(file);
            }
        } catch (IOException e) {
            // JLine reports a history file it cannot write; the shell still works without it.
        }
    }

    private static void close(Terminal terminal) {
        try {
            terminal.close();
        } catch (IOException e) {
            // Leaving the shell anyway.
        }
    }

    /** Builds a {@link ReplLauncher}. */
    public static final class Builder {
        private CnshHome home;
        private ReplTarget target;
        private Connector connector;
        private String version;
        private Path historyFile;
        private Terminal terminal;
        private boolean ownsTerminal;
        private ChangeGuard.Options guardOptions = ChangeGuard.Options.NONE;
        private boolean dryRun;
        private Confirmer pipedConfirmer = Confirmer.NO_TERMINAL;
        private boolean colour = true;
        private boolean interactive = true;
        private boolean keepGoing;
        private java.io.PrintWriter notices;

        private Builder() {
        }

        /** cnsh's state directory; the history file is {@code history} in it. */
        public Builder home(CnshHome home) {
            this.home = home;
            return this;
        }

        /** Where requests go at first. */
        public Builder target(ReplTarget target) {
            this.target = target;
            return this;
        }

        /** How {@code /connect}, {@code /format} and {@code /login} open other targets. */
        public Builder connector(Connector connector) {
            this.connector = connector;
            return this;
        }

        /** The version shown in the banner, e.g. {@code cnsh 0.1.0}. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** Another history file than {@code $CNSH_HOME/history}. */
        public Builder historyFile(Path file) {
            this.historyFile = file;
            return this;
        }

        /** Reads lines from {@code in} and writes to {@code out}, as a dumb terminal, instead of the system terminal. */
        public Builder streams(InputStream in, OutputStream out) {
            this.terminal = dumbTerminal(in, out);
            this.ownsTerminal = true;
            return this;
        }

        /** A terminal built by the caller (specs use a {@link DumbTerminal} of a chosen size). */
        Builder terminal(Terminal terminal) {
            this.terminal = terminal;
            this.ownsTerminal = false;
            return this;
        }

        /** {@code --dry-run}: the shell starts as after {@code /dry-run on}. */
        public Builder dryRun(boolean on) {
            this.dryRun = on;
            return this;
        }

        /** {@code --yes} and {@code --max-changes}: each input is one command for the production guard and the cap. */
        public Builder guardOptions(ChangeGuard.Options options) {
            this.guardOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Who answers the production question when the shell reads its lines from a pipe or from
         * {@link #streams} (default: nobody, so the write is refused unless {@code --yes}); the
         * command line asks on {@code /dev/tty}.
         */
        public Builder pipedConfirmer(Confirmer confirmer) {
            this.pipedConfirmer = Objects.requireNonNull(confirmer, "confirmer");
            return this;
        }

        /** False: no colour in the highlighter, errors and pager (see {@link Colour}); default true. */
        public Builder colour(boolean colour) {
            this.colour = colour;
            return this;
        }

        /**
         * False when the lines come from a pipe or a file and nobody is typing: no banner, no prompts,
         * the first failing input ends the shell with 1 (see {@link PipedLoop}). Default true, the
         * prompting shell, also over {@link #streams}.
         */
        public Builder interactive(boolean interactive) {
            this.interactive = interactive;
            return this;
        }

        /** With {@link #interactive}(false): run every input, and end with 1 if any failed. */
        public Builder keepGoing(boolean keepGoing) {
            this.keepGoing = keepGoing;
            return this;
        }

        /**
         * The stream where a session whose lines come from a pipe or a file says the run id of its
         * journal when the first write is sent (the command line's stderr); a prompting session says
         * it on its terminal. Without it, a piped session does not say it.
         */
        public Builder notices(java.io.PrintWriter stderr) {
            this.notices = stderr;
            return this;
        }

        public ReplLauncher build() {
            return new ReplLauncher(this);
        }
    }
}
