package io.cnsh.dsl;

import io.cnsh.dsl.GroovyToken.Kind;
import io.cnsh.model.Secrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Masks secret values in a line of cnsh code, so that the line can be kept in the history file or
 * shown in a stack trace. It reads the line with {@link GroovyScanner}, so it agrees with the DSL
 * on what is a string:
 *
 * <ul>
 *   <li>by name: the value after a secret name (pin, password, token; bare or quoted, any case)
 *       and {@code :} or {@code =} is masked, quotes kept: {@code pin: '1234'} becomes
 *       {@code pin: '****'}, and so do {@code "password": "x"}, {@code pin = 1234} and
 *       {@code it.pin = '0000'}; {@code x.pin == 1234} and {@code sort: 'pin'} stay;</li>
 *   <li>by value ({@link #mask(String, Set)}): a string or number literal whose whole value is a
 *       known secret, {@code '482913'} or {@code 482913}, never part of another literal;</li>
 *   <li>inside strings and comments: their text is read the same way, so {@code println 'pin: 1'}
 *       and an error message that quotes {@code pin: '1'} are masked too (a secret must not reach
 *       the history or a trace because it was typed inside quotes).</li>
 * </ul>
 */
public final class SecretMasker {

    private SecretMasker() {
    }

    /** The line with the value of every secret name replaced by {@link Secrets#MASK}, keeping its quotes. */
    public static String mask(String line) {
        return mask(line, Set.of());
    }

    /** As {@link #mask(String)}, and every literal whose value is one of {@code values} is masked too. */
    public static String mask(String line, Set<String> values) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        List<GroovyToken> tokens = GroovyScanner.scan(line);
        List<Replacement> found = new ArrayList<>();
        byName(line, tokens, found);
        for (GroovyScanner.Literal literal : GroovyScanner.literals(line, tokens)) {
            if (values.contains(line.substring(literal.valueStart(), literal.valueEnd()))) {
                found.add(new Replacement(literal.valueStart(), literal.valueEnd(), Secrets.MASK));
            }
        }
        for (GroovyToken t : tokens) {
            int[] inner = innerText(line, t);
            if (inner != null) {
                String text = line.substring(inner[0], inner[1]);
                String masked = mask(text);
                if (!masked.equals(text)) {
                    found.add(new Replacement(inner[0], inner[1], masked));
                }
            }
        }
        if (found.isEmpty()) {
            return line;
        }
        found.sort(Comparator.comparingInt(Replacement::start));
        StringBuilder out = new StringBuilder(line.length());
        int copied = 0;
        for (Replacement r : found) {
            if (r.start() >= copied) {
                out.append(line, copied, r.start()).append(r.text());
                copied = r.end();
            }
        }
        return out.append(line, copied, line.length()).toString();
    }

    private record Replacement(int start, int end, String text) {
    }

    /** Finds each secret name followed by {@code :} or {@code =} and masks the value after it. */
    private static void byName(String line, List<GroovyToken> tokens, List<Replacement> found) {
        for (int k = 0; k < tokens.size(); k++) {
            if (!isSecretName(line, tokens.get(k))) {
                continue;
            }
            int colon = skipLineBreaks(tokens, k + 1);
            if (colon >= tokens.size() || !(tokens.get(colon).is(Kind.OPERATOR, ":", line)
                    || tokens.get(colon).is(Kind.OPERATOR, "=", line))) {
                continue;
            }
            int value = skipLineBreaks(tokens, colon + 1);
            if (value < tokens.size()) {
                k = maskValue(line, tokens, value, found);
            }
        }
    }

    private static boolean isSecretName(String line, GroovyToken t) {
        if (t.kind() == Kind.IDENTIFIER) {
            return Secrets.isSecretName(t.text(line));
        }
        if (t.kind() == Kind.STRING && t.terminated() && t.end() - t.start() > 2
                && GroovyScanner.delimiterLength(line, t.start()) == 1) {
            return Secrets.isSecretName(line.substring(t.start() + 1, t.end() - 1));
        }
        return false;
    }

    /** Masks the value that starts at token {@code first}; returns the index of its last token. */
    private static int maskValue(String line, List<GroovyToken> tokens, int first, List<Replacement> found) {
        GroovyToken t = tokens.get(first);
        if (t.kind() == Kind.STRING || t.kind() == Kind.GSTRING_BEGIN) {
            int last = first;
            for (int depth = 0; last < tokens.size(); last++) {
                Kind kind = tokens.get(last).kind();
                depth += kind == Kind.GSTRING_BEGIN ? 1 : kind == Kind.GSTRING_END ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            boolean ends = last < tokens.size();
            GroovyToken end = ends ? tokens.get(last) : null;
            int length = GroovyScanner.delimiterLength(line, t.start());
            int valueStart = Math.min(t.start() + length, ends ? end.end() : line.length());
            int valueEnd = !ends ? line.length() : end.terminated() ? end.end() - length : end.end();
            found.add(new Replacement(valueStart, Math.max(valueStart, valueEnd), Secrets.MASK));
            return ends ? last : tokens.size() - 1;
        }
        int last = first - 1;
        while (last + 1 < tokens.size() && isBareValuePart(line, tokens.get(last + 1))
                && (last < first || tokens.get(last).end() == tokens.get(last + 1).start())) {
            last++;
        }
        if (last >= first) {
            found.add(new Replacement(t.start(), tokens.get(last).end(), Secrets.MASK));
        }
        return Math.max(first, last);
    }

    /** A bare value is names, numbers and the {@code .}, {@code +} and {@code -} between them, written together. */
    private static boolean isBareValuePart(String line, GroovyToken t) {
        return switch (t.kind()) {
            case NUMBER, IDENTIFIER, KEYWORD -> true;
            case OPERATOR -> t.is(Kind.OPERATOR, ".", line) || t.is(Kind.OPERATOR, "+", line)
                    || t.is(Kind.OPERATOR, "-", line);
            default -> false;
        };
    }

    private static int skipLineBreaks(List<GroovyToken> tokens, int k) {
        while (k < tokens.size() && tokens.get(k).kind() == Kind.NEWLINE) {
            k++;
        }
        return k;
    }

    /** The span of the text inside a string without interpolation or a comment, or null for other tokens. */
    private static int[] innerText(String line, GroovyToken t) {
        int from;
        int closer;
        switch (t.kind()) {
            case STRING -> {
                from = GroovyScanner.delimiterLength(line, t.start());
                closer = from;
            }
            case LINE_COMMENT -> {
                from = 2;
                closer = 0;
            }
            case BLOCK_COMMENT -> {
                from = 2;
                closer = 2;
            }
            default -> {
                return null;
            }
        }
        int start = Math.min(t.start() + from, t.end());
        int end = t.terminated() ? Math.max(start, t.end() - closer) : t.end();
        return new int[] {start, end};
    }
}
