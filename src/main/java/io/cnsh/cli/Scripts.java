package io.cnsh.cli;

import io.cnsh.bulk.CodeJournal;
import io.cnsh.bulk.RunStore;
import io.cnsh.client.ChangeGuard;
import io.cnsh.client.CnshHome;
import io.cnsh.client.DryRun;
import io.cnsh.dsl.AgentsContext;
import io.cnsh.dsl.DryRunPlan;
import io.cnsh.dsl.OneForm;
import io.cnsh.dsl.ScriptCache;
import io.cnsh.dsl.ScriptExit;
import io.cnsh.dsl.ScriptRunner;
import io.cnsh.dsl.Output;
import io.cnsh.wire.TextFileException;
import io.cnsh.wire.TextFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs script files and {@code -e} snippets against a target, for {@code cnsh run}, {@code cnsh FILE}
 * and {@code cnsh -e}. Each run is one command for the production guard and {@code --max-changes}:
 * its writes pass one {@link ChangeGuard}, and a refusal the script caught still ends it with 2.
 */
final class Scripts {

    private Scripts() {
    }

    static int runFile(Main main, TargetOptions options, RunOptions run, String file, List<String> args) {
        run.refuseOutput("cnsh run");
        Path path = Path.of(file);
        checkScript(path, file);
        ChangeGuard.Options rules = rules(main, run);
        try (Target t = main.openTarget(options); SignalStop stop = SignalStop.install(main.err());
             TokenPrefetch early = TokenPrefetch.start(t, text(path));
             CodeJournal journal = run.dryRun() ? null
                     : journal(main, options, t, guard(main, t, rules), "run " + file)) {
            ChangeGuard guard = journal != null ? (ChangeGuard) journal.inner() : guard(main, t, rules);
            DryRun dry = dryRun(main, t, run, guard);
            ScriptRunner runner = new ScriptRunner(new AgentsContext(t.client().withWriteGate(dry != null ? dry : journal)),
                    main.out(), main.err(), main.env(), guard, scriptCache(main, options));
            int code = stop.run(() -> {
                try {
                    runner.runFile(path, args);
                    return Main.OK;
                } catch (ScriptExit e) {
                    return exited(main, e);
                }
            });
            return stop.requested() ? code : afterRefusal(main, guard, plan(main, dry, code));
        }
    }

