package io.cnsh.dsl;

import io.cnsh.dsl.GroovyToken.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.codehaus.groovy.syntax.Numbers;

/**
 * A {@code cnsh -e} text that is one DSL form with literal arguments, such as
 * {@code agents < read auth_level: 'admin' >}, answered by calling the verb of {@link AgentsContext}
 * directly instead of compiling the text: the same method with the same argument map the compiled
 * closure would call, so checks, requests, guard and errors are those of the compiled path.
 *
 * <p>{@link #parse} reads the text with {@link GroovyScanner} and accepts only what it can read
 * exactly as Groovy does; anything else (a second statement, a variable, a call, a GString, a
 * string with an escape, a number with a suffix, exponent, underscore or radix, a list, a line
 * break inside the form, a repeated name) is left to the compiler:
 *
 * <ul>
 * <li>{@code agents <} then {@code create}, {@code read} or {@code update} on one line, then
 *     {@code name: value} pairs separated by commas (none only for {@code read}), then {@code >};
 *     comments and line breaks may stand before or after it, {@code ;} after it;</li>
 * <li>a value is a one-line {@code '…'} or {@code "…"} string without {@code \} or {@code $},
 *     {@code true}, {@code false}, {@code null}, or a decimal number, {@code -} allowed right before
 *     it, turned into a number by Groovy's own {@link Numbers} ({@code 7} an Integer,
 *     {@code 2147483648} a Long, {@code 2.9} a BigDecimal, {@code -2147483648} an Integer).</li>
 * </ul>
 */
public final class OneForm {

    /** The verbs answered here: those {@link AgentsContext#VERBS} names. */
    private static final Set<String> VERBS = Set.of("create", "read", "update");

    /** The name the compiled snippet's frames carry; errors name the user's line as they would there. */
    private static final String COMPILED_NAME = "cnsh_snippet.groovy";

    private final String verb;
    private final Map<String, Object> args;
    private final int line;

    private OneForm(String verb, Map<String, Object> args, int line) {
        this.verb = verb;
        this.args = args;
        this.line = line;
    }

    /** The verb, e.g. {@code read}. */
    public String verb() {
        return verb;
    }

    /** The named arguments in their order, as Groovy would pass them; null for a call without any. */
    public Map<String, Object> args() {
        return args == null ? null : java.util.Collections.unmodifiableMap(args);
    }

