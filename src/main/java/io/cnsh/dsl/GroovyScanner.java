package io.cnsh.dsl;

import io.cnsh.dsl.GroovyToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The one reader of Groovy source in cnsh: turns text into {@link GroovyToken}s the way Groovy's
 * own lexer reads it, so that the DSL rewriter, the shell's continuation lines, its highlighting
 * and secret masking agree on what is a string, a comment, a slashy regex or a {@code <}.
 *
 * <p>It knows strings of every kind (quotes, triple quotes, GStrings with nested {@code ${…}},
 * slashy {@code /…/} and dollar-slashy {@code $/…/$} strings), comments, the shebang, numbers,
 * names and reserved words, operators and brackets. A {@code /} starts a slashy string unless the
 * token before it is an operand (a name, a literal, {@code )}, {@code ]}, <code>}</code>,
 * {@code ++} or {@code --}), where it divides: Groovy's own rule. Text that ends inside a string or
 * comment ends with a token that is not {@linkplain GroovyToken#terminated() terminated}; nothing
 * is ever refused.
 *
 * <pre>{@code
 * GroovyScanner.scan("'a(b'.split(/\\(/)")   // STRING . split ( STRING )
 * }</pre>
 */
public final class GroovyScanner {

    /** Groovy's reserved words; the scanner reads them as {@link Kind#KEYWORD}. */
    public static final Set<String> KEYWORDS = Set.of(
            "abstract", "as", "assert", "boolean", "break", "byte", "case", "catch", "char", "class",
            "const", "continue", "def", "default", "do", "double", "else", "enum", "extends", "false",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "in", "instanceof",
            "int", "interface", "long", "native", "new", "null", "package", "permits", "private",
            "protected", "public", "return", "sealed", "short", "static", "strictfp", "super", "switch",
            "synchronized", "this", "threadsafe", "throw", "throws", "trait", "transient", "true", "try",
            "var", "void", "volatile", "while", "yield");

    /** Reserved words that are operands: after them a {@code /} divides. */
    public static final Set<String> OPERAND_KEYWORDS = Set.of("this", "super", "null", "true", "false");

    /** The operators that reach a member: after them a name is a property or method, never a resource. */
    public static final Set<String> MEMBER_ACCESS = Set.of(".", "?.", "??.", "*.", ".&", "::", "@");

    /** Groovy's multi-character operators, longest first so that the first match is the longest. */
    private static final String[] OPERATORS = {
        ">>>=", "<..<",
        ">>>", ">>=", "<<=", "<=>", "...", "..<", "<..", "**=", "===", "!==", "==~", "==>", "??.",
        "..", "*.", "?.", "?:", ".&", "::", "=~", "**", "->", "==", "<=", ">=", "!=", "&&", "||", "++",
        "--", "+=", "-=", "*=", "/=", "&=", "|=", "^=", "%=", "?=", "<<", ">>"
    };

    /** Marks a GString interpolation on the bracket stack. */
    private static final char INTERPOLATION = '$';

    private final String src;
    private final int n;
    private final List<GroovyToken> tokens = new ArrayList<>();
    /** The brackets open at the cursor, innermost first; {@link #INTERPOLATION} for a {@code ${}. */
    private final Deque<Character> brackets = new ArrayDeque<>();
    private int pos;
    private boolean slashyAllowed = true;

    private GroovyScanner(String src) {
        this.src = src;
        this.n = src.length();
    }

    /** The tokens of {@code source}, in the order they start. */
    public static List<GroovyToken> scan(String source) {
        GroovyScanner scanner = new GroovyScanner(source);
        scanner.shebang();
        scanner.code();
        return List.copyOf(scanner.tokens);
    }

    /**
     * One string or number literal: {@code start}/{@code end} span it with its quotes or slashes,
     * {@code valueStart}/{@code valueEnd} its text between them (all of it for a number).
     */
    public record Literal(int start, int end, int valueStart, int valueEnd) {
    }

    /**
     * The string and number literals of the tokens of {@code source}, in the order they start; a
     * GString is one literal from its opening to its closing quote, and a literal inside its
     * {@code ${…}} is one more. An unterminated string's value runs to its end.
     */
    public static List<Literal> literals(String source, List<GroovyToken> tokens) {
        List<Literal> found = new ArrayList<>();
        Deque<GroovyToken> begins = new ArrayDeque<>();
        for (GroovyToken t : tokens) {
            switch (t.kind()) {
                case NUMBER -> found.add(new Literal(t.start(), t.end(), t.start(), t.end()));
                case STRING -> found.add(literal(source, t, t));
                case GSTRING_BEGIN -> begins.push(t);
                case GSTRING_END -> {
                    if (!begins.isEmpty()) {
                        found.add(literal(source, begins.pop(), t));
                    }
                }
                default -> { }
            }
        }
        found.sort(Comparator.comparingInt(Literal::start));
        return found;
    }

    /** The length of the quote or slash that opens the string starting at {@code start}: 1, 2 ({@code $/}) or 3. */
    public static int delimiterLength(String source, int start) {
        if (source.startsWith("'''", start) || source.startsWith("\"\"\"", start)) {
            return 3;
        }
        return source.startsWith("$/", start) ? 2 : 1;
    }

    private static Literal literal(String source, GroovyToken first, GroovyToken last) {
        int length = delimiterLength(source, first.start());
        int valueStart = Math.min(first.start() + length, last.end());
        int valueEnd = last.terminated() ? Math.max(valueStart, last.end() - length) : last.end();
        return new Literal(first.start(), last.end(), valueStart, valueEnd);
    }

    private void emit(Kind kind, int start, int end, boolean terminated) {
        tokens.add(new GroovyToken(kind, start, end, terminated));
    }

    private void shebang() {
        while (src.startsWith("#!", pos)) {
            int start = pos;
            pos = endOfLine(pos);
            emit(Kind.SHEBANG, start, pos, true);
            int next = pos < n ? skipLineBreak(pos) : n;
            if (!src.startsWith("#!", next)) {
                return;
            }
            emit(Kind.NEWLINE, pos, next, true);
            pos = next;
        }
    }

    /** Reads code until the text ends or the <code>}</code> that closes the innermost interpolation. */
    private void code() {
        while (pos < n) {
            char c = src.charAt(pos);
            char next = pos + 1 < n ? src.charAt(pos + 1) : '\0';
            int start = pos;
            if (c == '\n' || c == '\r') {
                pos = skipLineBreak(pos);
                emit(Kind.NEWLINE, start, pos, true);
                // Inside (…) and […] Groovy ignores line breaks; elsewhere one ends a statement.
                if (brackets.isEmpty() || (brackets.peek() != '(' && brackets.peek() != '[')) {
                    slashyAllowed = true;
                }
            } else if (c == '\\' && (next == '\n' || next == '\r')) {
                pos = skipLineBreak(pos + 1);
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '/' && next == '/') {
                pos = endOfLine(pos);
                emit(Kind.LINE_COMMENT, start, pos, true);
            } else if (c == '/' && next == '*') {
                int end = src.indexOf("*/", pos + 2);
                pos = end < 0 ? n : end + 2;
                emit(Kind.BLOCK_COMMENT, start, pos, end >= 0);
            } else if (c == '\'' || c == '"') {
                quoted(c);
            } else if (c == '$' && next == '/') {
                slashy(true);
            } else if (c == '/' && slashyAllowed) {
                slashy(false);
            } else if (Character.isJavaIdentifierStart(src.codePointAt(pos))) {
                pos = identifierEnd(src, pos);
                String word = src.substring(start, pos);
                boolean keyword = KEYWORDS.contains(word);
                emit(keyword ? Kind.KEYWORD : Kind.IDENTIFIER, start, pos, true);
                slashyAllowed = keyword && !OPERAND_KEYWORDS.contains(word);
            } else if (c >= '0' && c <= '9') {
                number();
                emit(Kind.NUMBER, start, pos, true);
                slashyAllowed = false;
            } else if (c == '(' || c == '[' || c == '{' || (c == '?' && next == '[')) {
                pos += c == '?' ? 2 : 1;
                emit(Kind.OPEN, start, pos, true);
                brackets.push(c == '?' ? '[' : c);
                slashyAllowed = true;
            } else if (c == ')' || c == ']' || c == '}') {
                if (c == '}' && !brackets.isEmpty() && brackets.peek() == INTERPOLATION) {
                    return;
                }
                pos++;
                emit(Kind.CLOSE, start, pos, true);
                if (!brackets.isEmpty() && brackets.peek() != INTERPOLATION) {
                    brackets.pop();
                }
                slashyAllowed = false;
            } else {
                String op = operatorAt(pos);
                pos += op.length();
                emit(Kind.OPERATOR, start, pos, true);
                slashyAllowed = !op.equals("++") && !op.equals("--");
            }
        }
    }

    /** '…', "…", '''…''' and """…""", the double-quoted ones with ${…} interpolations. */
    private void quoted(char quote) {
        String triple = String.valueOf(quote).repeat(3);
        boolean multiline = src.startsWith(triple, pos);
        boolean interpolates = quote == '"';
        int partStart = pos;
        boolean begun = false;
        pos += multiline ? 3 : 1;
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '\\') {
                pos = pos + 1 < n ? skipLineBreak(pos + 1) : n;
            } else if (c == quote && !multiline) {
                pos++;
                finish(partStart, begun, true);
                return;
            } else if (c == quote && src.startsWith(triple, pos)) {
                if (closesTriple(quote)) {
                    pos += 3;
                    finish(partStart, begun, true);
                    return;
                }
                pos++;
            } else if ((c == '\n' || c == '\r') && !multiline) {
                // Groovy reports a one-line string cut by a line break; more input would not help.
                finish(partStart, begun, false);
                return;
            } else if (interpolates && c == '$' && pos + 1 < n && src.charAt(pos + 1) == '{') {
                partStart = interpolation(partStart, begun);
                begun = true;
                if (partStart < 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        finish(partStart, begun, false);
    }

    /**
     * Whether the three quotes at the cursor close a triple-quoted string; as in Groovy, of four
     * or five quotes in a row the first ones belong to the text.
     */
    private boolean closesTriple(char quote) {
        boolean fourth = pos + 3 < n && src.charAt(pos + 3) == quote;
        boolean fifthAndSixth = pos + 5 < n && src.charAt(pos + 4) == quote && src.charAt(pos + 5) == quote;
        return !fourth || fifthAndSixth;
    }

    /** /…/ with \/ escapes, or $/…/$ with $$ and $/ escapes; both with ${…} interpolations, over lines. */
    private void slashy(boolean dollar) {
        String closer = dollar ? "/$" : "/";
        int partStart = pos;
        boolean begun = false;
        pos += dollar ? 2 : 1;
        while (pos < n) {
            char c = src.charAt(pos);
            char next = pos + 1 < n ? src.charAt(pos + 1) : '\0';
            boolean escape = dollar ? c == '$' && (next == '$' || next == '/') : c == '\\' && next == '/';
            if (escape) {
                pos += 2;
            } else if (src.startsWith(closer, pos)) {
                pos += closer.length();
                finish(partStart, begun, true);
                return;
            } else if (c == '$' && next == '{') {
                partStart = interpolation(partStart, begun);
                begun = true;
                if (partStart < 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        finish(partStart, begun, false);
    }

    /**
     * Emits the string part that ends with the {@code ${} at the cursor, reads the code inside, and
     * returns the offset of the <code>}</code> that closes it (where the next part starts), or -1
     * when the text ends first.
     */
    private int interpolation(int partStart, boolean begun) {
        pos += 2;
        emit(begun ? Kind.GSTRING_PART : Kind.GSTRING_BEGIN, partStart, pos, true);
        brackets.push(INTERPOLATION);
        slashyAllowed = true;
        code();
        if (pos >= n) {
            return -1;
        }
        brackets.pop();
        return pos++;
    }

    private void finish(int partStart, boolean begun, boolean terminated) {
        emit(begun ? Kind.GSTRING_END : Kind.STRING, partStart, pos, terminated);
        slashyAllowed = false;
    }

    private void number() {
        boolean hex = src.startsWith("0x", pos) || src.startsWith("0X", pos);
        pos += hex ? 2 : 1;
        while (pos < n) {
            char c = src.charAt(pos);
            char last = src.charAt(pos - 1);
            boolean exponentSign = (c == '+' || c == '-')
                    && (hex ? last == 'p' || last == 'P' : last == 'e' || last == 'E')
                    && pos + 1 < n && Character.isDigit(src.charAt(pos + 1));
            boolean fraction = c == '.' && pos + 1 < n && Character.isDigit(src.charAt(pos + 1));
            if (Character.isLetterOrDigit(c) || c == '_' || exponentSign || fraction) {
                pos++;
            } else {
                return;
            }
        }
    }

    private String operatorAt(int p) {
        for (String op : OPERATORS) {
            if (src.startsWith(op, p)) {
                return op;
            }
        }
        return String.valueOf(src.charAt(p));
    }

    /** The offset after the name that starts at {@code p} in {@code text}. */
    static int identifierEnd(String text, int p) {
        p += Character.charCount(text.codePointAt(p));
        while (p < text.length()) {
            int cp = text.codePointAt(p);
            if (!Character.isJavaIdentifierPart(cp) || Character.isIdentifierIgnorable(cp)) {
                break;
            }
            p += Character.charCount(cp);
        }
        return p;
    }

    /** Steps over one line break (\n, \r\n or \r) at {@code p}, or over one character. */
    private int skipLineBreak(int p) {
        return src.startsWith("\r\n", p) ? p + 2 : p + 1;
    }

    private int endOfLine(int p) {
        while (p < n && src.charAt(p) != '\n' && src.charAt(p) != '\r') {
            p++;
        }
        return p;
    }
}
