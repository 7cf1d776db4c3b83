package io.cnsh.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A statement filter of a read, such as {@code != 999}, {@code <= 10} or
 * {@code NOT IN (999, 505050)}: an operator and its operands. A value without an operator is an
 * equality test. When every operand is an integer the comparison is numeric, as a MySQL server
 * comparing a text column with a number would do; otherwise it compares text.
 *
 * <p>The grammar is read once, here, by the client (which sends only {@linkplain #checkNumeric
 * numeric} statements) and by the sandbox (which, like the API, also compares text).
 *
 * <pre>{@code
 * StatementFilter.parse("NOT IN (999, 505050)");   // NOT_IN [999, 505050], numeric
 * StatementFilter.checkNumeric("!= abc");         // "filter '!= abc' compares with text; write 999, != 999, …"
 * }</pre>
 *
 * @param op       the comparison
 * @param operands one value, or the list of an {@code IN}/{@code NOT IN}
 */
public record StatementFilter(Op op, List<String> operands) {

    /** The forms the client sends, as its error messages and the docs word them. */
    public static final String FORMS = "999, != 999, < 10, >= 10, IN (0, 999) or NOT IN (999, 505050)";

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

    public StatementFilter {
        operands = List.copyOf(operands);
    }

    /** The comparison operators, longest spelling first so that {@code <=} is not read as {@code <}. */
    public enum Op {
        NOT_IN("NOT IN"), IN("IN"), NE("!="), NE_SQL("<>"), LE("<="), GE(">="), LT("<"), GT(">"), EQ("=");

        private final String sql;

        Op(String sql) {
            this.sql = sql;
        }

        /** The operator as SQL writes it, e.g. {@code NOT IN}. */
        public String sql() {
            return sql;
        }

        /** True for {@code IN} and {@code NOT IN}, whose operand is a list. */
        public boolean isList() {
            return this == IN || this == NOT_IN;
        }
    }

    /** True when every operand is an integer, so the comparison is numeric. */
    public boolean numeric() {
        return operands.stream().allMatch(o -> INTEGER.matcher(o).matches());
    }

    /**
     * Reads a statement.
     *
     * @throws IllegalArgumentException when an operator has no operand or a list is malformed
     */
    public static StatementFilter parse(String text) {
        String s = text.trim();
        String upper = s.toUpperCase(Locale.ROOT);
        for (Op op : Op.values()) {
            if (op.isList()) {
                if (upper.startsWith(op.sql) && s.length() > op.sql.length()
                        && (s.charAt(op.sql.length()) == '(' || Character.isWhitespace(s.charAt(op.sql.length())))) {
                    return new StatementFilter(op, list(s.substring(op.sql.length()).trim()));
                }
            } else if (s.startsWith(op.sql)) {
                String operand = unquote(s.substring(op.sql.length()).trim());
                if (operand.isEmpty()) {
                    throw new IllegalArgumentException("operator " + op.sql + " has no value");
                }
                return new StatementFilter(op == Op.NE_SQL ? Op.NE : op, List.of(operand));
            }
        }
        return new StatementFilter(Op.EQ, List.of(s));
    }

    /**
     * Checks a statement the way the client does before sending it: it must parse, and every
     * operand must be a whole number.
     *
     * @return empty when the statement is one of {@link #FORMS}, otherwise a one-line problem
     */
    public static Optional<String> checkNumeric(String text) {
        String problem;
        if (text == null || text.isBlank()) {
            problem = "is blank";
        } else {
            try {
                if (parse(text).numeric()) {
                    return Optional.empty();
                }
                problem = "compares with text, not whole numbers";
            } catch (IllegalArgumentException e) {
                problem = "is malformed (" + e.getMessage() + ")";
            }
        }
        return Optional.of("filter " + (text == null ? "null" : "'" + text + "'") + " " + problem + "; write " + FORMS);
    }

    private static List<String> list(String s) {
        if (!s.startsWith("(") || !s.endsWith(")")) {
            throw new IllegalArgumentException("IN needs a list in parentheses");
        }
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        char quote = 0;
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                item.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                item.append(c);
            } else if (c == ',') {
                items.add(listItem(item));
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in the IN list");
        }
        items.add(listItem(item));
        return items;
    }

    private static String listItem(StringBuilder raw) {
        String v = unquote(raw.toString().trim());
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty value in the IN list");
        }
        return v;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
