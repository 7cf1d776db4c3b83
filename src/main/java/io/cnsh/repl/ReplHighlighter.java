package io.cnsh.repl;

import io.cnsh.dsl.AgentsContext;
import io.cnsh.dsl.DslSourceRewriter;
import io.cnsh.dsl.GroovyScanner;
import io.cnsh.dsl.GroovyToken;
import io.cnsh.dsl.GroovyToken.Kind;
import io.cnsh.model.AgentField;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the buffer as it is typed: a {@code /command}, resource names before {@code <}, the
 * verbs after it, documented field names before {@code :}, strings (slashy regexes included) and
 * comments, all read from the {@link GroovyScanner} token stream.
 */
final class ReplHighlighter implements Highlighter {

    static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);
    static final AttributedStyle RESOURCE = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle VERB = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle FIELD = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT);


    /** Built at the first keystroke: the verbs come from the DSL's Groovy resource class. */
    private static final class Names {
        static final Set<String> VERBS = Set.copyOf(AgentsContext.getVERBS());
        static final Set<String> FIELDS = fields();

        private static Set<String> fields() {
            Set<String> fields = new HashSet<>(AgentField.wireNames());
            fields.addAll(AgentsContext.getREAD_OPTIONS());
            return Set.copyOf(fields);
        }
    }

    private final Set<String> commandNames;
    private final boolean colour;

    /** A highlighter that knows no command names: a line is a command when Groovy could not read it. */
    ReplHighlighter() {
        this(Set.of());
    }

    /** A highlighter that colours the shell's commands ({@code /help}, {@code /connect}, ...). */
    ReplHighlighter(Collection<String> commandNames) {
        this(commandNames, true);
    }

    /** @param colour false: the buffer as typed, unstyled (see {@link Colour}) */
    ReplHighlighter(Collection<String> commandNames, boolean colour) {
        this.commandNames = Set.copyOf(commandNames);
        this.colour = colour;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        if (buffer.isEmpty()) {
            return AttributedString.EMPTY;
        }
        if (!colour) {
            return new AttributedString(buffer);
        }
        AttributedStringBuilder sb = new AttributedStringBuilder(buffer.length());
        if (ReplParser.isCommand(buffer, commandNames)) {
            int start = buffer.indexOf('/');
            int end = start + 1;
            while (end < buffer.length() && !Character.isWhitespace(buffer.charAt(end))) {
                end++;
            }
            sb.append(buffer.substring(0, start));
            sb.styled(COMMAND, buffer.substring(start, end));
            sb.append(buffer.substring(end));
            return sb.toAttributedString();
        }
        List<GroovyToken> tokens = GroovyScanner.scan(buffer);
        int at = 0;
        for (int k = 0; k < tokens.size(); k++) {
            GroovyToken t = tokens.get(k);
            AttributedStyle style = style(buffer, tokens, k);
            if (style != null) {
                sb.append(buffer.substring(at, t.start()));
                sb.styled(style, t.text(buffer));
                at = t.end();
            }
        }
        sb.append(buffer.substring(at));
        return sb.toAttributedString();
    }

    private static AttributedStyle style(String buffer, List<GroovyToken> tokens, int k) {
        GroovyToken t = tokens.get(k);
        if (t.kind().isComment()) {
            return COMMENT;
        }
        if (t.kind().isString()) {
            return STRING;
        }
        if (t.kind() != Kind.IDENTIFIER) {
            return null;
        }
        String word = t.text(buffer);
        GroovyToken before = neighbour(tokens, k, -1, false);
        GroovyToken after = neighbour(tokens, k, 1, true);
        boolean member = before != null && before.kind() == Kind.OPERATOR && GroovyScanner.MEMBER_ACCESS.contains(before.text(buffer));
        if (member) {
            return null;
        }
        if (DslSourceRewriter.DEFAULT_RESOURCES.contains(word) && after != null && after.is(Kind.OPERATOR, "<", buffer)) {
            return RESOURCE;
        }
        if (Names.VERBS.contains(word) && verbPosition(buffer, t, before)) {
            return VERB;
        }
        if (Names.FIELDS.contains(word) && after != null && after.is(Kind.OPERATOR, ":", buffer)) {
            return FIELD;
        }
        return null;
    }

    /** Right after a {@code <}, or first on its line and followed by a space, {@code (} or the end. */
    private static boolean verbPosition(String buffer, GroovyToken verb, GroovyToken before) {
        if (before != null && before.is(Kind.OPERATOR, "<", buffer)) {
            return true;
        }
        boolean first = before == null || before.kind() == Kind.NEWLINE;
        int next = verb.end();
        return first && (next == buffer.length() || Character.isWhitespace(buffer.charAt(next)) || buffer.charAt(next) == '(');
    }

    /** The nearest token before or after {@code k} that is not a comment (nor, if asked, a line break). */
    private static GroovyToken neighbour(List<GroovyToken> tokens, int k, int step, boolean skipLineBreaks) {
        for (int j = k + step; j >= 0 && j < tokens.size(); j += step) {
            GroovyToken t = tokens.get(j);
            if (!t.kind().isComment() && !(skipLineBreaks && t.kind() == Kind.NEWLINE)) {
                return t;
            }
        }
        return null;
    }
}
