package io.cnsh.dsl;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Objects;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.ParserPlugin;
import org.codehaus.groovy.control.ParserPluginFactory;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.io.ReaderSource;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.ParserException;
import org.codehaus.groovy.syntax.Reduction;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * A Groovy {@link ParserPluginFactory} that rewrites DSL forms before Groovy's own parser sees
 * the text, installed with {@link CompilerConfiguration#setPluginFactory(ParserPluginFactory)}
 * (normally through {@link DslCompiler}).
 *
 * <p>Groovy 5's Antlr4 plugin does nothing in {@code parseCST} for a source that can be reopened
 * and builds the AST in {@code buildAST} by reading {@link SourceUnit#getSource()} again. The
 * plugin made here therefore reads the text once in {@code parseCST}, rewrites it with a
 * {@link DslSourceRewriter}, and replaces the unit's {@link ReaderSource} with one holding the
 * rewritten text (same URI, same file) before handing over to the wrapped plugin. A
 * {@link DslSyntaxException} becomes an ordinary Groovy syntax error of that unit, at the user's
 * line and column, with the DSL exception as its cause.
 */
public final class DslParserPluginFactory extends ParserPluginFactory {

    private final DslSourceRewriter rewriter;
    private final ParserPluginFactory delegate;

    /** Wraps Groovy's default (Antlr4) parser with {@code rewriter}. */
    public DslParserPluginFactory(DslSourceRewriter rewriter) {
        this(rewriter, ParserPluginFactory.antlr4());
    }

    /** Wraps the parser plugins of {@code delegate} with {@code rewriter}. */
    public DslParserPluginFactory(DslSourceRewriter rewriter, ParserPluginFactory delegate) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The rewriter applied to every source unit. */
    public DslSourceRewriter rewriter() {
        return rewriter;
    }

    @Override
    public ParserPlugin createParserPlugin() {
        return new RewritingPlugin(rewriter, delegate.createParserPlugin());
    }

    private static final class RewritingPlugin implements ParserPlugin {
        private final DslSourceRewriter rewriter;
        private final ParserPlugin delegate;

        RewritingPlugin(DslSourceRewriter rewriter, ParserPlugin delegate) {
            this.rewriter = rewriter;
            this.delegate = delegate;
        }

        @Override
        public Reduction parseCST(SourceUnit unit, Reader reader) throws CompilationFailedException {
            ReaderSource source = unit.getSource();
            Reader text = reader;
            if (!RewrittenSource.isRewritten(source)) {
                String rewritten = rewrite(unit, readAll(unit, reader));
                unit.setSource(RewrittenSource.of(source, rewritten, unit.getConfiguration()));
                text = new StringReader(rewritten);
            }
            return delegate.parseCST(unit, text);
        }

        @Override
        public ModuleNode buildAST(SourceUnit unit, ClassLoader loader, Reduction cst) throws ParserException {
            return delegate.buildAST(unit, loader, cst);
        }

        private String rewrite(SourceUnit unit, String text) {
            try {
                return rewriter.rewrite(text);
            } catch (DslSyntaxException e) {
                SyntaxException syntax = new SyntaxException(e.description(), e, e.line(), e.column());
                unit.getErrorCollector().addFatalError(new SyntaxErrorMessage(syntax, unit));
                throw e;
            }
        }

        private static String readAll(SourceUnit unit, Reader reader) {
            StringWriter out = new StringWriter();
            try {
                reader.transferTo(out);
            } catch (IOException e) {
                unit.getErrorCollector().addFatalError(
                        new SimpleMessage("cannot read " + unit.getName() + ": " + e.getMessage(), unit));
            }
            return out.toString();
        }
    }
}
