package io.cnsh.cli;

import io.cnsh.client.CnshHome;
import io.cnsh.client.Confirmer;
import io.cnsh.client.ContactNow;
import io.cnsh.client.PartialFailureException;
import io.cnsh.client.WriteRefusedException;
import io.cnsh.dsl.SecretMasker;
import io.cnsh.model.ContactNowException;
import io.cnsh.repl.Colour;
import io.cnsh.repl.Connector;
import io.cnsh.repl.ReplLauncher;
import io.cnsh.repl.ReplTarget;
import io.cnsh.wire.Format;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code cnsh} command line. Parses the CLI contract with picocli and returns its exit code
 * (with no command, {@code -e} or file it runs the interactive shell of {@code io.cnsh.repl}):
 * 0 ok, 1 error, 2 usage error, 3 partial failure, 4 a plan shows changes. A user mistake is
 * reported in one line; {@code --trace} adds the stack trace.
 */
@Command(name = "cnsh",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Admin toolkit for 8x8 ContactNow agent accounts.",
        subcommands = {RunCommand.class, TokenCommand.class, SandboxCommand.class, TestCommand.class, BenchCommand.class,
            ProfileCommand.class, CompletionCommand.class,
            RunsCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok, or no changes",
            "1:error",
            "2:usage error; also a write refused by the production guard or --max-changes",
            "3:partial failure (some records bad)",
            "4:a plan shows changes"})
public final class Main implements Callable<Integer> {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a failure. */
    public static final int ERROR = 1;
    /** Exit code for a usage mistake. */
    public static final int USAGE = 2;
    /** Exit code when some records of a write failed. */
    public static final int PARTIAL = 3;
    /** Exit code when a plan shows changes. */
    public static final int CHANGES = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    RunOptions run;

    @CommandLine.Option(names = "-e", paramLabel = "CODE", description = "Evaluate DSL/Groovy code, print the result, exit.")
    String code;

    @CommandLine.Option(names = {"-i", "--interactive"}, description = "Banner and prompts even when stdin is a pipe or a file.")
    boolean interactive;

    @CommandLine.Option(names = "--keep-going", description = "With stdin a pipe: run every line even after one fails (exit 1 at the end).")
    boolean keepGoing;

    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A script to run (as cnsh run FILE).")
    String file;

    @CommandLine.Parameters(index = "1..*", paramLabel = "ARGS", description = "The script's arguments.")
    java.util.List<String> scriptArgs = new java.util.ArrayList<>();

    private final Map<String, String> env;
    private final Confirmer terminal;

