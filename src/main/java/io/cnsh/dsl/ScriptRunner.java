package io.cnsh.dsl;

import groovy.lang.Binding;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import io.cnsh.client.ChangeGuard;
import io.cnsh.model.ContactNowException;
import io.cnsh.wire.TextFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Compiles and runs cnsh code (script files, {@code -e} snippets, REPL lines) with the DSL's
 * compiler configuration and {@link CnshScript} as base class. The binding holds {@code agents},
 * {@code cn}, {@code args}, {@code out}, {@code err} and {@code env} (the environment variables). Failures become a
 * {@link DslScriptException} whose message names the user's file and line. Script files are
 * compiled to class files in memory ({@link CompiledScript}), through a {@link ScriptCache} when
 * the runner has one, so a run from the cache loads the very bytes a fresh compile would.
 *
 * <p>An {@code exit} holds whatever the script catches: once it was called, the guard (when given)
 * refuses every further write, and the run ends with the first exit's code when the script returns.
 */
public final class ScriptRunner {

    private final AgentsContext agents;
    private final PrintWriter out;
    private final PrintWriter err;
    private final java.util.Map<String, String> env;
    private final CompilerConfiguration configuration;
    private final ChangeGuard guard;
    private final ScriptCache cache;

    public ScriptRunner(AgentsContext agents, PrintWriter out, PrintWriter err) {
        this(agents, out, err, System.getenv());
    }

    /** A runner whose scripts see {@code env} as their environment variables (for CNSH_HOME and the like). */
    public ScriptRunner(AgentsContext agents, PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
        this(agents, out, err, env, null);
    }

    /** A runner whose scripts' {@code exit} stops every further write through {@code guard} (may be null). */
    public ScriptRunner(AgentsContext agents, PrintWriter out, PrintWriter err, java.util.Map<String, String> env,
                        ChangeGuard guard) {
        this(agents, out, err, env, guard, null);
    }

    /** A runner as above whose {@link #runFile} takes compiled scripts from {@code cache} and fills it (may be null). */
    public ScriptRunner(AgentsContext agents, PrintWriter out, PrintWriter err, java.util.Map<String, String> env,
                        ChangeGuard guard, ScriptCache cache) {
        this.agents = agents;
        this.out = out;
        this.err = err;
        this.env = java.util.Map.copyOf(env);
        this.configuration = DslCompiler.builder().scriptBaseClass(CnshScript.class).build();
        this.guard = guard;
        this.cache = cache;
    }

    /** A fresh binding with the standard variables and these script arguments. */
    public Binding binding(List<String> args) {
        Binding b = new Binding();
        b.setVariable("agents", agents);
        b.setVariable("cn", agents == null ? null : agents.getClient());
        b.setVariable("args", args.toArray(new String[0]));
        b.setVariable("out", out);
        b.setVariable("err", err);
        b.setVariable("env", env);
        return b;
    }

