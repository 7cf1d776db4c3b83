package io.cnsh.repl;

import java.util.ArrayList;
import java.util.List;

/**
 * A light reading of Groovy source for the shell: whether brackets, strings or comments are still
 * open at the end of the text (so the reader should ask for another line), and where the
 * statements at the top level begin. It knows quotes, triple quotes, escapes and comments; it does
 * not know slashy strings, which the shell accepts as typed.
 */
final class GroovyText {

    private final String text;
    private final List<Integer> statementStarts = new ArrayList<>();
    private int depth;
    private boolean openString;
    private boolean openComment;

    private GroovyText(String text) {
        this.text = text;
        scan();
    }

    /** Reads the text. */
    static GroovyText of(String text) {
        return new GroovyText(text);
    }

    /** True when a bracket, string or block comment is still open at the end of the text. */
    boolean isOpen() {
        return depth > 0 || openString || openComment;
    }

    /** Offsets where a statement starts outside any bracket: the start, and after each line break or {@code ;}. */
    List<Integer> topLevelStatementStarts() {
        return statementStarts;
    }

    private void scan() {
        int n = text.length();
        int i = 0;
        statementStarts.add(0);
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    openComment = true;
                    return;
                }
                i = end + 2;
                continue;
            }
            if (c == '\'' || c == '"') {
                i = skipString(i, c);
                if (i < 0) {
                    openString = true;
                    return;
                }
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            } else if ((c == '\n' || c == ';') && depth == 0) {
                statementStarts.add(i + 1);
            }
            i++;
        }
    }

    /**
     * The offset after the string starting at {@code start}, or -1 when a triple-quoted string
     * never closes. A one-line string left open ends at the line break: Groovy reports that, more
     * input would not help.
     */
    private int skipString(int start, char quote) {
        int n = text.length();
        boolean triple = start + 2 < n && text.charAt(start + 1) == quote && text.charAt(start + 2) == quote;
        int i = start + (triple ? 3 : 1);
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (!triple && c == '\n') {
                return i;
            }
            if (c == quote) {
                if (!triple) {
                    return i + 1;
                }
                if (i + 2 < n && text.charAt(i + 1) == quote && text.charAt(i + 2) == quote) {
                    return i + 3;
                }
            }
            i++;
        }
        return triple ? -1 : n;
    }
}
