package io.cnsh.model;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" hints: the known name closest to a mistyped one (field names, verbs, CSV
 * columns), tolerant of case, spaces, hyphens and Java-style names ({@code authLevel}).
 */
public final class NameHints {

    private NameHints() {
    }

    /** The known name nearest to {@code typed}, if one is close enough to be a likely typo. */
    public static Optional<String> closest(String typed, Collection<String> known) {
        String plain = typed.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        String snake = typed.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = Math.min(Math.min(distance(plain, k), distance(snake, k)),
                    distance(plain.replace("_", ""), k.replace("_", "")));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** "unknown X 'typed' — did you mean 'y'?", or the list of known names when none is close. */
    public static String unknown(String what, String typed, Collection<String> known) {
        return closest(typed, known)
                .map(c -> "unknown " + what + " '" + typed + "' — did you mean '" + c + "'?")
                .orElse("unknown " + what + " '" + typed + "' (known: " + String.join(", ", known) + ")");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
