package io.cnsh.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a TOML file of {@code [profiles.NAME]} sections ({@code config}, {@code credentials}),
 * edited as text so that everything but the one section changed stays byte for byte as it was:
 * comments, blank lines, key order, quoting and the other profiles. A section runs from its header to
 * its last key line before the next header; comments after that belong to what follows and stay. A
 * section is added at the end, after one blank line, and removing it takes that blank line too, so
 * adding and then removing a profile gives back the file as it was.
 *
 * <pre>{@code
 * String text = new ConfigText(old).with("lab", List.of("url = " + ConfigText.quote(url))).text();
 * }</pre>
 */
public final class ConfigText {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HEADER = Pattern.compile(
            "\\s*\\[\\s*profiles\\s*\\.\\s*(?:([A-Za-z0-9_-]+)|\"([^\"\\\\]*)\"|'([^']*)')\\s*]\\s*(?:#.*)?");

    private final List<String> lines;
    private final String newline;

    /** The file's text; a file that ends without a line break is given one before a section is added. */
    public ConfigText(String text) {
        this.lines = new ArrayList<>();
        for (String line : text.split("(?<=\n)")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** True for a name that is a bare TOML key: letters, digits, {@code _} and {@code -}, at most 64. */
    public static boolean isBareKey(String name) {
        return name != null && BARE_KEY.matcher(name).matches();
    }

    /** A TOML basic string holding {@code value}, quotes, backslashes and control characters escaped. */
    public static String quote(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\t' -> s.append("\\t");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    /** One {@code key = value} line per entry: strings quoted, lists as arrays, the rest as written. */
    public static List<String> keyLines(Map<String, Object> keys) {
        List<String> out = new ArrayList<>();
        keys.forEach((k, v) -> out.add(k + " = " + value(v)));
        return out;
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(value(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return String.valueOf(v);
    }

    /** True when the text has a {@code [profiles.NAME]} header. */
    public boolean has(String name) {
        return range(name).isPresent();
    }

    /** The text with the section of {@code name} (header and key lines) in place of the old one, or added at the end. */
    public ConfigText with(String name, List<String> keyLines) {
        List<String> section = new ArrayList<>();
        section.add("[profiles." + name + "]" + newline);
        keyLines.forEach(l -> section.add(l + newline));
        Optional<int[]> r = range(name);
        if (r.isPresent()) {
            lines.subList(r.get()[0], r.get()[1]).clear();
            lines.addAll(r.get()[0], section);
            return this;
        }
        if (!lines.isEmpty()) {
            int last = lines.size() - 1;
            if (!lines.get(last).endsWith("\n")) {
                lines.set(last, lines.get(last) + newline);
            }
            lines.add(newline);
        }
        lines.addAll(section);
        return this;
    }

    /** The text without the section of {@code name} and the one blank line before it; unchanged when there is none. */
    public ConfigText without(String name) {
        range(name).ifPresent(r -> {
            int from = r[0];
            if (from > 0 && lines.get(from - 1).isBlank()) {
                from--;
            }
            lines.subList(from, r[1]).clear();
        });
        return this;
    }

    public String text() {
        return String.join("", lines);
    }

    /** Lines {@code [from, to)} of the section: its header through its last key line. */
    private Optional<int[]> range(String name) {
        boolean inString = false;
        int from = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (!inString && trimmed.startsWith("[")) {
                if (from >= 0) {
                    break;
                }
                Matcher m = HEADER.matcher(line.stripTrailing());
                if (m.matches() && name.equals(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3))) {
                    from = i;
                    last = i;
                }
            } else if (from >= 0 && (inString || !trimmed.isEmpty() && !trimmed.startsWith("#"))) {
                last = i;
            }
            // a multi-line string may hold a line that looks like a header
            if (countOf(line, "\"\"\"") % 2 == 1 || countOf(line, "'''") % 2 == 1) {
                inString = !inString;
            }
        }
        return from < 0 ? Optional.empty() : Optional.of(new int[] {from, last + 1});
    }

    private static int countOf(String line, String what) {
        int n = 0;
        for (int i = line.indexOf(what); i >= 0; i = line.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
