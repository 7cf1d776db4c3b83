package io.cnsh.repl;

import groovy.lang.Binding;
import io.cnsh.bulk.CodeJournal;
import io.cnsh.bulk.RunStore;
import io.cnsh.client.AgentQuery;
import io.cnsh.client.ChangeGuard;
import io.cnsh.client.DryRun;
import io.cnsh.client.PendingWrite;
import io.cnsh.client.WriteGate;
import io.cnsh.client.Confirmer;
import io.cnsh.client.ContactNow;
import io.cnsh.client.WriteRefusedException;
import io.cnsh.dsl.AgentsContext;
import io.cnsh.dsl.DryRunPlan;
import io.cnsh.model.Agent;
import io.cnsh.model.WriteResult;
import io.cnsh.dsl.ScriptRunner;
import io.cnsh.model.ContactNowException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;

/**
 * Runs inputs with the DSL compiler in one binding that lasts the session, so variables, imports
 * and {@code def}s of one line are there in the next. The {@code agents} and {@code cn} variables
 * follow the current target; the target's client is waited for at the first input that runs.
 * Each input is one command for the target's {@link ChangeGuard}: its writes are counted together,
 * and the production question is asked on the shell's own terminal.
 */
final class Evaluator {

    /** The name errors of typed input carry before their line number. */
    static final String DISPLAY_NAME = "cnsh";

    /**
     * What one input produced.
     *
     * @param value       the value of its last expression
     * @param writes      how many writes it sent
     * @param onlyOneCreate whether its one write created one agent (so a number value is that agent's id)
     */
    record Result(Object value, int writes, boolean onlyOneCreate) {
    }

    /** Made at the first input: creating a Groovy object starts Groovy's runtime, which the first prompt does not wait for. */
    private Binding binding;
    private final List<String> imports = new ArrayList<>();
    private final PrintWriter out;
    private final Predicate<String> confirm;
    private final SessionSecrets secrets;
    private volatile ContactNow client;
    private volatile ReplTarget target;
    private volatile ScriptRunner runner;
    private volatile AgentsContext agents;
    private volatile WriteTally tally;
    private volatile ChangeGuard guard;
    private volatile ChangeGuard.Options guardOptions = ChangeGuard.Options.NONE;
    private volatile Confirmer pipedConfirmer;
    private volatile boolean reveal;
    /** Journals the session's writes from code, one run per target (see {@link #journalTo}). */
    private volatile CodeJournal journal;
    private volatile RunStore runs;
    private volatile Consumer<String> runNotices = line -> { };
    private volatile boolean dryRun;
    private volatile ChangeGuard dryGuard;
    private volatile DryRun dry;

    /**
     * @param out     where scripts print ({@code println}, {@code out}, {@code err})
     * @param confirm asks the user a yes/no question before a large production write
     * @param secrets learns the pins, passwords and tokens the session's clients send
     */
    Evaluator(PrintWriter out, Predicate<String> confirm, SessionSecrets secrets) {
        this.out = out;
        this.confirm = confirm;
        this.secrets = secrets;
    }

    /** Switches to a target; the next input binds {@code agents} and {@code cn} to it. */
    void use(ReplTarget target) {
        closeJournal();
        this.target = target;
        this.runner = null;
        this.agents = null;
        this.tally = null;
        this.guard = null;
    }

    /**
     * The lines come from a pipe, not from a person: the production question goes to {@code confirmer}
     * instead of being read as the next line (the next target picks it up).
     */
    void pipedConfirmer(Confirmer confirmer) {
        this.pipedConfirmer = confirmer;
    }

    /** {@code --yes} and {@code --max-changes} for every input from now on (the next target picks them up). */
    void guardOptions(ChangeGuard.Options options) {
        this.guardOptions = options;
    }

    /** Journals the writes of the next target's session in {@code runs}; the run id goes to {@code notices}. */
    void journalTo(RunStore runs, Consumer<String> notices) {
        this.runs = runs;
        this.runNotices = notices;
    }

    /** Ends the session's run of writes, if anything was written. */
    void closeJournal() {
        CodeJournal j = journal;
        journal = null;
        if (j != null) {
            j.close();
        }
    }

    /** Holds every later create and update back and prints them as a plan after each input, or sends again. */
    void dryRun(boolean on) {
        this.dryRun = on;
    }

    boolean dryRun() {
        return dryRun;
    }

    /** Shows or masks secrets in what {@code agents} renders. */
    void reveal(boolean on) {
        this.reveal = on;
        AgentsContext a = agents;
        if (a != null) {
            a.setReveal(on);
        }
    }

    /** The names of the session's variables. */
    Collection<String> variableNames() {
        Binding b;
        synchronized (this) {
            b = binding;
        }
        return b == null ? List.of() : List.copyOf(b.getVariables().keySet().stream().map(String::valueOf).toList());
    }

