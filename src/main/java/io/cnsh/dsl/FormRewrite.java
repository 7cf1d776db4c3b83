package io.cnsh.dsl;

import io.cnsh.dsl.GroovyToken.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One run of {@link DslSourceRewriter#rewrite}: walks the {@link GroovyScanner} tokens of the text
 * with a stack of frames (brackets, interpolations, DSL blocks), collects the edits that turn each
 * {@code agents < … >} form into a closure call, and applies them.
 */
final class FormRewrite {

    /** Words after which a name is a type being declared or used, never a resource. */
    private static final Set<String> TYPE_POSITION_WORDS = Set.of(
            "new", "class", "interface", "trait", "enum", "record", "extends", "implements", "instanceof",
            "as", "throws", "permits", "import", "package");

    private static final String OPEN = DslSourceRewriter.OPEN;

    /** What the previous significant token was: it decides how names and type arguments are read. */
    private enum Prev {
        START, NEWLINE, OPERATOR, MEMBER, KEYWORD, IDENTIFIER, CAPITALIZED, LITERAL, CLOSER, INCREMENT
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

    private final String src;
    private final List<GroovyToken> tokens;
    private final Set<String> resources;
    private final List<Edit> edits = new ArrayList<>();
    private final TypeArguments typeArguments;
    private int i;
    private Prev prev = Prev.START;
    private String prevText = "";

    FormRewrite(String src, List<GroovyToken> tokens, Set<String> resources) {
        this.src = src;
        this.tokens = tokens;
        this.resources = resources;
        this.typeArguments = new TypeArguments(src);
    }

    String run() {
        scanCode(new Frame(FrameKind.ROOT, 0, null));
        if (edits.isEmpty()) {
            return src;
        }
        edits.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        StringBuilder out = new StringBuilder(src.length() + edits.size() * OPEN.length());
        int copied = 0;
        for (Edit edit : edits) {
            out.append(src, copied, edit.start()).append(edit.text());
            copied = edit.end();
        }
        return out.append(src, copied, src.length()).toString();
    }

    /** Reads tokens until {@code frame} is closed (the cursor then follows its closer) or they end. */
    private void scanCode(Frame frame) {
        while (i < tokens.size()) {
            GroovyToken t = tokens.get(i);
            switch (t.kind()) {
                case NEWLINE -> {
                    i++;
                    if (!frame.kind.ignoresNewlines()) {
                        setPrev(Prev.NEWLINE, "");
                    }
                }
                case SHEBANG, LINE_COMMENT, BLOCK_COMMENT -> i++;
                case STRING, NUMBER -> {
                    i++;
                    token(frame, Prev.LITERAL, "", -1);
                }
                case GSTRING_BEGIN -> gstring(frame);
                case IDENTIFIER, KEYWORD -> word(frame, t);
                case OPEN -> {
                    String opener = t.text(src);
                    token(frame, Prev.OPERATOR, opener, -1);
                    i++;
                    FrameKind kind = opener.equals("(") ? FrameKind.PAREN
                            : opener.equals("{") ? FrameKind.BRACE : FrameKind.BRACKET;
                    scanCode(new Frame(kind, t.start(), null));
                    setPrev(Prev.CLOSER, String.valueOf(kind.closer()));
                }
                case CLOSE, GSTRING_PART, GSTRING_END -> {
                    if (closes(frame, t)) {
                        return;
                    }
                }
                case OPERATOR -> {
                    if (operator(frame, t)) {
                        return;
                    }
                }
                default -> throw new IllegalStateException(t.kind().name());
            }
        }
        if (frame.kind == FrameKind.BLOCK) {
            throw neverClosed(frame, "", true);
        }
    }

    /** A closing bracket or the end of an interpolation; true when {@code frame} ends here. */
    private boolean closes(Frame frame, GroovyToken t) {
        if (frame.kind == FrameKind.BLOCK) {
            throw cutOff(frame, t.start());
        }
        boolean bracket = t.kind() == Kind.CLOSE;
        if (frame.kind == FrameKind.ROOT || (frame.kind == FrameKind.INTERPOLATION && bracket)) {
            // A stray closer: Groovy reports it; read on as if it were not there.
            i++;
            setPrev(Prev.CLOSER, t.text(src));
            return false;
        }
        if (bracket && src.charAt(t.start()) == frame.kind.closer()) {
            i++;
        }
        return true;
    }

    /** An operator; true when it is the {@code >} that closes {@code frame}, a DSL block. */
    private boolean operator(Frame frame, GroovyToken t) {
        String op = t.text(src);
        if (frame.kind == FrameKind.BLOCK && op.equals(">")) {
            closeBlock(frame, t);
            return true;
        }
        if (frame.kind == FrameKind.BLOCK && op.equals("<") && startsTypeArguments(t)) {
            int end = typeArguments.match(t.start());
            while (i < tokens.size() && tokens.get(i).start() < end) {
                i++;
            }
            token(frame, Prev.OPERATOR, ">", -1);
            return false;
        }
        i++;
        Prev kind = GroovyScanner.MEMBER_ACCESS.contains(op) ? Prev.MEMBER
                : op.equals("++") || op.equals("--") ? Prev.INCREMENT
                : Prev.OPERATOR;
        token(frame, kind, op, -1);
        return false;
    }

    /** A GString with interpolations: each {@code ${…}} is read as code, DSL forms included. */
    private void gstring(Frame frame) {
        Prev savedKind = prev;
        String savedText = prevText;
        int opener = tokens.get(i).start();
        i++;
        while (i < tokens.size()) {
            setPrev(Prev.OPERATOR, "{");
            scanCode(new Frame(FrameKind.INTERPOLATION, opener, null));
            if (i >= tokens.size()) {
                break;
            }
            GroovyToken part = tokens.get(i++);
            if (part.kind() == Kind.GSTRING_END) {
                break;
            }
            opener = part.start();
        }
        setPrev(savedKind, savedText);
        token(frame, Prev.LITERAL, "", -1);
    }

    private void word(Frame frame, GroovyToken t) {
        i++;
        String word = t.text(src);
        if (t.kind() == Kind.IDENTIFIER && resources.contains(word)
                && !(prev == Prev.MEMBER || TYPE_POSITION_WORDS.contains(prevText))) {
            int lessThan = openingLessThan(t);
            if (lessThan >= 0) {
                token(frame, Prev.CLOSER, "}", -1);
                openBlock(t, word, lessThan);
                return;
            }
        }
        if (GroovyScanner.OPERAND_KEYWORDS.contains(word)) {
            token(frame, Prev.LITERAL, word, -1);
        } else if (t.kind() == Kind.KEYWORD) {
            token(frame, Prev.KEYWORD, word, -1);
        } else {
            Prev kind = Character.isUpperCase(word.codePointAt(0)) ? Prev.CAPITALIZED : Prev.IDENTIFIER;
            token(frame, kind, word, t.end());
        }
    }

    /**
     * Decides whether the resource name {@code name} opens a block and returns the index of the
     * token of its {@code <}, or -1: the {@code <} (not {@code <<}, {@code <=}, {@code <=>} or
     * {@code <..}) must be followed by a verb on the same line, or by a line break or the end of
     * the text (the block form). A {@code >} right after it is an empty block, refused.
     */
    private int openingLessThan(GroovyToken name) {
        int lt = i;
        while (lt < tokens.size() && (tokens.get(lt).kind() == Kind.NEWLINE || tokens.get(lt).kind().isComment())) {
            lt++;
        }
        if (lt >= tokens.size() || !tokens.get(lt).is(Kind.OPERATOR, "<", src)) {
            return -1;
        }
        int k = lt + 1;
        boolean lineBreak = false;
        while (k < tokens.size() && (tokens.get(k).kind() == Kind.NEWLINE || tokens.get(k).kind().isComment())) {
            GroovyToken skipped = tokens.get(k++);
            lineBreak |= skipped.kind() == Kind.NEWLINE || containsLineBreak(skipped.start(), skipped.end());
        }
        if (lineBreak || k >= tokens.size()) {
            return lt;
        }
        GroovyToken after = tokens.get(k);
        if (after.kind() == Kind.IDENTIFIER) {
            return lt;
        }
        if (after.is(Kind.OPERATOR, ">", src)) {
            throw empty(name.start(), name.text(src));
        }
        return -1;
    }

    private void openBlock(GroovyToken name, String resource, int lessThan) {
        GroovyToken lt = tokens.get(lessThan);
        StringBuilder replacement = new StringBuilder(OPEN);
        for (int p = name.end(); p < lt.start(); p++) {
            char c = src.charAt(p);
            if (c == '\n' || c == '\r') {
                replacement.append(c);
            }
        }
        edits.add(new Edit(name.end(), lt.end(), replacement.toString()));
        i = lessThan + 1;
        setPrev(Prev.OPERATOR, "->");
        scanCode(new Frame(FrameKind.BLOCK, name.start(), resource));
        setPrev(Prev.CLOSER, "}");
    }

    private void closeBlock(Frame block, GroovyToken closer) {
        if (block.tokens == 0) {
            throw empty(block.start, block.resource);
        }
        if (block.tokens == 1 && block.soleIdentifierEnd >= 0) {
            edits.add(new Edit(block.soleIdentifierEnd, block.soleIdentifierEnd, "()"));
        }
        edits.add(new Edit(closer.start(), closer.end(), "}"));
        i++;
    }

    private void token(Frame frame, Prev kind, String text, int identifierEnd) {
        setPrev(kind, text);
        frame.tokens++;
        if (frame.tokens == 1) {
            frame.soleIdentifierEnd = identifierEnd;
        }
    }

    private void setPrev(Prev kind, String text) {
        prev = kind;
        prevText = text;
    }

    /**
     * Whether a {@code <} inside a block starts type arguments rather than a comparison: it
     * must follow a capitalized name ({@code List<String>}), a dot ({@code Collections.<T>f()})
     * or {@code def}, and be followed by a well-formed type argument list.
     */
    private boolean startsTypeArguments(GroovyToken lessThan) {
        boolean afterType = prev == Prev.CAPITALIZED || prevText.equals(".") || prevText.equals("def");
        return afterType && typeArguments.match(lessThan.start()) > 0;
    }

    private boolean containsLineBreak(int from, int to) {
        for (int p = from; p < to; p++) {
            if (src.charAt(p) == '\n' || src.charAt(p) == '\r') {
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
        for (int p = 0; p < index; p++) {
            char c = src.charAt(p);
            if (c == '\n' || (c == '\r' && (p + 1 >= src.length() || src.charAt(p + 1) != '\n'))) {
                line++;
                lineStart = p + 1;
            }
        }
        return new int[] {line, index - lineStart + 1};
    }
}
