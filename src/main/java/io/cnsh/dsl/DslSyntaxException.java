package io.cnsh.dsl;

import io.cnsh.model.ContactNowException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;

/**
 * A DSL form the source rewriter cannot accept, such as an {@code agents <} block that is never
 * closed with {@code >}, reported at the user's line and column (both 1-based).
 *
 * <p>The message reads {@code line 3: `agents <` block is never closed with `>`}. When the error
 * comes out of a compilation, Groovy reports it like any other syntax error (with the script name)
 * and keeps this exception as the cause; {@link #from(Throwable)} finds it again.
 */
public class DslSyntaxException extends ContactNowException {

    private final String description;
    private final int line;
    private final int column;
    private final boolean atEndOfInput;

    /**
     * Creates the exception.
     *
     * @param description what is wrong, without the line prefix
     * @param line the 1-based line the offending form starts on
     * @param column the 1-based column the offending form starts at
     * @param atEndOfInput whether the source ended while the form was still open, so that more
     *     input (a further REPL line) could complete it
     */
    public DslSyntaxException(String description, int line, int column, boolean atEndOfInput) {
        super("line " + line + ": " + description);
        this.description = description;
        this.line = line;
        this.column = column;
        this.atEndOfInput = atEndOfInput;
    }

    /** What is wrong, without the {@code line N:} prefix of the message. */
    public String description() {
        return description;
    }

    /** The 1-based line the offending form starts on. */
    public int line() {
        return line;
    }

    /** The 1-based column the offending form starts at. */
    public int column() {
        return column;
    }

    /**
     * Whether the source ended while the form was still open: true for a block that reaches the
     * end of the text, false for one cut off by a closing bracket or for an empty block.
     */
    public boolean atEndOfInput() {
        return atEndOfInput;
    }

    /**
     * Finds the DSL syntax error behind a failure, looking through the cause chain and through
     * the messages of a Groovy {@link MultipleCompilationErrorsException}.
     */
    public static Optional<DslSyntaxException> from(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof DslSyntaxException dsl) {
                return Optional.of(dsl);
            }
            if (t instanceof MultipleCompilationErrorsException compile) {
                for (Message message : compile.getErrorCollector().getErrors()) {
                    if (message instanceof SyntaxErrorMessage syntax
                            && syntax.getCause().getCause() instanceof DslSyntaxException dsl) {
                        return Optional.of(dsl);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