    /**
     * Runs an input and returns its value.
     *
     * @throws io.cnsh.dsl.DslScriptException when it fails to compile or run
     * @throws io.cnsh.dsl.ScriptExit         when it ends the shell with an exit code
     * @throws CancellationException          when interrupted while the target was still opening
     */
    Result evaluate(Snippet snippet) {
        ScriptRunner r = runner();
        WriteTally tl = tally;
        ChangeGuard g = guard;
        tl.startInput();
        g.startCommand();
        DryRun d = dryRun ? dry : null;
        if (d != null) {
            dryGuard.startCommand();
            d.clear();
        }
        Binding b;
        synchronized (this) {
            b = binding;
        }
        Object value;
        try {
            value = r.evaluate(snippet.code(List.copyOf(imports)), DISPLAY_NAME, b);
        } finally {
            secrets.learnToken(client);
        }
        synchronized (imports) {
            for (String i : snippet.imports()) {
                if (!imports.contains(i)) {
                    imports.add(i);
                }
            }
        }
        if (d != null && !d.changes().isEmpty()) {
            new DryRunPlan(d.changes()).lines().forEach(out::println);
            out.flush();
        }
        if (g.refusal() != null) {
            // the input caught the refusal and went on: the shell still says it, as the command line does
            throw new WriteRefusedException("nothing sent: " + g.refusal());
        }
        return new Result(value, tl.writes(), tl.onlyOneCreate());
    }

    /** Loads and initialises Groovy and the DSL compiler by running a trivial input with no target. */
    static void warmUp() {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        ScriptRunner r = new ScriptRunner(null, sink, sink);
        r.evaluate("def warm = [1, 2].collect { it * 2 }\nagents = null\nwarm.sum()", "warm-up", r.binding(List.of()));
    }

    /** The guard, or the dry run while {@code /dry-run on}: one gate whose choice follows the switch. */
    private WriteGate switchable(WriteGate guard, DryRun held) {
        return new WriteGate() {
            private WriteGate now() {
                return dryRun ? held : guard;
            }

            @Override
            public Verdict admit(PendingWrite write) {
                if (!dryRun) {
                    write.updates().stream().map(Agent::agentid).filter(DryRun::isPlaceholder).findFirst().ifPresent(id -> {
                        throw new WriteRefusedException("nothing sent: agent " + id + " is a dry-run placeholder, not an agent");
                    });
                }
                return now().admit(write);
            }

            @Override
            public WriteResult heldResult(PendingWrite write) {
                return now().heldResult(write);
            }

            @Override
            public boolean answersLocally(AgentQuery query) {
                return held.answersLocally(query);
            }

            @Override
            public boolean holdsWrites() {
                return now().holdsWrites();
            }

            @Override
            public void seen(List<Agent> agents) {
                now().seen(agents);
            }

            @Override
            public void sent(PendingWrite write, WriteResult result, RuntimeException failure) {
                now().sent(write, result, failure);
            }
        };
    }

    private ScriptRunner runner() {
        ScriptRunner r = runner;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            if (runner != null) {
                return runner;
            }
            ReplTarget t = target;
            ContactNow client;
            try {
                client = t.client();
            } catch (CancellationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ContactNowException(ReplText.notConnected(e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage()), e);
            }
            secrets.watch(client);
            this.client = client;
            ChangeGuard g = ChangeGuard.builder().production(t.isProduction()).target(t.label())
                    .options(guardOptions)
                    .confirmer(pipedConfirmer != null ? pipedConfirmer
                            : question -> confirm.test(question) ? Confirmer.Answer.YES : Confirmer.Answer.NO)
                    .build();
            WriteTally tl = new WriteTally();
            RunStore store = runs;
            CodeJournal j = store == null ? null : new CodeJournal(g, store, client, "shell", runNotices);
            journal = j;
            ChangeGuard dg = ChangeGuard.builder().target(t.label())
                    .options(new ChangeGuard.Options(true, guardOptions.maxChanges())).build();
            DryRun d = new DryRun(dg, client.agents(), note -> {
                out.println(note);
                out.flush();
            });
            AgentsContext a = new AgentsContext(client.withWriteGate(switchable(j == null ? g : j, d)), tl);
            a.setReveal(reveal);
            r = new ScriptRunner(a, out, out, System.getenv(), g);
            if (binding == null) {
                binding = new Binding();
            }
            r.binding(List.of()).getVariables().forEach((k, v) -> binding.setVariable(String.valueOf(k), v));
            agents = a;
            tally = tl;
            guard = g;
            dryGuard = dg;
            dry = d;
            runner = r;
            return r;
        }
    }
}
