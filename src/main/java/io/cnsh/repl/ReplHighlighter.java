package io.cnsh.repl;

import io.cnsh.dsl.AgentsContext;
import io.cnsh.dsl.DslSourceRewriter;
import io.cnsh.model.AgentField;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the buffer as it is typed: a {@code /command}, resource names before {@code <}, the
 * verbs after it, documented field names before {@code :}, strings and comments.
 */
final class ReplHighlighter implements Highlighter {

    static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);
    static final AttributedStyle RESOURCE = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle VERB = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle FIELD = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT);

    /** Built at the first keystroke: the verbs come from the DSL's Groovy resource class. */
    private static final class Tokens {
        static final Pattern TOKENS = Pattern.compile(
                "(?<command>^\\s*/\\w+)"
                        + "|(?<comment>//[^\\n]*|/\\*.*?(?:\\*/|$))"
                        + "|(?<string>'''.*?(?:'''|$)|\"\"\".*?(?:\"\"\"|$)|'(?:[^'\\\\\\n]|\\\\.)*'?|\"(?:[^\"\\\\\\n]|\\\\.)*\"?)"
                        + "|(?<resource>(?<![\\w$.])(?:" + String.join("|", DslSourceRewriter.DEFAULT_RESOURCES)
                        + ")(?=\\s*<(?![<=])))"
                        + "|(?<verb>(?<=<)\\s*(?:" + String.join("|", AgentsContext.getVERBS()) + ")\\b"
                        + "|(?<=^|\\n)\\s*(?:" + String.join("|", AgentsContext.getVERBS()) + ")(?=\\s|\\(|$))"
                        + "|(?<field>(?<![\\w$.])(?:" + String.join("|", AgentField.wireNames()) + "|"
                        + String.join("|", AgentsContext.getREAD_OPTIONS()) + ")(?=\\s*:))",
                Pattern.DOTALL);
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        if (buffer.isEmpty()) {
            return AttributedString.EMPTY;
        }
        AttributedStringBuilder sb = new AttributedStringBuilder(buffer.length());
        Matcher m = Tokens.TOKENS.matcher(buffer);
        int at = 0;
        while (m.find()) {
            sb.append(buffer.substring(at, m.start()));
            sb.styled(style(m), buffer.substring(m.start(), m.end()));
            at = m.end();
        }
        sb.append(buffer.substring(at));
        return sb.toAttributedString();
    }

    private static AttributedStyle style(Matcher m) {
        if (m.group("command") != null) {
            return COMMAND;
        }
        if (m.group("comment") != null) {
            return COMMENT;
        }
        if (m.group("string") != null) {
            return STRING;
        }
        if (m.group("resource") != null) {
            return RESOURCE;
        }
        if (m.group("verb") != null) {
            return VERB;
        }
        return FIELD;
    }
}
