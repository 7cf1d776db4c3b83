package io.cnsh.dsl;

/**
 * Matches a type argument list such as {@code <T, U<V>, ? extends W[]>} in source text, so that
 * the {@code <} and {@code >} of {@code List<String>} inside a DSL block are not taken for a
 * comparison or for the block's end.
 */
final class TypeArguments {

    private final String src;
    private final int n;

    TypeArguments(String src) {
        this.src = src;
        this.n = src.length();
    }

    /** The offset after the type argument list whose {@code <} is at {@code p}, or -1 if none is there. */
    int match(int p) {
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
                int bound = GroovyScanner.identifierEnd(src, q);
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
            p = skipSpaces(GroovyScanner.identifierEnd(src, p));
            if (p < n && src.charAt(p) == '<') {
                p = match(p);
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

    private int skipSpaces(int p) {
        while (p < n && Character.isWhitespace(src.charAt(p))) {
            p++;
        }
        return p;
    }
}