    /**
     * Runs a script file and returns the value of its last expression.
     *
     * @throws ScriptExit         when the script ended itself with an exit code
     * @throws DslScriptException when it failed; the message starts with {@code file:line:}
     */
    public Object runFile(Path file, List<String> args) {
        byte[] content;
        String text;
        try {
            content = Files.readAllBytes(file);
            text = TextFiles.utf8(file.toString(), content);
        } catch (IOException e) {
            throw new DslScriptException(null, 0, "cannot read script " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        GroovyCodeSource source = new GroovyCodeSource(text, name.endsWith(".groovy") ? name : name + ".groovy",
                "/groovy/script");
        ClassLoader parent = getClass().getClassLoader();
        Binding binding = binding(args);
        Script script;
        try {
            CompiledScript compiled = cache == null
                    ? CompiledScript.compile(source, configuration, parent)
                    : cache.compiled(source, content, configuration, parent);
            script = InvokerHelper.createScript(compiled.load(parent, configuration), binding);
        } catch (CompilationFailedException e) {
            throw compileError(name, e);
        } catch (ClassNotFoundException e) {
            throw new DslScriptException(name, 0, "cannot load the compiled script: " + e.getMessage(), e);
        }
        return execute(script, source.getName(), name);
    }

    /** Evaluates a snippet (for {@code -e} and the REPL) in the given binding. */
    public Object evaluate(String code, String displayName, Binding binding) {
        GroovyCodeSource source = new GroovyCodeSource(code, "cnsh_snippet.groovy", "/groovy/shell");
        source.setCachable(false);
        GroovyShell shell = new GroovyShell(getClass().getClassLoader(), binding, configuration);
        Script script;
        try {
            script = shell.parse(source);
        } catch (CompilationFailedException e) {
            throw compileError(displayName, e);
        }
        return execute(script, source.getName(), displayName);
    }

    /** Runs a compiled script; failures name {@code displayName} at the line of {@code compiledName}'s frames. */
    private Object execute(Script script, String compiledName, String displayName) {
        AtomicReference<ScriptExit> exited = new AtomicReference<>();
        if (script instanceof CnshScript cnsh) {
            cnsh.scriptName(displayName);
            cnsh.onExit(exit -> {
                if (exited.compareAndSet(null, exit) && guard != null) {
                    guard.stop("the script called exit " + exit.code() + "; nothing is written after exit");
                }
            });
        }
        try {
            Object value = script.run();
            if (exited.get() != null) {
                // the script caught its own exit (catch Throwable) and went on to its end
                throw exited.get();
            }
            return value;
        } catch (ScriptExit e) {
            throw exited.get() != null ? exited.get() : e;
        } catch (Exception | AssertionError | StackOverflowError e) {
            // Groovy code may throw checked exceptions undeclared; assert and runaway recursion are
            // the script's mistakes too. All of them are reported as one line at the user's line.
            Throwable cause = unwrap(e);
            if (cause instanceof ScriptExit exit) {
                throw exited.get() != null ? exited.get() : exit;
            }
            DslScriptException failure = runtimeError(displayName, compiledName, cause);
            if (exited.get() != null) {
                // a failure after exit (a write refused in a finally block): said, but the exit's code stands
                err.println(failure.getMessage());
                throw exited.get();
            }
            throw failure;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof InvokerInvocationException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static DslScriptException compileError(String name, CompilationFailedException e) {
        var dsl = DslSyntaxException.from(e);
        if (dsl.isPresent()) {
            return new DslScriptException(name, dsl.get().line(), dsl.get().description(), e);
        }
        if (e instanceof MultipleCompilationErrorsException m && m.getErrorCollector().getErrorCount() > 0) {
            Message first = m.getErrorCollector().getError(0);
            if (first instanceof SyntaxErrorMessage sem) {
                SyntaxException se = sem.getCause();
                String text = se.getOriginalMessage() == null ? se.getMessage() : se.getOriginalMessage();
                String message = oneLine(text);
                if (message.matches("unable to resolve class (create|read|update)\\b.*")) {
                    message += " — a `name < verb … >` block needs a resource name (agents); is it misspelt?";
                }
                return new DslScriptException(name, se.getLine(), message, e);
            }
        }
        return new DslScriptException(name, 0, oneLine(e.getMessage()), e);
    }

    static DslScriptException runtimeError(String name, String compiledName, Throwable t) {
        if (t instanceof DslScriptException d) {
            return d;
        }
        int line = 0;
        for (StackTraceElement el : t.getStackTrace()) {
            if (compiledName.equals(el.getFileName()) && el.getLineNumber() > 0) {
                line = el.getLineNumber();
                break;
            }
        }
        String message;
        if (t instanceof ContactNowException || t instanceof UnknownVerbException) {
            message = t.getMessage();
        } else if (t instanceof AssertionError) {
            message = "assertion failed: " + oneLine(t.getMessage());
        } else if (t instanceof MissingPropertyException mpe) {
            message = "no variable or property '" + mpe.getProperty() + "'";
        } else if (t instanceof MissingMethodException mme) {
            message = "no method " + mme.getMethod() + "(" + mme.getArguments().length + " argument"
                    + (mme.getArguments().length == 1 ? "" : "s") + ")"
                    + (mme.getType() == null ? "" : " on " + mme.getType().getSimpleName());
        } else {
            message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + oneLine(t.getMessage()));
        }
        return new DslScriptException(name, line, message, t);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String first = s.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        return first.replaceAll("^startup failed:\\s*", "").replaceAll("\\s+", " ").trim();
    }
}