    Main(Map<String, String> env, Confirmer terminal) {
        this.env = env;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            // answered before picocli builds the command tree (which would load Groovy's runtime)
            System.out.println(CnshVersion.line());
            return;
        }
        // picocli's factory would load Groovy's runtime (0.5 s) to support closures in annotations,
        // which cnsh's options (Java annotations) never use; the shell loads it after the first prompt,
        // -e and run when they compile, token get never.
        System.setProperty("picocli.disable.closures", System.getProperty("picocli.disable.closures", "true"));
        System.exit(run(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs cnsh and returns the exit code; never calls {@code System.exit}. The production guard
     * asks its question on {@code /dev/tty}.
     */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        return run(env, DevTtyConfirmer.INSTANCE, out, err, args);
    }

    /** Runs cnsh as {@link #run(Map, PrintWriter, PrintWriter, String...)} does, with {@code terminal} answering the production guard. */
    public static int run(Map<String, String> env, Confirmer terminal, PrintWriter out, PrintWriter err, String... args) {
        Main main = new Main(env, terminal);
        CommandLine cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            if (ex.getCommandLine().getCommand() instanceof CommandLine.IParameterExceptionHandler own) {
                return own.handleParseException(ex, a); // a command that words its own mistakes
            }
            err.println("cnsh: " + ex.getMessage().replaceAll("\\s+", " ").trim());
            err.println("Try 'cnsh --help' for usage.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cl, parsed) -> main.report(ex, cl));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(
                Colour.allowed(env) ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        helpEverywhere(cli);
        cli.getCommandSpec().parser().stopAtPositional(true);
        cli.getSubcommands().get("run").getCommandSpec().parser().stopAtPositional(true);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Gives every command in the tree a {@code -h, --help} that exits 0 before any required parameter is checked. */
    static void helpEverywhere(CommandLine cli) {
        CommandLine.Model.CommandSpec spec = cli.getCommandSpec();
        if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        cli.getSubcommands().values().forEach(Main::helpEverywhere);
    }

    @Override
    public Integer call() {
        if (code != null) {
            if (file != null) {
                throw new UsageException("give either -e CODE or a script FILE, not both");
            }
            return Scripts.evaluate(this, new TargetOptions().over(target), run, code);
        }
        if (file != null) {
            return Scripts.runFile(this, new TargetOptions().over(target), run, file, scriptArgs);
        }
        run.refuseOutput("the shell");
        return repl();
    }

    /** The interactive shell on the target the options name; an in-process sandbox starts after the first prompt. */
    private int repl() {
        var guardOptions = run.guardOptions(env);
        try (ReplTargets targets = new ReplTargets(new TargetOptions().over(target))) {
            return ReplLauncher.builder()
                    .interactive(interactive || ReplLauncher.inputIsTerminal())
                    .keepGoing(keepGoing)
                    .notices(err())
                    .colour(Colour.allowed(env))
                    .guardOptions(guardOptions)
                    .dryRun(run.dryRun())
                    .pipedConfirmer(terminal)
                    .home(targets.home)
                    .version("cnsh " + CnshVersion.cnsh())
                    .target(targets.connect(null, null, null))
                    .connector(targets)
                    .build()
                    .start();
        }
    }

    /** The target for a command: its own target options over the ones given before it. */
    Target openTarget(TargetOptions local) {
        return Target.open(local.over(target), env, err());
    }

    Map<String, String> env() {
        return env;
    }

    /** Who answers the production guard's question. */
    Confirmer terminal() {
        return terminal;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private int report(Exception ex, CommandLine cl) {
        PrintWriter err = cl.getErr();
        boolean trace = Boolean.TRUE.equals(target.trace) || traceRequested(cl);
        int code;
        if (ex instanceof UsageException || WriteRefusedException.in(ex).isPresent()) {
            err.println("cnsh: " + ex.getMessage());
            code = USAGE;
        } else if (ex instanceof PartialFailureException || ex.getCause() instanceof PartialFailureException) {
            err.println("cnsh: " + ex.getMessage());
            code = PARTIAL;
        } else if (ex instanceof ContactNowException) {
            err.println("cnsh: " + ex.getMessage());
            code = ERROR;
        } else {
            err.println("cnsh: internal error: " + ex.getClass().getSimpleName()
                    + (trace ? "" : " (run again with --trace for details)"));
            code = ERROR;
        }
        if (trace) {
            // a compile error quotes the user's source line, which may hold a pin
            java.io.StringWriter stack = new java.io.StringWriter();
            ex.printStackTrace(new PrintWriter(stack));
            stack.toString().lines().map(SecretMasker::mask).forEach(err::println);
        }
        err.flush();
        return code;
    }

    private static boolean traceRequested(CommandLine cl) {
        return cl.getCommand() instanceof TargetAware t && t.targetOptions() != null && t.targetOptions().trace();
    }

    /**
     * Opens targets for the shell from the target options: a profile or base URL through
     * {@link Target}, the sandbox lazily and once, shared by every {@code /connect sandbox} and
     * {@code /format} and stopped when the shell ends.
     */
    private final class ReplTargets implements Connector, AutoCloseable {
        private final TargetOptions options;
        private final CnshHome home;
        private EmbeddedSandbox sandbox;

        ReplTargets(TargetOptions options) {
            this.options = options;
            this.home = CnshHome.fromEnvironment(env);
        }

        @Override
        public ReplTarget connect(String name, Format format, char[] password) {
            TargetOptions o = new TargetOptions().over(options);
            if (name != null) {
                boolean toSandbox = Connector.SANDBOX.equals(name);
                o.sandbox = toSandbox ? Boolean.TRUE : null;
                o.profile = toSandbox ? null : name;
                o.baseUrl = null;
            }
            if (format != null) {
                o.format = format.wireName();
            }
            String profile = o.profile != null ? o.profile : blankToNull(env.get("CNSH_PROFILE"));
            String baseUrl = o.baseUrl != null ? o.baseUrl : blankToNull(env.get("CNSH_BASE_URL"));
            if (Boolean.TRUE.equals(o.sandbox) || profile == null && baseUrl == null) {
                return sandboxTarget(o);
            }
            Map<String, String> e = env;
            if (password != null) {
                e = new HashMap<>(env);
                e.put("CNSH_PASSWORD", new String(password));
            }
            Target t = Target.open(o, e, err());
            ContactNow client = t.client();
            return ReplTarget.builder()
                    .label(t.label())
                    .where((profile != null ? "profile " + t.label() + " at " : "") + client.baseUri())
                    .production(t.isProduction())
                    .format(client.format())
                    .client(client)
                    .onClose(t)
                    .build();
        }

        private ReplTarget sandboxTarget(TargetOptions o) {
            Path dir = o.sandboxData != null ? o.sandboxData : home.sandbox();
            Format format = Format.JSON;
            if (o.format != null) {
                format = switch (o.format.toLowerCase(java.util.Locale.ROOT)) {
                    case "json" -> Format.JSON;
                    case "xml" -> Format.XML;
                    default -> throw new UsageException("--format '" + o.format + "' is not json or xml");
                };
            }
            Format wire = format;
            boolean debug = o.debug();
            PrintWriter log = err();
            return ReplTarget.builder()
                    .label("sandbox")
                    .where("in-process, data in " + dir)
                    .sandbox(true)
                    .format(wire)
                    .opener(() -> {
                        ContactNow.Builder b = sandbox(dir).clientBuilder().format(wire);
                        if (debug) {
                            b.logger(line -> {
                                log.println("debug " + line);
                                log.flush();
                            }, ContactNow.LogLevel.FULL);
                        }
                        return b.build();
                    })
                    .build();
        }

        private synchronized EmbeddedSandbox sandbox(Path dir) {
            if (sandbox == null) {
                sandbox = EmbeddedSandbox.start(dir);
            }
            return sandbox;
        }

        @Override
        public synchronized void close() {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The versions from the jar manifest; see {@link CnshVersion}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {CnshVersion.line()};
        }
    }
}
