package io.cnsh.model;

/**
 * The width of text in terminal columns, counted by user-perceived characters (grapheme clusters):
 * CJK and emoji take two columns, combining marks and joiners none (they stay with the character
 * before them), a surrogate pair is one character. Text is only ever cut between clusters, so a cut
 * never splits a surrogate pair, leaves a combining mark behind or breaks an emoji sequence
 * ({@code 👩‍💻}, flags such as {@code 🇬🇧}, skin tones).
 *
 * <p>Tables in {@code report}, the REPL and bulk output measure cells with it. It lives in
 * {@code model} rather than using JLine's {@code WCWidth} because JLine stays inside the REPL (the
 * architecture's dependency rules), and reports and bulk output are rendered without a terminal.
 * The wide ranges are Unicode's East Asian Wide and Fullwidth characters and the emoji blocks.
 * ASCII and Latin-1 text measure exactly their {@code length()}.
 */
public final class DisplayWidth {

    /** Start and end (inclusive) of the code point ranges two columns wide. */
    private static final int[] WIDE = {
        0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3,
        0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1,
        0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA,
        0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B,
        0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
        0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55,
        0x2E80, 0x303E, 0x3041, 0x33FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xA000, 0xA4CF, 0xA960, 0xA97F,
        0xAC00, 0xD7A3, 0xF900, 0xFAFF, 0xFE10, 0xFE19, 0xFE30, 0xFE6F, 0xFF00, 0xFF60, 0xFFE0, 0xFFE6,
        0x16FE0, 0x16FE4, 0x17000, 0x18AFF, 0x1B000, 0x1B2FF, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF,
        0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F1E6, 0x1F1FF, 0x1F200, 0x1F202, 0x1F210, 0x1F23B,
        0x1F240, 0x1F248, 0x1F250, 0x1F251, 0x1F260, 0x1F265, 0x1F300, 0x1F64F, 0x1F680, 0x1F6FF,
        0x1F7E0, 0x1F7EB, 0x1F90C, 0x1F9FF, 0x1FA70, 0x1FAFF, 0x20000, 0x2FFFD, 0x30000, 0x3FFFD,
    };

    private static final int ZWJ = 0x200D;
    private static final String ELLIPSIS = "…";

    private DisplayWidth() {
    }

    /** The columns {@code s} takes on a terminal; 0 for null or empty. */
    public static int of(String s) {
        if (s == null) {
            return 0;
        }
        if (simple(s)) {
            return s.length();
        }
        int columns = 0;
        for (int i = 0; i < s.length(); ) {
            int end = clusterEnd(s, i);
            columns += clusterWidth(s, i, end);
            i = end;
        }
        return columns;
    }

    /** The longest start of {@code s} made of whole characters that fits in {@code columns}. */
    public static String prefix(String s, int columns) {
        if (simple(s)) {
            return s.length() <= columns ? s : s.substring(0, Math.max(0, columns));
        }
        int used = 0;
        int i = 0;
        while (i < s.length()) {
            int end = clusterEnd(s, i);
            int w = clusterWidth(s, i, end);
            if (used + w > columns) {
                break;
            }
            used += w;
            i = end;
        }
        return s.substring(0, i);
    }

    /**
     * {@code s} in at most {@code columns} columns: as it is when it fits, else cut between whole
     * characters with {@code …} at the end (the cut may be one column short when a wide character
     * does not fit; {@link #pad} makes the cell exact).
     */
    public static String cut(String s, int columns) {
        return of(s) <= columns ? s : prefix(s, Math.max(0, columns - 1)) + ELLIPSIS;
    }

    /** {@code s} followed by spaces up to {@code columns} columns. */
    public static String pad(String s, int columns) {
        int w = of(s);
        return w >= columns ? s : s + " ".repeat(columns - w);
    }

    /** True when every char is printable ASCII or Latin-1 (one column each, no combining marks). */
    private static boolean simple(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c >= 0x300) {
                return false;
            }
        }
        return true;
    }

    /** The index after the grapheme cluster that starts at {@code start}. */
    private static int clusterEnd(String s, int start) {
        int first = s.codePointAt(start);
        int i = start + Character.charCount(first);
        if (first == '\r' && i < s.length() && s.charAt(i) == '\n') {
            return i + 1;
        }
        boolean regionalPair = false;
        int previous = first;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            boolean joins = joinsPrevious(cp) || previous == ZWJ && !Character.isISOControl(cp);
            if (!joins && isRegional(first) && isRegional(cp) && !regionalPair) {
                joins = true;
                regionalPair = true;
            }
            if (!joins) {
                break;
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** Code points that belong to the character before them. */
    private static boolean joinsPrevious(int cp) {
        if (cp == ZWJ || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
                || (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isRegional(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    private static int clusterWidth(String s, int start, int end) {
        int base = s.codePointAt(start);
        if (Character.isISOControl(base) || zeroWidth(base)) {
            // a mark or joiner with nothing before it, or a control character: takes no column
            return 0;
        }
        if (wide(base) || s.indexOf('\uFE0F', start) >= 0 && s.indexOf('\uFE0F', start) < end) {
            return 2;
        }
        return 1;
    }

    private static boolean zeroWidth(int cp) {
        return joinsPrevious(cp) || Character.getType(cp) == Character.FORMAT;
    }

    private static boolean wide(int cp) {
        if (cp < 0x1100) {
            return false;
        }
        int lo = 0;
        int hi = WIDE.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < WIDE[2 * mid]) {
                hi = mid - 1;
            } else if (cp > WIDE[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
