package io.cnsh.dsl;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The source-to-source step of the cnsh DSL: turns {@code agents < verb args >} forms into plain
 * Groovy and leaves every other character of the text as it was.
 *
 * <p>It reads the text as {@link GroovyScanner} tokens (so strings of every kind, GString
 * interpolations, slashy and dollar-slashy strings and comments are never taken for code) and
 * stops only at a registered resource name that is followed by {@code <} (comments between are
 * allowed) and then a verb, a line break, or a {@code >}. The form is rewritten to a closure call
 * on the resource:
 *
 * <pre>{@code
 * agents < create name: 'Joe', pin: '482913' >   =>   agents.call { -> create name: 'Joe', pin: '482913' }
 * agents < read >                                =>   agents.call { -> read() }
 * }</pre>
 *
 * <p>The closure's explicit empty parameter list keeps an enclosing closure's {@code it} visible.
 * No line break is ever added or removed, so every line of the result is the user's line: compile
 * and runtime errors report the user's line numbers (columns after an opening {@code <} move).
 * A block that is never closed, or an empty one, raises a {@link DslSyntaxException}.
 *
 * <p>Instances are immutable and thread-safe; {@link #rewrite(String)} is a pure function.
 * dsl-docs/syntax.md states the rules and their limits.
 */
public final class DslSourceRewriter {

    /** The resource names registered when none are given: {@code agents}. */
    public static final Set<String> DEFAULT_RESOURCES = Set.of("agents");


    /** The text that replaces the opening {@code <} (and any spaces before it). */
    static final String OPEN = ".call { ->";

    private final Set<String> resources;

    /** A rewriter for the {@linkplain #DEFAULT_RESOURCES default resources}. */
    public DslSourceRewriter() {
        this(DEFAULT_RESOURCES);
    }

    /**
     * A rewriter for the given resource names.
     *
     * @throws IllegalArgumentException if the collection is empty or a name is not a plain Groovy
     *     identifier (or is a reserved word)
     */
    public DslSourceRewriter(Collection<String> resourceNames) {
        if (resourceNames.isEmpty()) {
            throw new IllegalArgumentException("at least one resource name is needed");
        }
        for (String name : resourceNames) {
            if (!isPlainIdentifier(name)) {
                throw new IllegalArgumentException("resource name '" + name + "' is not a Groovy identifier");
            }
        }
        this.resources = Set.copyOf(new LinkedHashSet<>(resourceNames));
    }

    /** The registered resource names. */
    public Set<String> resources() {
        return resources;
    }

    /**
     * Rewrites every DSL form in {@code source} to plain Groovy; text without a DSL form comes
     * back equal to the input, and the result always has the same line breaks as the input.
     *
     * @throws DslSyntaxException if a block is never closed with {@code >} or names no verb
     */
    public String rewrite(String source) {
        return new FormRewrite(source, GroovyScanner.scan(source), resources).run();
    }

    /**
     * The string and number literals of {@code source}, in the order they start, read by the same
     * scanner as {@link #rewrite}; unfinished text (an open string, a block without {@code >}) is
     * read as far as it goes, never refused.
     */
    public List<GroovyScanner.Literal> literals(String source) {
        return GroovyScanner.literals(source, GroovyScanner.scan(source));
    }

    private static boolean isPlainIdentifier(String name) {
        if (name == null || name.isEmpty() || GroovyScanner.KEYWORDS.contains(name)) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0 ? !Character.isJavaIdentifierStart(c) : !Character.isJavaIdentifierPart(c)) {
                return false;
            }
        }
        return true;
    }
}