    /** The form when {@code code} is exactly one form with literal arguments, else empty. */
    public static Optional<OneForm> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new Reader(code).form());
        } catch (RuntimeException e) {
            // The scanner refuses nothing, but a text it reads in a way not foreseen here goes to the compiler.
            return Optional.empty();
        }
    }

    /**
     * Calls the verb on {@code agents} and returns its value; a failure is reported as the compiled
     * snippet named {@code displayName} reports it, at the form's line.
     *
     * @throws DslScriptException when the verb failed
     */
    public Object run(AgentsContext agents, String displayName) {
        try {
            return switch (verb) {
                case "read" -> args == null ? agents.read() : agents.read(new LinkedHashMap<>(args));
                case "create" -> agents.create(new LinkedHashMap<>(args));
                default -> agents.update(new LinkedHashMap<>(args));
            };
        } catch (RuntimeException | StackOverflowError e) {
            DslScriptException failure = ScriptRunner.runtimeError(displayName, COMPILED_NAME, e);
            if (failure == e || failure.line() != 0) {
                return rethrow(failure);
            }
            String prefix = displayName + ": ";
            String message = failure.getMessage().substring(prefix.length());
            throw new DslScriptException(displayName, line, message, e);
        }
    }

    private static Object rethrow(DslScriptException e) {
        throw e;
    }

    /** One pass over the tokens of the text. */
    private static final class Reader {
        private final String src;
        private final List<GroovyToken> tokens;
        private int i;

        Reader(String src) {
            this.src = src;
            this.tokens = GroovyScanner.scan(src);
        }

        OneForm form() {
            skipBetweenStatements(false);
            if (!at(Kind.IDENTIFIER, "agents")) {
                return null;
            }
            int line = lineOf(tokens.get(i).start());
            i++;
            if (!at(Kind.OPERATOR, "<")) {
                return null;
            }
            i++;
            if (!has() || tokens.get(i).kind() != Kind.IDENTIFIER || !VERBS.contains(text())) {
                return null;
            }
            String verb = text();
            i++;
            Map<String, Object> args = null;
            if (!at(Kind.OPERATOR, ">")) {
                args = namedArguments();
                if (args == null || !at(Kind.OPERATOR, ">")) {
                    return null;
                }
            } else if (!verb.equals("read")) {
                return null;
            }
            i++;
            skipBetweenStatements(true);
            return has() ? null : new OneForm(verb, args, line);
        }

        /** {@code name: value, …} up to the {@code >}; null when anything else stands there. */
        private Map<String, Object> namedArguments() {
            Map<String, Object> args = new LinkedHashMap<>();
            while (true) {
                if (!has() || tokens.get(i).kind() != Kind.IDENTIFIER) {
                    return null;
                }
                String name = text();
                i++;
                if (!at(Kind.OPERATOR, ":")) {
                    return null;
                }
                i++;
                Object[] value = value();
                if (value == null || args.containsKey(name)) {
                    return null;
                }
                args.put(name, value[0]);
                if (at(Kind.OPERATOR, ",")) {
                    i++;
                } else {
                    return args;
                }
            }
        }

        /** A literal's value in a one-element array (its value may be null), or null when it is not a literal. */
        private Object[] value() {
            if (!has()) {
                return null;
            }
            GroovyToken t = tokens.get(i++);
            String text = t.text(src);
            switch (t.kind()) {
                case STRING -> {
                    return plainString(t, text) ? new Object[] {text.substring(1, text.length() - 1)} : null;
                }
                case KEYWORD -> {
                    return switch (text) {
                        case "true" -> new Object[] {Boolean.TRUE};
                        case "false" -> new Object[] {Boolean.FALSE};
                        case "null" -> new Object[] {null};
                        default -> null;
                    };
                }
                case NUMBER -> {
                    return number(text);
                }
                case OPERATOR -> {
                    if (!text.equals("-") || !has() || tokens.get(i).kind() != Kind.NUMBER
                            || tokens.get(i).start() != t.end()) {
                        return null;
                    }
                    return number("-" + tokens.get(i++).text(src));
                }
                default -> {
                    return null;
                }
            }
        }

        private static boolean plainString(GroovyToken t, String text) {
            if (!t.terminated() || text.length() < 2 || text.startsWith("'''") || text.startsWith("\"\"\"")) {
                return false;
            }
            char quote = text.charAt(0);
            if ((quote != '\'' && quote != '"') || text.charAt(text.length() - 1) != quote) {
                return false;
            }
            for (int p = 1; p < text.length() - 1; p++) {
                char c = text.charAt(p);
                if (c == '\\' || c == '$' || c == quote || c == '\n' || c == '\r') {
                    return false;
                }
            }
            return true;
        }

        /** A plain decimal integer or decimal fraction, read by Groovy's own number parser. */
        private static Object[] number(String signed) {
            String digits = signed.startsWith("-") ? signed.substring(1) : signed;
            int dot = digits.indexOf('.');
            String whole = dot < 0 ? digits : digits.substring(0, dot);
            String fraction = dot < 0 ? null : digits.substring(dot + 1);
            if (!allDigits(whole) || (whole.length() > 1 && whole.charAt(0) == '0')
                    || (fraction != null && !allDigits(fraction))) {
                return null;
            }
            return new Object[] {fraction == null ? Numbers.parseInteger(signed) : Numbers.parseDecimal(signed)};
        }

        private static boolean allDigits(String s) {
            if (s.isEmpty()) {
                return false;
            }
            for (int p = 0; p < s.length(); p++) {
                if (s.charAt(p) < '0' || s.charAt(p) > '9') {
                    return false;
                }
            }
            return true;
        }

        /** Skips comments and line breaks, and after the form {@code ;} too (Groovy refuses one before it). */
        private void skipBetweenStatements(boolean semicolons) {
            while (has() && (tokens.get(i).kind().isComment() || tokens.get(i).kind() == Kind.NEWLINE
                    || (semicolons && at(Kind.OPERATOR, ";")))) {
                i++;
            }
        }

        private boolean has() {
            return i < tokens.size();
        }

        private boolean at(Kind kind, String text) {
            return has() && tokens.get(i).is(kind, text, src);
        }

        private String text() {
            return tokens.get(i).text(src);
        }

        private int lineOf(int offset) {
            int line = 1;
            for (int p = 0; p < offset; p++) {
                char c = src.charAt(p);
                if (c == '\n' || (c == '\r' && (p + 1 >= src.length() || src.charAt(p + 1) != '\n'))) {
                    line++;
                }
            }
            return line;
        }
    }
}
