package io.cnsh.dsl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The source-to-source step of the cnsh DSL: turns {@code agents < verb args >} forms into plain
 * Groovy and leaves every other character of the text as it was.
 *
 * <p>A small lexer walks the text the way Groovy's own lexer would (strings of every kind,
 * GString interpolations, slashy and dollar-slashy strings, comments, numbers, brackets) and
 * stops only at a registered resource name that is followed by {@code <} and then a verb, a line
 * break, or a {@code >}. The form is rewritten to a closure call on the resource:
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

    /** Groovy's reserved words; none of them is a verb or a resource name. */
    static final Set<String> KEYWORDS = Set.of(
            "abstract", "as", "assert", "boolean", "break", "byte", "case", "catch", "char", "class",
            "const", "continue", "def", "default", "do", "double", "else", "enum", "extends", "false",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "in", "instanceof",
            "int", "interface", "long", "native", "new", "null", "package", "permits", "private",
            "protected", "public", "return", "sealed", "short", "static", "strictfp", "super", "switch",
            "synchronized", "this", "threadsafe", "throw", "throws", "trait", "transient", "true", "try",
            "var", "void", "volatile", "while", "yield");

    /** Words after which a name is a type being declared or used, never a resource. */
    private static final Set<String> TYPE_POSITION_WORDS = Set.of(
            "new", "class", "interface", "trait", "enum", "record", "extends", "implements", "instanceof",
            "as", "throws", "permits", "import", "package");

    /** Literal keywords: after them a {@code /} divides, as after any operand. */
    private static final Set<String> OPERAND_KEYWORDS = Set.of("this", "null", "true", "false");

    /** Groovy's multi-character operators, longest first so that the first match is the longest. */
    private static final String[] OPERATORS = {
        ">>>=", "<..<",
        ">>>", ">>=", "<<=", "<=>", "...", "..<", "<..", "**=", "===", "!==", "==~", "==>", "??.",
        "..", "*.", "?.", "?:", ".&", "::", "=~", "**", "->", "==", "<=", ">=", "!=", "&&", "||", "++",
        "--", "+=", "-=", "*=", "/=", "&=", "|=", "^=", "%=", "?=", "<<", ">>"
    };

    private static final Set<String> MEMBER_ACCESS = Set.of(".", "?.", "??.", "*.", ".&", "::", "@");

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
        return new Scan(source, true).run();
    }

    /**
     * The string and number literals of {@code source}, in the order they start, read exactly as
     * {@link #rewrite} reads them; unfinished text (an open string, a block without {@code >})
     * is read as far as it goes, never refused. A literal inside a GString's {@code ${…}} comes
     * before the GString that holds it.
     */
    public List<Literal> literals(String source) {
        Scan scan = new Scan(source, false);
        scan.run();
        List<Literal> found = new ArrayList<>(scan.literals);
        found.sort(Comparator.comparingInt(Literal::start));
        return found;
    }

    /**
     * One literal of the source: {@code start}/{@code end} span it with its quotes or slashes,
     * {@code valueStart}/{@code valueEnd} its text between them (all of it for a number).
     */
    public record Literal(int start, int end, int valueStart, int valueEnd) {
    }

    private static boolean isPlainIdentifier(String name) {
        if (name == null || name.isEmpty() || KEYWORDS.contains(name)) {
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

    /** What the previous significant token was: it decides how {@code /} and names are read. */
    private enum Kind {
        START, NEWLINE, OPERATOR, MEMBER, KEYWORD, IDENTIFIER, CAPITALIZED, LITERAL, CLOSER, INCREMENT;

        /** Groovy starts a slashy string at {@code /} unless the previous token is an operand. */
        boolean allowsSlashy() {
            return switch (this) {
                case IDENTIFIER, CAPITALIZED, LITERAL, CLOSER, INCREMENT -> false;
                default -> true;
            };
        }
    }

    private enum FrameKind {
        ROOT, PAREN, BRACKET, BRACE, INTERPOLATION, BLOCK;

        /** Inside (…) and […] Groovy ignores line breaks; elsewhere a line break ends a statement. */
        boolean ignoresNewlines() {
            return this == PAREN || this == BRACKET;
        }

        char closer() {
            return switch (this) {
                case PAREN -> ')';
                case BRACKET -> ']';
                case BRACE, INTERPOLATION -> '}';
                case BLOCK -> '>';
                case ROOT -> '\0';
            };
        }
    }

    /** One nesting level: a bracket pair, a GString interpolation, or a DSL block. */
    private static final class Frame {
        final FrameKind kind;
        final int start;
        final String resource;
        int tokens;
        int soleIdentifierEnd = -1;

        Frame(FrameKind kind, int start, String resource) {
            this.kind = kind;
            this.start = start;
            this.resource = resource;
        }
    }

    private record Edit(int start, int end, String text) {
    }

    /** The state of one rewrite: a cursor over the text and the edits found so far. */
    private final class Scan {
        private final String src;
        private final int n;
        private final List<Edit> edits = new ArrayList<>();
        private final List<Literal> literals = new ArrayList<>();
        /** False when only reading literals: malformed DSL forms are read past instead of refused. */
        private final boolean strict;
        private int pos;
        private Kind prev = Kind.START;
        private String prevText = "";

        Scan(String src, boolean strict) {
            this.src = src;
            this.n = src.length();
            this.strict = strict;
        }

        String run() {
            skipShebang();
            scanCode(new Frame(FrameKind.ROOT, 0, null));
            if (edits.isEmpty()) {
                return src;
            }
            edits.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
            StringBuilder out = new StringBuilder(n + edits.size() * OPEN.length());
            int copied = 0;
            for (Edit edit : edits) {
                out.append(src, copied, edit.start()).append(edit.text());
                copied = edit.end();
            }
            return out.append(src, copied, n).toString();
        }

        private void skipShebang() {
            while (src.startsWith("#!", pos)) {
                pos = endOfLine(pos);
                if (src.startsWith("\r\n#!", pos)) {
                    pos += 2;
                } else if (pos < n && src.startsWith("#!", pos + 1)) {
                    pos += 1;
                } else {
                    return;
                }
            }
        }

        /** Scans code until {@code frame} is closed (the cursor then follows its closer) or the text ends. */
        private void scanCode(Frame frame) {
            while (pos < n) {
                char c = src.charAt(pos);
                char next = pos + 1 < n ? src.charAt(pos + 1) : '\0';
                if (c == '\n' || c == '\r') {
                    pos++;
                    if (!frame.kind.ignoresNewlines()) {
                        setPrev(Kind.NEWLINE, "");
                    }
                } else if (c == '\\' && (next == '\n' || next == '\r')) {
                    pos = skipLineBreak(pos + 1);
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '/' && next == '/') {
                    pos = endOfLine(pos);
                    if (!frame.kind.ignoresNewlines()) {
                        setPrev(Kind.NEWLINE, "");
                    }
                } else if (c == '/' && next == '*') {
                    int end = src.indexOf("*/", pos + 2);
                    pos = end < 0 ? n : end + 2;
                    if (!frame.kind.ignoresNewlines() && onlySpacesToEndOfLine(pos)) {
                        setPrev(Kind.NEWLINE, "");
                    }
                } else if (c == '\'' || c == '"') {
                    int start = pos;
                    scanQuoted(c);
                    String quote = String.valueOf(c).repeat(src.startsWith(String.valueOf(c).repeat(3), start) ? 3 : 1);
                    literal(frame, start, quote, quote);
                } else if (c == '$' && next == '/') {
                    int start = pos;
                    scanDollarSlashy();
                    literal(frame, start, "$/", "/$");
                } else if (c == '/' && prev.allowsSlashy()) {
                    int start = pos;
                    scanSlashy();
                    literal(frame, start, "/", "/");
                } else if (Character.isJavaIdentifierStart(src.codePointAt(pos))) {
                    scanWord(frame);
                } else if (c >= '0' && c <= '9') {
                    int start = pos;
                    scanNumber();
                    literal(frame, start, "", "");
                } else if (c == '(' || c == '[' || c == '{' || (c == '?' && next == '[')) {
                    token(frame, Kind.OPERATOR, String.valueOf(c), -1);
                    int opener = pos;
                    pos += c == '?' ? 2 : 1;
                    FrameKind kind = c == '(' ? FrameKind.PAREN : c == '{' ? FrameKind.BRACE : FrameKind.BRACKET;
                    scanCode(new Frame(kind, opener, null));
                    setPrev(Kind.CLOSER, String.valueOf(kind.closer()));
                } else if (c == ')' || c == ']' || c == '}') {
                    if (frame.kind == FrameKind.BLOCK) {
                        if (strict) {
                            throw cutOff(frame, pos);
                        }
                        return;
                    }
                    if (frame.kind == FrameKind.ROOT) {
                        pos++;
                        setPrev(Kind.CLOSER, String.valueOf(c));
                    } else {
                        if (c == frame.kind.closer()) {
                            pos++;
                        }
                        return;
                    }
                } else {
                    String op = operatorAt(pos);
                    if (frame.kind == FrameKind.BLOCK && op.equals(">")) {
                        closeBlock(frame);
                        return;
                    }
                    if (frame.kind == FrameKind.BLOCK && op.equals("<") && startsTypeArguments()) {
                        pos = typeArguments(pos);
                        token(frame, Kind.OPERATOR, ">", -1);
                        continue;
                    }
                    pos += op.length();
                    Kind kind = MEMBER_ACCESS.contains(op) ? Kind.MEMBER
                            : op.equals("++") || op.equals("--") ? Kind.INCREMENT
                            : Kind.OPERATOR;
                    token(frame, kind, op, -1);
                }
            }
            if (frame.kind == FrameKind.BLOCK && strict) {
                throw neverClosed(frame, "", true);
            }
        }

        private void scanWord(Frame frame) {
            int start = pos;
            pos = identifierEnd(pos);
            String word = src.substring(start, pos);
            if (resources.contains(word) && !(prev == Kind.MEMBER || TYPE_POSITION_WORDS.contains(prevText))) {
                int lessThan = openingLessThan(start, pos);
                if (lessThan >= 0) {
                    token(frame, Kind.CLOSER, "}", -1);
                    openBlock(start, pos, word, lessThan);
                    return;
                }
            }
            if (OPERAND_KEYWORDS.contains(word)) {
                token(frame, Kind.LITERAL, word, -1);
            } else if (KEYWORDS.contains(word)) {
                token(frame, Kind.KEYWORD, word, -1);
            } else {
                Kind kind = Character.isUpperCase(word.codePointAt(0)) ? Kind.CAPITALIZED : Kind.IDENTIFIER;
                token(frame, kind, word, pos);
            }
        }

        /**
         * Decides whether the resource name ending at {@code nameEnd} opens a block and returns the
         * index of its {@code <}, or -1: the {@code <} (not {@code <<}, {@code <=}, {@code <=>} or
         * {@code <..}) must be followed by a verb on the same line, or by a line break or the end of
         * the text (the block form). A {@code >} right after it is an empty block, refused.
         */
        private int openingLessThan(int nameStart, int nameEnd) {
            int lt = nameEnd;
            while (lt < n && Character.isWhitespace(src.charAt(lt))) {
                lt++;
            }
            if (lt >= n || src.charAt(lt) != '<') {
                return -1;
            }
            char after = lt + 1 < n ? src.charAt(lt + 1) : '\0';
            if (after == '<' || after == '=' || after == '.') {
                return -1;
            }
            int k = lt + 1;
            boolean lineBreak = false;
            while (k < n) {
                char c = src.charAt(k);
                if (c == '\n' || c == '\r') {
                    lineBreak = true;
                    k++;
                } else if (Character.isWhitespace(c)) {
                    k++;
                } else if (src.startsWith("//", k)) {
                    k = endOfLine(k);
                } else if (src.startsWith("/*", k)) {
                    int end = src.indexOf("*/", k + 2);
                    int stop = end < 0 ? n : end + 2;
                    lineBreak |= containsLineBreak(k, stop);
                    k = stop;
                } else {
                    break;
                }
            }
            if (lineBreak || k >= n) {
                return lt;
            }
            if (Character.isJavaIdentifierStart(src.codePointAt(k)) && !src.startsWith("$/", k)) {
                String verb = src.substring(k, identifierEnd(k));
                return KEYWORDS.contains(verb) ? -1 : lt;
            }
            char c = src.charAt(k);
            char c2 = k + 1 < n ? src.charAt(k + 1) : '\0';
            if (c == '>' && c2 != '=' && c2 != '>' && strict) {
                throw empty(nameStart, src.substring(nameStart, nameEnd));
            }
            return -1;
        }

        private void openBlock(int nameStart, int nameEnd, String resource, int lessThan) {
            StringBuilder replacement = new StringBuilder(OPEN);
            for (int i = nameEnd; i < lessThan; i++) {
                char c = src.charAt(i);
                if (c == '\n' || c == '\r') {
                    replacement.append(c);
                }
            }
            edits.add(new Edit(nameEnd, lessThan + 1, replacement.toString()));
            pos = lessThan + 1;
            setPrev(Kind.OPERATOR, "->");
            scanCode(new Frame(FrameKind.BLOCK, nameStart, resource));
            setPrev(Kind.CLOSER, "}");
        }

        private void closeBlock(Frame block) {
            if (block.tokens == 0 && strict) {
                throw empty(block.start, block.resource);
            }
            if (block.tokens == 1 && block.soleIdentifierEnd >= 0) {
                edits.add(new Edit(block.soleIdentifierEnd, block.soleIdentifierEnd, "()"));
            }
            edits.add(new Edit(pos, pos + 1, "}"));
            pos++;
        }

        private void token(Frame frame, Kind kind, String text, int identifierEnd) {
            setPrev(kind, text);
            frame.tokens++;
            if (frame.tokens == 1) {
                frame.soleIdentifierEnd = identifierEnd;
            }
        }

        /** Records the literal that started at {@code start} and ends at the cursor. */
        private void literal(Frame frame, int start, String opener, String closer) {
            token(frame, Kind.LITERAL, "", -1);
            int valueStart = start + opener.length();
            boolean closed = pos - closer.length() >= valueStart && src.startsWith(closer, pos - closer.length());
            literals.add(new Literal(start, pos, valueStart, closed ? pos - closer.length() : pos));
        }

        private void setPrev(Kind kind, String text) {
            prev = kind;
            prevText = text;
        }

        /** '…', "…", '''…''' and """…""", the double-quoted ones with ${…} interpolations. */
        private void scanQuoted(char quote) {
            boolean triple = src.startsWith(String.valueOf(quote).repeat(3), pos);
            boolean interpolates = quote == '"';
            pos += triple ? 3 : 1;
            while (pos < n) {
                char c = src.charAt(pos);
                if (c == '\\') {
                    pos = pos + 1 < n ? skipLineBreak(pos + 1) : n;
                } else if (c == quote && !triple) {
                    pos++;
                    return;
                } else if (c == quote && src.startsWith(String.valueOf(quote).repeat(3), pos)) {
                    if (closesTriple(quote)) {
                        pos += 3;
                        return;
                    }
                    pos++;
                } else if ((c == '\n' || c == '\r') && !triple) {
                    return;
                } else if (interpolates && c == '$' && pos + 1 < n && src.charAt(pos + 1) == '{') {
                    interpolation();
                } else {
                    pos++;
                }
            }
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

        /** /…/ with \/ escapes and ${…} interpolations; may span lines. */
        private void scanSlashy() {
            pos++;
            while (pos < n) {
                char c = src.charAt(pos);
                if (c == '\\' && pos + 1 < n && src.charAt(pos + 1) == '/') {
                    pos += 2;
                } else if (c == '/') {
                    pos++;
                    return;
                } else if (c == '$' && pos + 1 < n && src.charAt(pos + 1) == '{') {
                    interpolation();
                } else {
                    pos++;
                }
            }
        }

        /** $/…/$ with $$ and $/ escapes and ${…} interpolations; may span lines. */
        private void scanDollarSlashy() {
            pos += 2;
            while (pos < n) {
                char c = src.charAt(pos);
                char next = pos + 1 < n ? src.charAt(pos + 1) : '\0';
                if (c == '$' && (next == '$' || next == '/')) {
                    pos += 2;
                } else if (c == '/' && next == '$') {
                    pos += 2;
                    return;
                } else if (c == '$' && next == '{') {
                    interpolation();
                } else {
                    pos++;
                }
            }
        }

        /** ${…} inside a string: code up to the matching brace, DSL forms included. */
        private void interpolation() {
            int opener = pos;
            pos += 2;
            Kind savedKind = prev;
            String savedText = prevText;
            setPrev(Kind.OPERATOR, "{");
            scanCode(new Frame(FrameKind.INTERPOLATION, opener, null));
            setPrev(savedKind, savedText);
        }

        private void scanNumber() {
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

        /**
         * Whether a {@code <} inside a block starts type arguments rather than a comparison: it
         * must follow a capitalized name ({@code List<String>}), a dot ({@code Collections.<T>f()})
         * or {@code def}, and be followed by a well-formed type argument list.
         */
        private boolean startsTypeArguments() {
            boolean afterType = prev == Kind.CAPITALIZED || prevText.equals(".") || prevText.equals("def");
            return afterType && typeArguments(pos) > 0;
        }

        /** Matches {@code <T, U<V>, ? extends W[]>} at {@code p}; returns the index after it, or -1. */
        private int typeArguments(int p) {
            p = skipSpaces(p + 1);
            if (p < n && src.charAt(p) == '>') {
                return p + 1;
            }
            while (true) {
                p = typeArgument(p);
                if (p < 0) {
                    return -1;
                }
                p = skipSpaces(p);
                if (p < n && src.charAt(p) == ',') {
                    p = skipSpaces(p + 1);
                } else if (p < n && src.charAt(p) == '>') {
                    return p + 1;
                } else {
                    return -1;
                }
            }
        }

        private int typeArgument(int p) {
            if (p < n && src.charAt(p) == '?') {
                int q = skipSpaces(p + 1);
                if (src.startsWith("extends", q) || src.startsWith("super", q)) {
                    int bound = identifierEnd(q);
                    String word = src.substring(q, bound);
                    if (word.equals("extends") || word.equals("super")) {
                        return type(skipSpaces(bound));
                    }
                }
                return p + 1;
            }
            return type(p);
        }

        private int type(int p) {
            while (true) {
                if (p >= n || !Character.isJavaIdentifierStart(src.codePointAt(p))) {
                    return -1;
                }
                p = skipSpaces(identifierEnd(p));
                if (p < n && src.charAt(p) == '<') {
                    p = typeArguments(p);
                    if (p < 0) {
                        return -1;
                    }
                    p = skipSpaces(p);
                }
                if (p < n && src.charAt(p) == '.' && !src.startsWith("..", p)) {
                    p = skipSpaces(p + 1);
                } else {
                    break;
                }
            }
            while (p < n && src.charAt(p) == '[') {
                int close = skipSpaces(p + 1);
                if (close >= n || src.charAt(close) != ']') {
                    return -1;
                }
                p = skipSpaces(close + 1);
            }
            return p;
        }

        private String operatorAt(int p) {
            for (String op : OPERATORS) {
                if (src.startsWith(op, p)) {
                    return op;
                }
            }
            return String.valueOf(src.charAt(p));
        }

        private int identifierEnd(int p) {
            p += Character.charCount(src.codePointAt(p));
            while (p < n) {
                int cp = src.codePointAt(p);
                if (!Character.isJavaIdentifierPart(cp) || Character.isIdentifierIgnorable(cp)) {
                    break;
                }
                p += Character.charCount(cp);
            }
            return p;
        }

        private int skipSpaces(int p) {
            while (p < n && Character.isWhitespace(src.charAt(p))) {
                p++;
            }
            return p;
        }

        /** Steps over one line break (\n, \r\n or \r) at {@code p}, or over one character. */
        private int skipLineBreak(int p) {
            if (src.startsWith("\r\n", p)) {
                return p + 2;
            }
            return p + 1;
        }

        private int endOfLine(int p) {
            while (p < n && src.charAt(p) != '\n' && src.charAt(p) != '\r') {
                p++;
            }
            return p;
        }

        private boolean onlySpacesToEndOfLine(int p) {
            int end = endOfLine(p);
            for (int i = p; i < end; i++) {
                if (!Character.isWhitespace(src.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean containsLineBreak(int from, int to) {
            for (int i = from; i < to; i++) {
                if (src.charAt(i) == '\n' || src.charAt(i) == '\r') {
                    return true;
                }
            }
            return false;
        }

        private DslSyntaxException neverClosed(Frame block, String detail, boolean atEnd) {
            int[] at = lineAndColumn(block.start);
            return new DslSyntaxException(
                    "`" + block.resource + " <` block is never closed with `>`" + detail, at[0], at[1], atEnd);
        }

        private DslSyntaxException cutOff(Frame block, int closer) {
            int line = lineAndColumn(closer)[0];
            return neverClosed(block, " before the `" + src.charAt(closer) + "` on line " + line, false);
        }

        private DslSyntaxException empty(int nameStart, String resource) {
            int[] at = lineAndColumn(nameStart);
            return new DslSyntaxException("`" + resource + " < >` names no verb; write one, as in `"
                    + resource + " < read >`", at[0], at[1], false);
        }

        private int[] lineAndColumn(int index) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < index; i++) {
                char c = src.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= n || src.charAt(i + 1) != '\n'))) {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new int[] {line, index - lineStart + 1};
        }
    }
}
