package io.cnsh.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the values of secret names (pin, password, token) in a line of cnsh code, so that the line
 * can be kept in the history file or shown in a stack trace: {@code pin: '1234'} becomes {@code pin: '****'}, and so do
 * {@code "password": "x"}, {@code pin = 1234} and {@code it.pin = '0000'}.
 */
public final class SecretMasker {

    /** A secret name (bare or quoted), a {@code :} or {@code =}, then a quoted string or a bare word. */
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)(?<![\\w$])(['\"]?)(pin|password|token)\\1(\\s*(?::|=(?![=~]))\\s*)"
                    + "(?:'''(?:[^\\\\]|\\\\.)*?(?:'''|$)|\"\"\"(?:[^\\\\]|\\\\.)*?(?:\"\"\"|$)"
                    + "|'(?:[^'\\\\\\n]|\\\\.)*(?:'|$)|\"(?:[^\"\\\\\\n]|\\\\.)*(?:\"|$)|[\\w.+\\-]+)",
            Pattern.DOTALL | Pattern.MULTILINE);

    private SecretMasker() {
    }

    /** The line with every secret value replaced by {@link Secrets#MASK}, keeping its quotes. */
    public static String mask(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        Matcher m = SECRET_VALUE.matcher(line);
        StringBuilder out = new StringBuilder(line.length());
        while (m.find()) {
            String value = m.group().substring(m.end(3) - m.start());
            m.appendReplacement(out, Matcher.quoteReplacement(
                    line.substring(m.start(), m.end(3)) + masked(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String masked(String value) {
        for (String quote : new String[] {"'''", "\"\"\"", "'", "\""}) {
            if (value.startsWith(quote)) {
                boolean closed = value.length() >= 2 * quote.length() && value.endsWith(quote);
                return quote + Secrets.MASK + (closed ? quote : "");
            }
        }
        return Secrets.MASK;
    }
}
