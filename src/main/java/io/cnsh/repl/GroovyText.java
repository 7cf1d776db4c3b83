package io.cnsh.repl;

import io.cnsh.dsl.GroovyScanner;
import io.cnsh.dsl.GroovyToken;
import io.cnsh.dsl.GroovyToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Groovy source as the shell needs it, read from the {@link GroovyScanner} token stream: whether
 * a bracket, an interpolation, a multi-line string or a comment is still open at the end of the
 * text (so the reader should ask for another line), and where the statements at the top level
 * begin.
 */
final class GroovyText {

    private final String text;
    private final List<GroovyToken> tokens;
    private final List<Integer> statementStarts = new ArrayList<>();
    private boolean open;

    private GroovyText(String text) {
        this.text = text;
        this.tokens = GroovyScanner.scan(text);
        read();
    }

    /** Reads the text. */
    static GroovyText of(String text) {
        return new GroovyText(text);
    }

    /** The tokens of the text. */
    List<GroovyToken> tokens() {
        return tokens;
    }

    /** True when a bracket, interpolation, multi-line string or block comment is still open at the end of the text. */
    boolean isOpen() {
        return open;
    }

    /** Offsets where a statement starts outside any bracket: the start, and after each line break or {@code ;}. */
    List<Integer> topLevelStatementStarts() {
        return statementStarts;
    }

    private void read() {
        statementStarts.add(0);
        Deque<GroovyToken> strings = new ArrayDeque<>();
        int depth = 0;
        for (GroovyToken t : tokens) {
            switch (t.kind()) {
                case OPEN -> depth++;
                case CLOSE -> depth = Math.max(0, depth - 1);
                case GSTRING_BEGIN -> {
                    strings.push(t);
                    depth++;
                }
                case GSTRING_END -> {
                    depth = Math.max(0, depth - 1);
                    if (!t.terminated() && t.end() == text.length()) {
                        open = multiline(strings.isEmpty() ? t : strings.peek());
                    }
                    strings.poll();
                }
                case NEWLINE -> {
                    if (depth == 0) {
                        statementStarts.add(t.end());
                    }
                }
                case OPERATOR -> {
                    if (depth == 0 && t.is(Kind.OPERATOR, ";", text)) {
                        statementStarts.add(t.end());
                    }
                }
                case STRING, BLOCK_COMMENT -> {
                    if (!t.terminated() && t.end() == text.length()) {
                        open = t.kind() == Kind.BLOCK_COMMENT || multiline(t);
                    }
                }
                default -> { }
            }
        }
        open |= depth > 0;
    }

    /**
     * Whether the string that starts with this token may go on over lines: all but the one-line
     * quoted ones, which Groovy reports when a line break cuts them (more input would not help).
     */
    private boolean multiline(GroovyToken first) {
        char c = text.charAt(first.start());
        return (c != '\'' && c != '"') || GroovyScanner.delimiterLength(text, first.start()) == 3;
    }
}