    /**
     * Refuses, before anything is opened, a script that cannot run: missing ({@code no such script}),
     * a directory or unreadable (usage, exit 2), or not UTF-8 (exit 1, naming the byte).
     */
    private static void checkScript(Path path, String file) {
        try {
            TextFiles.readUtf8(path);
        } catch (TextFileException e) {
            switch (e.problem()) {
                case MISSING -> throw new UsageException("no such script: " + file);
                case DIRECTORY, UNREADABLE -> throw new UsageException(e.getMessage());
                default -> throw e;
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new UsageException("no such script: " + file);
        }
    }

    static int evaluate(Main main, TargetOptions options, RunOptions run, String code) {
        ChangeGuard.Options rules = rules(main, run);
        try (Target t = main.openTarget(options); SignalStop stop = SignalStop.install(main.err());
             TokenPrefetch early = TokenPrefetch.start(t, code);
             CodeJournal journal = run.dryRun() ? null : journal(main, options, t, guard(main, t, rules), "-e")) {
            ChangeGuard guard = journal != null ? (ChangeGuard) journal.inner() : guard(main, t, rules);
            DryRun dry = dryRun(main, t, run, guard);
            AgentsContext agents = new AgentsContext(t.client().withWriteGate(dry != null ? dry : journal));
            if (run.reveals()) {
                agents.setReveal(true);
            }
            var oneForm = oneFormAllowed() ? OneForm.parse(code) : java.util.Optional.<OneForm>empty();
            ScriptRunner runner = oneForm.isPresent() ? null
                    : new ScriptRunner(agents, main.out(), main.err(), main.env(), guard);
            int exit = stop.run(() -> {
                try {
                    Object value = runner == null ? oneForm.get().run(agents, "-e") // no compiler: dsl/OneForm
                            : runner.evaluate(code, "-e", runner.binding(List.of()));
                    for (String line : Output.lines(value, run.output, width(main), agents.isReveal())) {
                        main.out().println(line);
                    }
                    return Main.OK;
                } catch (ScriptExit e) {
                    return exited(main, e);
                }
            });
            return stop.requested() ? exit : afterRefusal(main, guard, plan(main, dry, exit));
        }
    }

    /**
     * Set on a thread to send its {@code -e} one-forms through the compiler too, so that a spec can run
     * each both ways; {@code -Dcnsh.compileOneForms=true} does the same for a whole process.
     */
    static final ThreadLocal<Boolean> COMPILE_ONE_FORMS = ThreadLocal.withInitial(() -> false);

    private static boolean oneFormAllowed() {
        return !COMPILE_ONE_FORMS.get() && !Boolean.getBoolean("cnsh.compileOneForms");
    }

    /** The script's text for {@link TokenPrefetch}; null when it cannot be read (the runner then says why). */
    private static String text(Path path) {
        try {
            return new String(Files.readAllBytes(path), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Compiled scripts under {@code $CNSH_HOME/cache/scripts}; {@code --debug} prints each hit and miss. */
    private static ScriptCache scriptCache(Main main, TargetOptions options) {
        PrintWriter err = main.err();
        boolean debug = options.over(main.target).debug();
        return ScriptCache.in(CnshHome.fromEnvironment(main.env()).root().resolve("cache").resolve("scripts"), line -> {
            if (debug) {
                err.println("debug " + line);
                err.flush();
            }
        });
    }

    /** The guard's rules; a dry run never asks (it sends nothing), and its cap still counts. */
    private static ChangeGuard.Options rules(Main main, RunOptions run) {
        ChangeGuard.Options rules = run.guardOptions(main.env());
        return run.dryRun() ? new ChangeGuard.Options(true, rules.maxChanges()) : rules;
    }

    /** With {@code --dry-run}, the gate that holds every write back; else null. */
    private static DryRun dryRun(Main main, Target t, RunOptions run, ChangeGuard guard) {
        if (!run.dryRun()) {
            return null;
        }
        PrintWriter err = main.err();
        return new DryRun(guard, t.client().agents(), note -> {
            err.println("cnsh: " + note);
            err.flush();
        });
    }

    /** A dry run's plan on stdout; the exit code is the plan's (4 or 0) unless the run failed. */
    private static int plan(Main main, DryRun dry, int code) {
        if (dry == null) {
            return code;
        }
        DryRunPlan plan = new DryRunPlan(dry.changes());
        plan.lines().forEach(main.out()::println);
        main.out().flush();
        return code == Main.OK ? plan.exitCode() : code;
    }

    private static ChangeGuard guard(Main main, Target t, ChangeGuard.Options rules) {
        ChangeGuard guard = ChangeGuard.builder().production(t.isProduction()).target(t.label())
                .options(rules).confirmer(main.terminal()).build();
        guard.startCommand();
        return guard;
    }

    /**
     * The journal of the command's writes in {@code $CNSH_HOME/runs}. Its run id is said on stderr when
     * the first write is sent.
     */
    private static CodeJournal journal(Main main, TargetOptions options, Target t, ChangeGuard guard, String source) {
        return new CodeJournal(guard, RunStore.fromEnvironment(main.env()), t.client(), source, line -> {
            main.err().println(line);
            main.err().flush();
        });
    }

    private static int exited(Main main, ScriptExit e) {
        if (e.problem() != null) {
            main.err().println("cnsh: " + e.problem());
        }
        return e.code();
    }

    /** A refusal the script caught and went on from: said once more, and the command ends with 2. */
    private static int afterRefusal(Main main, ChangeGuard guard, int code) {
        if (guard.refusal() == null) {
            return code;
        }
        main.err().println("cnsh: a write was refused (nothing sent: " + guard.refusal() + "); exit 2");
        return Main.USAGE;
    }

    private static int width(Main main) {
        String columns = main.env().get("COLUMNS");
        try {
            return columns == null ? 0 : Integer.parseInt(columns.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
