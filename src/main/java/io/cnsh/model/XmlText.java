package io.cnsh.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The characters XML 1.0 can carry: tab, line feed, carriage return, U+0020 to U+D7FF, U+E000 to
 * U+FFFD and, as surrogate pairs, U+10000 to U+10FFFF. Any other (a control character such as
 * U+0000, an unpaired surrogate, U+FFFE, U+FFFF) cannot appear in an XML document, not even
 * escaped, so a value holding one is refused before it is sent or stored, and an XML writer
 * replaces what got stored anyway.
 */
public final class XmlText {

    /** What an XML writer puts in place of a character XML cannot carry. */
    public static final char REPLACEMENT = '\uFFFD';

    private XmlText() {
    }

    /** The index of the first character of {@code s} that XML 1.0 cannot carry, or -1. */
    public static int firstIllegal(String s) {
        if (s == null) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c == '\r' || c >= 0xE000 && c <= 0xFFFD) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /** {@code s} with every character XML 1.0 cannot carry replaced by {@link #REPLACEMENT}. */
    public static String replaceIllegal(String s) {
        int first = firstIllegal(s);
        if (first < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(firstIllegal(String.valueOf(c)) < 0 ? c : REPLACEMENT);
            }
        }
        return out.toString();
    }

    /**
     * The problem of a field value holding a character XML 1.0 cannot carry, naming the field, the
     * character and its position (never the value, which may be a secret); empty when there is none.
     */
    public static Optional<String> problem(String field, String value) {
        int at = firstIllegal(value);
        if (at < 0) {
            return Optional.empty();
        }
        char c = value.charAt(at);
        String kind = Character.isSurrogate(c) ? "the unpaired surrogate"
                : c == 0xFFFE || c == 0xFFFF ? "the non-character" : "the control character";
        return Optional.of("field '" + field + "' holds " + kind + " " + String.format(Locale.ROOT, "U+%04X", (int) c)
                + " (character " + (at + 1) + "), which XML 1.0 cannot carry; remove it");
    }
}
