package io.cnsh.dsl;

/**
 * One token of Groovy source as {@link GroovyScanner} reads it: its kind and the offsets of its
 * first character and of the character after it. Spaces, tabs and escaped line breaks between
 * tokens belong to no token; every other character belongs to exactly one.
 *
 * <p>A GString with {@code ${…}} interpolations is several tokens, as in Groovy's own lexer:
 * {@link Kind#GSTRING_BEGIN} ({@code "id ${}), the tokens of the code inside, then
 * {@link Kind#GSTRING_PART} ({@code } of ${}) or {@link Kind#GSTRING_END} ({@code }"}). A string
 * without interpolation is one {@link Kind#STRING} token, whatever its quotes.
 *
 * @param kind what the token is
 * @param start offset of its first character
 * @param end offset after its last character
 * @param terminated false when the input (or, for a one-line string, the line) ends before the
 *     token's closing quote, slash or {@code *}{@code /}
 */
public record GroovyToken(Kind kind, int start, int end, boolean terminated) {

    /** The kinds of token. */
    public enum Kind {
        /** {@code #!…} on the first lines of a script. */
        SHEBANG,
        /** {@code // …} up to the line break. */
        LINE_COMMENT,
        /** {@code /* … *}{@code /} and {@code /** … *}{@code /}. */
        BLOCK_COMMENT,
        /** A string without interpolation: quoted, triple-quoted, slashy or dollar-slashy. */
        STRING,
        /** A GString from its opening quote up to and with its first {@code ${}. */
        GSTRING_BEGIN,
        /** A GString from the {@code }} of an interpolation up to and with the next {@code ${}. */
        GSTRING_PART,
        /** A GString from the {@code }} of its last interpolation up to and with its closing quote. */
        GSTRING_END,
        /** A number: {@code 42}, {@code 0x1F}, {@code 1.5e-3}, {@code 10L}, {@code 1_000}. */
        NUMBER,
        /** A name that is not a reserved word. */
        IDENTIFIER,
        /** One of Groovy's reserved words ({@link GroovyScanner#KEYWORDS}). */
        KEYWORD,
        /** An operator or punctuation: {@code <}, {@code ?.}, {@code ,}, {@code :}, {@code ->}. */
        OPERATOR,
        /** An opening bracket: {@code (}, {@code [}, {@code ?[} or <code>{</code>. */
        OPEN,
        /** A closing bracket: {@code )}, {@code ]} or <code>}</code>. */
        CLOSE,
        /** A line break outside strings and comments. */
        NEWLINE;

        /** True for the kinds that a reader of code skips: comments and the shebang. */
        public boolean isComment() {
            return this == LINE_COMMENT || this == BLOCK_COMMENT || this == SHEBANG;
        }

        /** True for the kinds that make up string literals. */
        public boolean isString() {
            return this == STRING || this == GSTRING_BEGIN || this == GSTRING_PART || this == GSTRING_END;
        }
    }

    /** The token's text in {@code source}, the text it was read from. */
    public String text(String source) {
        return source.substring(start, end);
    }

    /** True when the token is of this kind and reads {@code text} in {@code source}. */
    public boolean is(Kind kind, String text, String source) {
        return this.kind == kind && end - start == text.length() && source.startsWith(text, start);
    }
}
