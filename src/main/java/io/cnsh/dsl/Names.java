package io.cnsh.dsl;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the closest known name to a mistyped one, for "did you mean" hints. */
final class Names {

    private Names() {
    }

    /** The candidate nearest to {@code typed}, if one is close enough to be a likely typo. */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        String snake = t.replaceAll("([a-z])([A-Z])", "$1_$2");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String camelFolded = c.replace("_", "");
            int d = Math.min(distance(t, c), Math.min(distance(snake, c), distance(t.replace("_", ""), camelFolded)));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(2, typed.length() / 3);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** "unknown X 'typed' — did you mean 'y'?" or with the list of known names. */
    static String unknown(String what, String typed, Collection<String> candidates) {
        return closest(typed, candidates)
                .map(c -> "unknown " + what + " '" + typed + "' — did you mean '" + c + "'?")
                .orElse("unknown " + what + " '" + typed + "' (known: " + String.join(", ", candidates) + ")");
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
